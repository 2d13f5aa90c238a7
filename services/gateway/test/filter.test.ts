/**
 * Subscription filters on their own: fields ANDed, values ORed within a
 * field, an absent field no constraint, an empty list nothing; entries come
 * from real v2 updates through the gateway's record parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubscriptionFilter } from '@newswire/protocol';
import { compileFilter, matches } from '../src/filter.ts';
import type { Entry } from '../src/entry.ts';
import { entryOf, updateOf } from './entries.ts';

const almaty = entryOf(updateOf('unrest', { id: 'f-1', story: 's-1', place: { country: 'KZ', admin1: 'Almaty Region', city: 'Almaty' }, verification: 'confirmed', urgency: 'urgent' }), 1);
const nowhere = entryOf(updateOf('arrests', { id: 'f-2', story: 's-2', place: { country: 'KZ' }, verification: 'reported', urgency: 'routine' }), 2);
const colombo = entryOf(updateOf('casualties', { id: 'f-3', story: 's-3', place: { country: 'LK', city: 'Colombo' }, verification: 'unverified', urgency: 'flash' }), 3);

const match = (f: SubscriptionFilter | undefined, e: Entry) => matches(compileFilter(f), e);

describe('compileFilter / matches', () => {
  it('no filter, or an empty filter object, matches every update', () => {
    for (const e of [almaty, nowhere, colombo]) {
      expect(match(undefined, e)).toBe(true);
      expect(match({}, e)).toBe(true);
    }
  });

  it('reads the v2 envelope: kind, story, place.country, place.admin1 (regions), place.city, verification, urgency', () => {
    expect(almaty).toMatchObject({ kind: 'unrest', story: 's-1', country: 'KZ', region: 'Almaty Region', city: 'Almaty', verification: 'confirmed', urgency: 'urgent' });
    expect(match({ kinds: ['unrest'] }, almaty)).toBe(true);
    expect(match({ stories: ['s-1'] }, almaty)).toBe(true);
    expect(match({ countries: ['KZ'] }, almaty)).toBe(true);
    expect(match({ regions: ['Almaty Region'] }, almaty)).toBe(true);
    expect(match({ cities: ['Almaty'] }, almaty)).toBe(true);
    expect(match({ verification: ['confirmed'] }, almaty)).toBe(true);
    expect(match({ urgency: ['urgent'] }, almaty)).toBe(true);
  });

  it('one value off in any field is no match', () => {
    expect(match({ kinds: ['arrests'] }, almaty)).toBe(false);
    expect(match({ stories: ['s-2'] }, almaty)).toBe(false);
    expect(match({ countries: ['LK'] }, almaty)).toBe(false);
    expect(match({ regions: ['Mangystau Region'] }, almaty)).toBe(false);
    expect(match({ cities: ['Astana'] }, almaty)).toBe(false);
    expect(match({ verification: ['reported'] }, almaty)).toBe(false);
    expect(match({ urgency: ['flash'] }, almaty)).toBe(false);
  });

  it('values match exactly: no case folding, no prefix', () => {
    expect(match({ cities: ['almaty'] }, almaty)).toBe(false);
    expect(match({ regions: ['Almaty'] }, almaty)).toBe(false);
    expect(match({ stories: ['s-'] }, almaty)).toBe(false);
  });

  it('an update that names no region or city never matches a regions or cities filter', () => {
    expect(nowhere.region).toBeUndefined();
    expect(nowhere.city).toBeUndefined();
    expect(match({ regions: ['Almaty Region'] }, nowhere)).toBe(false);
    expect(match({ cities: ['Almaty'] }, nowhere)).toBe(false);
    expect(match({ regions: ['Almaty Region'] }, colombo)).toBe(false);
  });

  it('ORs within a field and ANDs across fields', () => {
    const f: SubscriptionFilter = { kinds: ['unrest', 'casualties'], countries: ['KZ'] };
    expect(match(f, almaty)).toBe(true); // unrest in KZ
    expect(match(f, colombo)).toBe(false); // casualties, but in LK
    expect(match(f, nowhere)).toBe(false); // KZ, but arrests
    expect(match({ urgency: ['flash', 'urgent'], verification: ['confirmed', 'unverified'] }, colombo)).toBe(true);
    expect(match({ urgency: ['flash', 'urgent'], verification: ['confirmed', 'unverified'] }, nowhere)).toBe(false);
  });

  it('an empty list matches nothing, never everything', () => {
    // The protocol refuses empty lists; were one to get through, it must narrow, not widen.
    for (const field of ['kinds', 'stories', 'countries', 'regions', 'cities', 'verification', 'urgency'] as const)
      for (const e of [almaty, nowhere, colombo]) expect(match({ [field]: [] } as SubscriptionFilter, e)).toBe(false);
  });

  it('agrees with the rule written out plainly, for any filter over these updates', () => {
    const entries = [almaty, nowhere, colombo];
    const pick = <T extends string>(values: readonly T[]) => fc.option(fc.uniqueArray(fc.constantFrom(...values), { minLength: 1 }), { nil: undefined });
    const filter = fc.record(
      {
        kinds: pick(['unrest', 'arrests', 'casualties', 'diplomacy'] as const),
        stories: pick(['s-1', 's-2', 's-3', 's-4']),
        countries: pick(['KZ', 'LK', 'SD']),
        regions: pick(['Almaty Region', 'Khartoum']),
        cities: pick(['Almaty', 'Colombo', 'Astana']),
        verification: pick(['confirmed', 'reported', 'unverified', 'disputed'] as const),
        urgency: pick(['flash', 'urgent', 'routine'] as const),
      },
      { requiredKeys: [] },
    );
    const rule = (f: SubscriptionFilter, e: Entry): boolean => {
      const ok = (list: readonly string[] | undefined, v: string | undefined) => list === undefined || (v !== undefined && list.includes(v));
      return ok(f.kinds, e.kind) && ok(f.stories, e.story) && ok(f.countries, e.country) && ok(f.regions, e.region) && ok(f.cities, e.city) && ok(f.verification, e.verification) && ok(f.urgency, e.urgency);
    };
    fc.assert(
      fc.property(filter, (raw) => {
        // fast-check may set a key to undefined; the protocol's parsed filter omits it instead.
        const f = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as SubscriptionFilter;
        for (const e of entries) expect(match(f, e)).toBe(rule(f, e));
      }),
    );
  });
});
