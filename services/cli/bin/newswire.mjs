#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so no build step stands
// between a fresh clone and `npx newswire`.
import { register } from 'tsx/esm/api';
register();
await import('../src/main.ts');
