/**
 * The README's configuration table is the page a newcomer reads first: every
 * variable the one schema knows must be listed there, and every variable the
 * table names must exist in the schema (no stale rows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/index.ts';

const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));
const known = Object.keys(configSchema.shape);

describe('README configuration table', () => {
  it('lists every variable of the config schema', () => {
    const missing = known.filter((v) => !section.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });

  it('names no variable the schema does not know', () => {
    const named = [...section.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]!);
    expect(named.filter((v) => !known.includes(v))).toEqual([]);
  });
});
