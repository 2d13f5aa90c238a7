/**
 * Property tests: the schema refuses each kind of bad input, wherever it
 * occurs in any seed update, with an error at the exact path and a message a
 * person can act on; and it never refuses a valid variation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, QUALIFIERS, formatPath, parseUpdate, type FieldError } from '../src/index.ts';
import { KAZAKHSTAN_SEED } from '../src/seed/kazakhstan.ts';
import { dotted, figurePaths, getAt, leafPaths, setAt, type Path } from './paths.ts';

const seedArb = fc.constantFrom(...KAZAKHSTAN_SEED);
const RUNS = { numRuns: 300 };

function errorsOf(input: unknown): FieldError[] {
  const r = parseUpdate(input);
  return r.ok ? [] : r.errors;
}
/** A seed update and one of its figure paths (updates without figures are skipped). */
const withFigure = seedArb
  .filter((u) => figurePaths(u).length > 0)
  .chain((u) => fc.record({ update: fc.constant(u), path: fc.constantFrom(...figurePaths(u)) }));
const withLeaf = seedArb.chain((u) => fc.record({ update: fc.constant(u), path: fc.constantFrom(...leafPaths(u)) }));
const expectErrorAt = (errors: FieldError[], path: string, message: RegExp) =>
  expect(errors, JSON.stringify(errors)).toContainEqual({ path, message: expect.stringMatching(message) });

describe('refusals, anywhere in any update', () => {
  it('negative counts', () => {
    fc.assert(
      fc.property(withFigure, fc.integer({ min: -1_000_000_000, max: -1 }), ({ update, path }, n) => {
        const p: Path = [...path, 'value'];
        expectErrorAt(errorsOf(setAt(update, p, n)), dotted(p), /must not be negative/);
      }),
      RUNS,
    );
  });

  it('non-integer counts', () => {
    const fractional = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d));
    fc.assert(
      fc.property(withFigure, fractional, ({ update, path }, d) => {
        const p: Path = [...path, 'value'];
        expectErrorAt(errorsOf(setAt(update, p, d)), dotted(p), /whole number/);
      }),
      RUNS,
    );
  });

  it('wrong qualifiers', () => {
    const wrong = fc.string({ maxLength: 20 }).filter((s) => !(QUALIFIERS as readonly string[]).includes(s));
    fc.assert(
      fc.property(withFigure, wrong, ({ update, path }, q) => {
        const p: Path = [...path, 'qualifier'];
        expectErrorAt(errorsOf(setAt(update, p, q)), dotted(p), /must be one of exact, about, at-least, more-than, up-to, fewer-than/);
      }),
      RUNS,
    );
  });

  it('impossible calendar dates', () => {
    const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
    const impossible = fc
      .record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), extra: fc.integer({ min: 1, max: 3 }) })
      .filter(({ y, m, extra }) => daysIn(y, m) + extra <= 31 || m === 2)
      .map(({ y, m, extra }) => {
        const d = Math.min(daysIn(y, m) + extra, 99);
        return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00+06:00`;
      });
    fc.assert(
      fc.property(seedArb, impossible, fc.constantFrom('reportedAt', 'occurredAt'), (u, date, field) => {
        expectErrorAt(errorsOf({ ...u, [field]: date }), field, /ISO 8601 date-time/);
      }),
      RUNS,
    );
  });

  it('times that are not ISO 8601 with an offset', () => {
    const notIso = fc.oneof(
      fc.constantFrom('yesterday', 'Saturday', '2022-01-08', '2022-01-08 10:00', '08/01/2022', '2022-01-08T10:00:00', '2022-13-01T00:00:00Z', '2022-01-08T24:00:00Z'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(seedArb, notIso, (u, s) => {
        expectErrorAt(errorsOf({ ...u, reportedAt: s }), 'reportedAt', /ISO 8601 date-time/);
      }),
      RUNS,
    );
  });

  it('unknown kinds', () => {
    const unknown = fc.string({ maxLength: 30 }).filter((s) => !(KINDS as readonly string[]).includes(s));
    fc.assert(
      fc.property(seedArb, unknown, (u, kind) => {
        expect(errorsOf({ ...u, kind })).toEqual([{ path: 'kind', message: `must be one of ${KINDS.join(', ')}` }]);
      }),
      RUNS,
    );
  });

  it('unknown fields in the envelope, the payload, places, sources and figures', () => {
    const key = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !['__proto__', 'constructor'].includes(k));
    fc.assert(
      fc.property(seedArb, key, fc.jsonValue(), (u, k, v) => {
        for (const at of [[], ['payload'], ['place'], ['sources', 0]] as Path[]) {
          const target = getAt(u, at) as Record<string, unknown>;
          if (k in target) continue;
          const errors = errorsOf(setAt(u, [...at, k], v ?? 1));
          expect(errors, JSON.stringify(errors)).toContainEqual({ path: formatPath([...at, k]), message: 'is not a known field' });
        }
      }),
      RUNS,
    );
  });

  it('oversized strings, in every string field of every update', () => {
    fc.assert(
      fc.property(withLeaf, fc.integer({ min: 2001, max: 20_000 }), ({ update, path }, n) => {
        if (typeof getAt(update, path) !== 'string') return;
        const errors = errorsOf(setAt(update, path, 'x'.repeat(n)));
        expect(errors.map((e) => e.path), JSON.stringify(errors)).toContain(dotted(path));
      }),
      RUNS,
    );
  });

  it('oversized headlines say the limit', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 301, max: 5000 }), (u, n) => {
        expectErrorAt(errorsOf({ ...u, headline: 'h'.repeat(n) }), 'headline', /at most 300 characters/);
      }),
      RUNS,
    );
  });

  it('too many sources', () => {
    fc.assert(
      fc.property(seedArb, fc.integer({ min: 11, max: 50 }), (u, n) => {
        const sources = Array.from({ length: n }, () => u.sources[0]);
        expectErrorAt(errorsOf({ ...u, sources }), 'sources', /at most 10 entries/);
      }),
      { numRuns: 50 },
    );
  });

  it('nationwide places that name a city', () => {
    const nationwide = seedArb.filter((u) => u.place.scope === 'nationwide');
    fc.assert(
      fc.property(nationwide, fc.string({ minLength: 1, maxLength: 100 }).filter((s) => /\S/.test(s)), (u, city) => {
        expectErrorAt(errorsOf({ ...u, place: { ...u.place, city } }), 'place.city', /nationwide place has no city/);
      }),
      RUNS,
    );
  });
});

describe('every refusal is readable', () => {
  it('random values anywhere give one short message per path, never zod jargon', () => {
    const anyPath = seedArb.chain((u) => {
      const all: Path[] = [];
      const walk = (v: unknown, p: Path) => {
        if (p.length) all.push(p);
        if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
      };
      walk(u, []);
      return fc.record({ update: fc.constant(u), path: fc.constantFrom(...all) });
    });
    fc.assert(
      fc.property(anyPath, fc.jsonValue({ maxDepth: 2 }), ({ update, path }, value) => {
        const errors = errorsOf(setAt(update, path, value));
        expect(new Set(errors.map((e) => e.path)).size).toBe(errors.length);
        for (const e of errors) {
          expect(e.path).toMatch(/^(\(root\)|[A-Za-z"][^\n]*)$/);
          expect(e.message).not.toMatch(/Invalid|received|expected/);
          expect(e.message.length).toBeLessThan(400);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('valid variations are never refused', () => {
  it('any whole non-negative figure with any qualifier', () => {
    fc.assert(
      fc.property(withFigure, fc.integer({ min: 0, max: 1_000_000_000 }), fc.constantFrom(...QUALIFIERS), ({ update, path }, value, qualifier) => {
        expect(errorsOf(setAt(update, path, { value, qualifier }))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('any reportedAt time with any offset, occurredAt left out', () => {
    const time = fc
      .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(seedArb, time, (u, reportedAt) => {
        const { occurredAt: _o, ...rest } = u;
        expect(errorsOf({ ...rest, reportedAt })).toEqual([]);
      }),
      RUNS,
    );
  });

  it('any id and story of the allowed characters', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/);
    fc.assert(
      fc.property(seedArb, id, id, (u, i, story) => {
        expect(errorsOf({ ...u, id: i, story })).toEqual([]);
      }),
      RUNS,
    );
  });
});
