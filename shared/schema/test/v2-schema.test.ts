/**
 * The v2 building blocks refuse the mistakes they exist to prevent —
 * invented numbers, merged incident and toll, invented times, a lift told as
 * a correction — and derive only what the words fix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOPIC_FOR_KIND as V1_TOPIC_FOR_KIND, KINDS as V1_KINDS } from '../src/index.ts';
import {
  deriveStates,
  figureSchema,
  figuresOf,
  formatQuantity,
  fromKafkaMessage,
  instantBounds,
  instantPrecision,
  instantSchema,
  KIND_REFERENCES,
  parseAnyUpdate,
  KINDS,
  parseUpdate,
  periodSchema,
  quantitiesConflict,
  quantityBounds,
  quantitySchema,
  sumLowerBounds,
  toKafkaMessage,
  topicForKind,
  type Linked,
  type Update,
} from '../src/v2/index.ts';
import { KAZAKHSTAN_SEED_V2 } from '../src/v2/seed/index.ts';
import { getAt, leafPaths, setAt } from './paths.ts';

const seed = (slug: string) => KAZAKHSTAN_SEED_V2.find((u) => u.id.endsWith(`:${slug}`))!;
const errorsOf = (input: unknown) => {
  const r = parseUpdate(input);
  return r.ok ? [] : r.errors;
};
const arrests = seed('arrests-4400');
const withCount = (count: unknown) => ({ ...arrests, payload: { count } });

describe('quantities and figures', () => {
  it('a vague word carries no number, and a number cannot be slipped in beside it', () => {
    expect(quantitySchema.safeParse({ vague: 'dozens' }).success).toBe(true);
    expect(errorsOf(withCount({ vague: 'dozens', value: 24, scope: 'incident' }))).toEqual([{ path: 'payload.count.value', message: 'is not a known field' }]);
    expect(errorsOf(withCount({ vague: 'loads', scope: 'incident' }))[0]?.path).toBe('payload.count.vague');
    expect(quantityBounds({ vague: 'thousands' })).toEqual({});
    expect(formatQuantity({ vague: 'a-dozen', qualifier: 'more-than' })).toBe('more than a dozen');
  });

  it('a range has min below max; "between 30 and 50" bounds both ends', () => {
    expect(errorsOf(withCount({ min: 30, max: 30, scope: 'incident' }))).toEqual([{ path: 'payload.count.max', message: 'must be greater than min (a range with equal ends is a value)' }]);
    expect(quantityBounds({ min: 30, max: 50 })).toEqual({ min: 30, max: 50 });
    expect(formatQuantity({ min: 30, max: 50 })).toBe('between 30 and 50');
  });

  it('every figure states incident or toll; only a toll stands as of a time, never after the report', () => {
    expect(errorsOf(withCount({ value: 5, qualifier: 'exact' }))).toEqual([{ path: 'payload.count.scope', message: 'must be one of incident, toll' }]);
    expect(errorsOf(withCount({ value: 5, qualifier: 'exact', scope: 'incident', asOf: { date: '2022-01-08' } }))[0]?.message).toMatch(/incident figure has no asOf/);
    expect(errorsOf(withCount({ value: 5, qualifier: 'exact', scope: 'toll', asOf: { date: '2022-01-09', zone: 'Asia/Almaty' } }))).toEqual([
      { path: 'payload.count.asOf', message: 'a toll cannot stand as of a time after it was reported' },
    ]);
    expect(figureSchema.safeParse({ value: 40, qualifier: 'more-than', scope: 'toll', place: { country: 'KZ', city: 'Almaty' } }).success).toBe(true);
  });

  it('breakdown figures share the total’s scope (an incident count is not part of a toll)', () => {
    const u = structuredClone(seed('killed-more-than-40')) as Update;
    if (u.kind !== 'casualties' || u.payload.status !== 'figures') throw new Error('figures expected');
    u.payload.killed!.breakdown = [{ who: { type: 'state-forces' }, figure: { value: 3, qualifier: 'exact', scope: 'incident' } }];
    expect(errorsOf(u)).toEqual([{ path: 'payload.killed.breakdown.0.figure.scope', message: 'must match the total\'s scope (toll)' }]);
  });

  it('figuresOf lists every figure with what it counts and where it sits; a group without a number is no figure', () => {
    expect(figuresOf(seed('killed-more-than-40'))).toEqual([
      { path: ['payload', 'killed', 'total'], metric: 'killed', figure: expect.objectContaining({ value: 40, scope: 'toll' }) },
    ]);
    expect(figuresOf(seed('arrests-4400')).map((f) => [f.metric, f.figure.scope])).toEqual([['arrested', 'toll']]);
    expect(figuresOf(seed('csto-deployment'))).toEqual([]);
  });

  it('bounds, conflicts and sums use only what the words fix', () => {
    expect(quantityBounds({ value: 40, qualifier: 'more-than' })).toEqual({ min: 41 });
    expect(quantityBounds({ value: 10, qualifier: 'fewer-than' })).toEqual({ max: 9 });
    expect(quantityBounds({ value: 2500, qualifier: 'about' })).toEqual({ approx: 2500 });
    expect(quantitiesConflict({ value: 9, qualifier: 'exact' }, { value: 40, qualifier: 'more-than' })).toBe(true);
    expect(quantitiesConflict({ value: 52, qualifier: 'exact' }, { value: 40, qualifier: 'more-than' })).toBe(false);
    expect(quantitiesConflict({ vague: 'dozens' }, { value: 3, qualifier: 'exact' })).toBe(false);
    expect(quantitiesConflict({ value: 100, qualifier: 'about' }, { value: 3, qualifier: 'exact' })).toBe(false);
    // Incidents 9 + "at least 1" + "dozens": at least 10, not exact, one part with no number.
    expect(sumLowerBounds([{ value: 9, qualifier: 'exact' }, { value: 1, qualifier: 'at-least' }, { vague: 'dozens' }])).toEqual({ atLeast: 10, exact: false, unbounded: 1 });
  });
});

describe('time', () => {
  const ok = (i: unknown) => instantSchema.safeParse(i).success;

  it('a report may be a date only, a month, a week or a year; impossible dates are refused', () => {
    for (const date of ['2022-01-08', '2022-01', '2022-W01', '2019']) expect(ok({ date }), date).toBe(true);
    for (const date of ['2022-02-30', '2022-13', '22-01-08', '2022-W54']) expect(ok({ date }), date).toBe(false);
    expect(instantPrecision({ date: '2022-W01' })).toBe('week');
  });

  it('a time of day needs the zone or an offset, and they must agree (daylight saving included)', () => {
    expect(ok({ date: '2022-01-08', time: '10:00' })).toBe(false);
    expect(ok({ date: '2022-01-08', time: '10:00', zone: 'Asia/Almaty' })).toBe(true);
    expect(ok({ date: '2022-07-08', time: '10:00', zone: 'Europe/Berlin', offset: '+02:00' })).toBe(true);
    expect(ok({ date: '2022-01-08', time: '10:00', zone: 'Europe/Berlin', offset: '+02:00' })).toBe(false);
    expect(ok({ date: '2022-01-08', zone: 'Mars/Olympus_Mons' })).toBe(false);
    expect(ok({ date: '2022-01-08', zone: '+06:00' })).toBe(false);
  });

  it('a part of the day or a time, not both, and only on a full date', () => {
    expect(ok({ date: '2022-01-07', partOfDay: 'night', zone: 'Asia/Almaty' })).toBe(true);
    expect(ok({ date: '2022-01-07', partOfDay: 'night', time: '23:00', zone: 'Asia/Almaty' })).toBe(false);
    expect(ok({ date: '2022-01', partOfDay: 'night' })).toBe(false);
  });

  it('bounds follow the precision and the zone: a day in Almaty is local midnight to midnight', () => {
    expect(instantBounds({ date: '2022-01-08', zone: 'Asia/Almaty' })).toEqual({ earliest: Date.parse('2022-01-07T18:00:00Z'), latest: Date.parse('2022-01-08T18:00:00Z') });
    expect(instantBounds({ date: '2022-01-08', time: '10:00', offset: '+06:00' }).earliest).toBe(Date.parse('2022-01-08T04:00:00Z'));
    const anywhere = instantBounds({ date: '2022-01-08' });
    expect(anywhere.latest - anywhere.earliest).toBe(50 * 3600_000);
  });

  it('periods: "a 36-hour curfew from 5 January", "until further notice", never an end before the start', () => {
    expect(periodSchema.safeParse({ from: { date: '2022-01-05' }, duration: { amount: { value: 36, qualifier: 'exact' }, unit: 'hours' } }).success).toBe(true);
    expect(periodSchema.safeParse({ from: { date: '2022-01-05' }, untilFurtherNotice: true }).success).toBe(true);
    expect(periodSchema.safeParse({ to: { date: '2022-01-05' }, untilFurtherNotice: true }).success).toBe(false);
    expect(periodSchema.safeParse({ from: { date: '2022-01-07' }, to: { date: '2022-01-05' } }).success).toBe(false);
    expect(periodSchema.safeParse({}).success).toBe(false);
    expect(periodSchema.safeParse({ duration: { amount: { value: 15, qualifier: 'about' }, unit: 'hours' } }).success).toBe(true);
  });

  it('an update cannot have happened after it was reported', () => {
    expect(errorsOf({ ...arrests, occurred: { date: '2022-01-09', zone: 'Asia/Almaty' } })).toEqual([{ path: 'occurred', message: 'must not be later than reported' }]);
    expect(errorsOf({ ...arrests, occurred: { from: { date: '2022-01-06', zone: 'Asia/Almaty' }, to: { date: '2022-01-08', zone: 'Asia/Almaty' } } })).toEqual([]);
    // Dates without a zone compare as calendar dates with each other...
    expect(errorsOf({ ...arrests, reported: { date: '2022-01-08' }, occurred: { date: '2022-01-09' } })[0]?.path).toBe('occurred');
    // ...and with a zoned time only where no zone could make them agree.
    expect(errorsOf({ ...arrests, occurred: { date: '2022-01-09' } })).toEqual([]);
    expect(errorsOf({ ...arrests, occurred: { date: '2022-01-10' } })[0]?.path).toBe('occurred');
  });
});

describe('places, actors, sources', () => {
  it('a place may be "parts of" a city with named districts and sites, and coordinates with their precision', () => {
    const place = {
      country: 'LK', city: 'Colombo', extent: 'parts', districts: ['Fort'],
      sites: [{ type: 'residence', name: 'President’s House' }], coordinates: { lat: 6.935, lon: 79.843, precision: 'site' },
    };
    expect(errorsOf({ ...arrests, place })).toEqual([]);
    expect(errorsOf({ ...arrests, place: { ...place, sites: [{ type: 'palace' }] } })[0]?.path).toBe('place.sites.0.type');
    expect(errorsOf({ ...arrests, place: { ...place, coordinates: { lat: 91, lon: 0, precision: 'site' } } })[0]?.path).toBe('place.coordinates.lat');
  });

  it('actors are typed; a branch belongs to state forces, members to an international organisation', () => {
    const by = (a: unknown) => errorsOf({ ...arrests, payload: { ...arrests.payload, by: [a] } });
    expect(by({ type: 'state-forces', branch: 'police' })).toEqual([]);
    expect(by({ type: 'protesters', branch: 'police' })).toEqual([{ path: 'payload.by.0.branch', message: 'only state-forces have a branch' }]);
    expect(by({ type: 'government', members: ['KZ'] })[0]?.message).toMatch(/international-organisation/);
    expect(by({ name: 'someone' })).toEqual([{ path: 'payload.by.0.type', message: expect.stringMatching(/^must be one of state-forces, government/) }]);
  });

  it('every string of every seed update refuses a hidden right-to-left override (the shared text rules)', () => {
    for (const u of KAZAKHSTAN_SEED_V2)
      for (const path of leafPaths(u).filter((p) => typeof getAt(u, p) === 'string')) {
        const value = getAt(u, path) as string;
        expect(parseUpdate(setAt(u, path, `${value.slice(0, 1)}\u202E${value.slice(1)}`)).ok, `${u.id} ${path.join('.')}`).toBe(false);
      }
  });

  it('every link of a via chain has a role', () => {
    const sources = [{ name: 'Interior Ministry', role: 'ministry', via: [{ name: 'state television' }] }];
    expect(errorsOf({ ...arrests, sources })).toEqual([{ path: 'sources.0.via.0.role', message: expect.stringMatching(/^must be one of/) }]);
  });
});

describe('corrections and relations', () => {
  const declared: Linked = { id: 'curfew' };
  it('an update never relates to itself, repeats a relation, or retracts with relations', () => {
    expect(errorsOf({ ...arrests, relations: [{ type: 'follows-up', to: arrests.id }] })[0]).toEqual({ path: 'relations.0.to', message: 'an update cannot relate to itself' });
    expect(errorsOf({ ...arrests, relations: [{ type: 'follows-up', to: 'a' }, { type: 'follows-up', to: 'a' }] })[0]?.path).toBe('relations.1');
    expect(errorsOf({ ...arrests, retracts: 'a', relations: [{ type: 'follows-up', to: 'b' }] })[0]?.path).toBe('relations');
    expect(errorsOf({ ...arrests, revises: 'a', retracts: 'b' })[0]?.path).toBe('retracts');
  });

  it('a lift leaves the declaration true and marks it lifted; a correction supersedes; a retraction withdraws', () => {
    const states = deriveStates([declared, { id: 'lift', relations: [{ type: 'lifts', to: 'curfew' }] }]);
    expect(states.get('curfew')).toMatchObject({ status: 'lifted', liftedBy: 'lift' });
    expect(states.get('lift')?.status).toBe('current');
    const corrected = deriveStates([declared, { id: 'fix', revises: 'curfew' }]);
    expect(corrected.get('curfew')).toMatchObject({ status: 'superseded', supersededBy: 'fix' });
  });

  it('a lift of a corrected declaration lifts the correction; a retracted lift lifts nothing; retracting a retraction restores', () => {
    const s = deriveStates([declared, { id: 'fix', revises: 'curfew' }, { id: 'lift', relations: [{ type: 'lifts', to: 'curfew' }] }]);
    expect(s.get('fix')).toMatchObject({ status: 'lifted', liftedBy: 'lift' });
    expect(s.get('curfew')?.status).toBe('superseded');
    const r = deriveStates([declared, { id: 'lift', relations: [{ type: 'lifts', to: 'curfew' }] }, { id: 'oops', retracts: 'lift' }]);
    expect(r.get('curfew')?.status).toBe('current');
    expect(r.get('lift')?.status).toBe('retracted');
    const back = deriveStates([declared, { id: 'r1', retracts: 'curfew' }, { id: 'r2', retracts: 'r1' }]);
    expect(back.get('curfew')?.status).toBe('current');
  });

  it('extensions, amendments and incidents are collected', () => {
    const s = deriveStates([
      declared,
      { id: 'ext', relations: [{ type: 'extends', to: 'curfew' }] },
      { id: 'hours', relations: [{ type: 'amends', to: 'curfew' }] },
      { id: 'blast' },
      { id: 'toll', relations: [{ type: 'part-of-incident', to: 'blast' }] },
      { id: 'toll-2', relations: [{ type: 'part-of-incident', to: 'toll' }] },
    ]);
    expect(s.get('curfew')).toMatchObject({ status: 'current', extendedBy: ['ext'], amendedBy: ['hours'] });
    expect([s.get('toll')?.incident, s.get('toll-2')?.incident, s.get('blast')?.incident]).toEqual(['blast', 'blast', undefined]);
  });
});

describe('bad input', () => {
  /** Every path to a value (objects and arrays included), so whole subtrees get replaced too. */
  const allPaths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
    v !== null && typeof v === 'object'
      ? [prefix, ...Object.entries(v).flatMap(([k, x]) => allPaths(x, [...prefix, Array.isArray(v) ? Number(k) : k]))]
      : [prefix];

  it('any value anywhere gives errors, never an exception (property)', () => {
    const bad = fc
      .constantFrom(...KAZAKHSTAN_SEED_V2)
      .chain((u) => fc.tuple(fc.constant(u), fc.constantFrom(...allPaths(u).filter((p) => p.length > 0)), fc.anything({ maxDepth: 2 })));
    fc.assert(
      fc.property(bad, ([u, path, value]) => {
        const input = setAt(u, path, value);
        const r = parseUpdate(input);
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        expect(() => parseAnyUpdate(input)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('garbage in the time fields is reported, not computed with', () => {
    expect(errorsOf({ ...arrests, reported: { date: '2\u202E022-01-08', time: '10:00', zone: 'Asia/Almaty', offset: '+06:00' } })[0]?.path).toBe('reported.date');
    expect(errorsOf({ ...arrests, reported: { date: '2022-01-08', time: '1\u202E0:00', zone: 'Asia/Almaty', offset: '+06:00' } })[0]?.path).toBe('reported.time');
    expect(errorsOf({ ...arrests, occurred: { from: { date: '2022-01-08', time: '25:00', zone: 'Asia/Almaty' }, to: { date: '2022-01-01', zone: 'Asia/Almaty' } } })[0]?.path).toBe('occurred.from.time');
    expect(errorsOf({ ...arrests, occurred: { from: { date: 'x' }, to: { date: '2022-01-01' } } })[0]?.path).toBe('occurred.from.date');
    expect(errorsOf({ ...arrests, relations: 'lifts' })[0]?.path).toBe('relations');
    expect(errorsOf({ ...arrests, payload: null })[0]?.path).toBe('payload');
  });
});

describe('kinds and the wire', () => {
  it('every v1 kind is a v2 kind on the same topic; every kind names its reference', () => {
    for (const k of V1_KINDS) {
      expect(KINDS).toContain(k);
      expect(topicForKind(k)).toBe(V1_TOPIC_FOR_KIND[k]);
    }
    for (const k of KINDS) expect(Object.keys(KIND_REFERENCES[k]).length, k).toBeGreaterThan(0);
  });

  it('a v2 update is written with its own type and dataschema, and reads back as from: 2', () => {
    for (const u of KAZAKHSTAN_SEED_V2) {
      const m = toKafkaMessage(u, { source: '/newswire/test' });
      expect(m.headers).toEqual({
        ce_specversion: '1.0', ce_id: u.id, ce_type: `org.newswire.${u.kind}.v2`, ce_source: '/newswire/test',
        ce_dataschema: 'https://newswire.dev/schema/v2/update.schema.json', 'content-type': 'application/json',
      });
      expect(fromKafkaMessage(Buffer.from(m.value), m.headers)).toEqual({ ok: true, update: u, from: 2 });
    }
  });

  it('bad bytes are refused with a clear reason', () => {
    const m = toKafkaMessage(arrests);
    expect(fromKafkaMessage(Buffer.from([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, errors: [{ path: '(root)', message: expect.stringMatching(/^not valid UTF-8/) }] });
    expect(fromKafkaMessage('{')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/^not valid JSON/) }] });
    expect(fromKafkaMessage(m.value, { ...m.headers, ce_type: 'org.newswire.arrests.v1' })).toMatchObject({ ok: false, errors: [{ path: 'headers.ce_type' }] });
    expect(fromKafkaMessage(null)).toMatchObject({ ok: false });
  });
});
