/**
 * The exported JSON Schema must accept what zod accepts and refuse what it
 * refuses structurally, and the committed docs/schema files must be current.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, jsonSchemaDocuments, parseUpdate } from '../src/index.ts';
import { KAZAKHSTAN_SEED } from '../src/seed/kazakhstan.ts';
import { validateJsonSchema } from './json-schema-lite.ts';
import { figurePaths, getAt, leafPaths, setAt } from './paths.ts';

const docs = jsonSchemaDocuments();
const whole = docs.get('update.schema.json')!;
const perKind = (kind: string) => docs.get(`${kind}.schema.json`)!;

describe('JSON Schema export', () => {
  it('has one document for any update and one per kind', () => {
    expect([...docs.keys()].sort()).toEqual(['update.schema.json', ...KINDS.map((k) => `${k}.schema.json`)].sort());
    for (const d of docs.values()) expect(d.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('every seed update validates against the whole schema and its kind schema, and no other kind', () => {
    for (const u of KAZAKHSTAN_SEED) {
      expect(validateJsonSchema(whole, u), u.id).toEqual([]);
      for (const kind of KINDS) {
        const errors = validateJsonSchema(perKind(kind), u);
        if (kind === u.kind) expect(errors, u.id).toEqual([]);
        else expect(errors.length, `${u.id} vs ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('refuses the structural mistakes zod refuses (property)', () => {
    const mutation = fc.constantFrom(...KAZAKHSTAN_SEED).chain((u) =>
      fc.oneof(
        fc.constant(setAt(u, ['kind'], 'weather')),
        fc.constant({ ...u, extra: true }),
        fc.constant(setAt(u, ['payload', 'extra'], 1)),
        fc.constant(setAt(u, ['reportedAt'], '2022-02-30T10:00:00Z')),
        fc.constant(setAt(u, ['place', 'country'], 'Kazakhstan')),
        fc.constant(setAt(u, ['sources'], [])),
        fc.integer({ min: 301, max: 1000 }).map((n) => setAt(u, ['headline'], 'x'.repeat(n))),
        ...(figurePaths(u).length
          ? [
              fc.constantFrom(...figurePaths(u)).map((p) => setAt(u, [...p, 'value'], -1)),
              fc.constantFrom(...figurePaths(u)).map((p) => setAt(u, [...p, 'value'], 1.5)),
              fc.constantFrom(...figurePaths(u)).map((p) => setAt(u, [...p, 'qualifier'], 'roughly')),
            ]
          : []),
        fc.constantFrom(...leafPaths(u).filter((p) => typeof getAt(u, p) === 'string')).map((p) => setAt(u, p, 'x'.repeat(3000))),
      ),
    );
    fc.assert(
      fc.property(mutation, (bad) => {
        expect(parseUpdate(bad).ok).toBe(false);
        expect(validateJsonSchema(whole, bad).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('docs/schema holds the current export (run `npm run schema` after changing the schema)', async () => {
    const dir = join(import.meta.dirname, '../../../docs/schema');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([...docs.keys()].sort());
    for (const [file, doc] of docs) expect(JSON.parse(await readFile(join(dir, file), 'utf8')), file).toEqual(doc);
  });
});
