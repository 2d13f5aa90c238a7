#!/usr/bin/env node
// In the repo: runs the TypeScript sources through tsx, so no build step stands
// between a fresh clone and `npx newswire`. Installed from the packed tarball
// (which holds no src/): runs the bundle in dist/ on plain node, serving the
// dashboard prebuilt next to it. See scripts/pack/cli.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../src/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  process.env.DASHBOARD_DIST_DIR ??= fileURLToPath(new URL('../dist/dashboard', import.meta.url));
  await import(new URL('../dist/newswire.mjs', import.meta.url).href);
}
