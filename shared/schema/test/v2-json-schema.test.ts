/**
 * The exported v2 JSON Schema accepts what zod accepts and refuses what it
 * refuses structurally, and docs/schema/v2 holds the current export.
 */
import { readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSchemaDocuments, KINDS, parseAnyUpdate, parseUpdate, type Update } from '../src/v2/index.ts';
import { KAZAKHSTAN_SEED_V2 } from '../src/v2/seed/index.ts';
import { validateJsonSchema } from './json-schema-lite.ts';
import { getAt, leafPaths, setAt } from './paths.ts';

const docs = jsonSchemaDocuments();
const whole = docs.get('update.schema.json')!;
const perKind = (kind: string) => docs.get(`${kind}.schema.json`)!;

/** The v1 fixture log read as v2: more shapes than the seed uses. */
const UPCAST: Update[] = readFileSync(join(import.meta.dirname, 'fixtures', 'v1-log.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => {
    const r = parseAnyUpdate(JSON.parse((JSON.parse(l) as { value: string }).value));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.update;
  });
const SAMPLES = [...KAZAKHSTAN_SEED_V2, ...UPCAST];

describe('v2 JSON Schema export', () => {
  it('has one document for any update and one per kind, under the v2 id', () => {
    expect([...docs.keys()].sort()).toEqual(['update.schema.json', ...KINDS.map((k) => `${k}.schema.json`)].sort());
    for (const [file, d] of docs) {
      expect(d.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(d.$id).toBe(`https://newswire.dev/schema/v2/${file}`);
    }
  });

  it('every seed and upcast update validates against the whole schema and its kind schema, and no other kind', () => {
    for (const u of SAMPLES) {
      expect(validateJsonSchema(whole, u), u.id).toEqual([]);
      for (const kind of KINDS) {
        const errors = validateJsonSchema(perKind(kind), u);
        if (kind === u.kind) expect(errors, u.id).toEqual([]);
        else expect(errors.length, `${u.id} vs ${kind}`).toBeGreaterThan(0);
      }
    }
  });

  it('refuses the structural mistakes zod refuses (property)', () => {
    const mutation = fc.constantFrom(...SAMPLES).chain((u) =>
      fc.oneof(
        fc.constant(setAt(u, ['kind'], 'weather')),
        fc.constant({ ...u, extra: true }),
        fc.constant(setAt(u, ['payload', 'extra'], 1)),
        fc.constant(setAt(u, ['schema'], 1)),
        fc.constant(setAt(u, ['reported'], { date: '2022-01-08T10:00:00+06:00' })),
        fc.constant(setAt(u, ['reported', 'partOfDay'], 'teatime')),
        fc.constant(setAt(u, ['place', 'country'], 'Kazakhstan')),
        fc.constant(setAt(u, ['place', 'extent'], 'most')),
        fc.constant(setAt(u, ['sources'], [])),
        fc.constant(setAt(u, ['sources', 0, 'role'], 'spokesperson')),
        fc.constant({ ...u, relations: [{ type: 'cancels', to: 'x' }] }),
        fc.integer({ min: 301, max: 1000 }).map((n) => setAt(u, ['headline'], 'x'.repeat(n))),
        fc.constantFrom(...leafPaths(u).filter((p) => typeof getAt(u, p) === 'string')).map((p) => setAt(u, p, 'x'.repeat(25_000))),
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

  it('a vague figure with a number, or a figure without scope, is refused by the JSON Schema too', () => {
    const u = KAZAKHSTAN_SEED_V2.find((x) => x.id.endsWith(':arrests-4400'))!;
    for (const count of [{ vague: 'dozens', value: 24, scope: 'toll' }, { value: 4400, qualifier: 'more-than' }, { min: 1, scope: 'toll' }]) {
      const bad = setAt(u, ['payload', 'count'], count);
      expect(parseUpdate(bad).ok).toBe(false);
      expect(validateJsonSchema(whole, bad).length, JSON.stringify(count)).toBeGreaterThan(0);
    }
  });

  it('docs/schema/v2 holds the current export (run `npm run schema` after changing the schema)', async () => {
    const dir = join(import.meta.dirname, '../../../docs/schema/v2');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([...docs.keys()].sort());
    for (const [file, doc] of docs) expect(JSON.parse(await readFile(join(dir, file), 'utf8')), file).toEqual(doc);
  });
});
