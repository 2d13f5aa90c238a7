/**
 * The codec modules under src/protocol/apis/ are generated from the schemas
 * in src/protocol/schema/: they must be exactly what the generator writes
 * (no hand edits, no schema change left unregenerated), one module per
 * version, and the table ApiVersions advertises must be those versions.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIS_DIR, generatedFiles } from '../src/protocol/codegen/generate.ts';
import { dirName, versionsOf } from '../src/protocol/codegen/emit.ts';
import { SCHEMAS } from '../src/protocol/schema/index.ts';
import { API_BY_KEY, advertisedApiVersions } from '../src/protocol/apis/index.ts';

describe('generated codecs', () => {
  it('every generated file on disk is what the generator writes now', () => {
    const stale: string[] = [];
    for (const [rel, text] of generatedFiles()) {
      const file = join(APIS_DIR, rel);
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(rel);
    }
    expect(stale, 'run: node --import tsx services/broker/src/protocol/codegen/generate.ts').toEqual([]);
  });

  it('each API directory holds its types and exactly one module per implemented version', () => {
    for (const api of SCHEMAS) {
      const files = readdirSync(join(APIS_DIR, dirName(api))).sort();
      expect(files).toEqual(['types.ts', ...versionsOf(api).map((v) => `v${v}.ts`)].sort());
    }
  });

  it('the API table, and so ApiVersions, is the schemas: same keys, same version ranges, flexible where Kafka is', () => {
    expect(advertisedApiVersions()).toEqual(
      [...SCHEMAS].sort((a, b) => a.key - b.key).map((s) => ({ apiKey: s.key, minVersion: versionsOf(s)[0], maxVersion: versionsOf(s).at(-1) })),
    );
    for (const s of SCHEMAS) {
      const entry = API_BY_KEY.get(s.key)!;
      for (const v of versionsOf(s)) expect(entry.codec(v)!.flexible, `${s.name} v${v}`).toBe(s.flexibleFrom !== null && v >= s.flexibleFrom);
    }
  });
});
