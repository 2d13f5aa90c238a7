import { describe, expect, it } from 'vitest';
import {
  KINDS,
  NEWSWIRE_TOPICS,
  TOPIC_FOR_KIND,
  cloudEventType,
  kindsForTopic,
  parseUpdate,
  topicForKind,
  updateSchema,
  type Update,
} from '../src/index.ts';
import { KAZAKHSTAN_SEED, STORY_ID } from '../src/seed/kazakhstan.ts';
import { setAt } from './paths.ts';

const seed = KAZAKHSTAN_SEED;
const byId = (id: string) => {
  const u = seed.find((x) => x.id === `${STORY_ID}:${id}`);
  if (!u) throw new Error(`no seed update ${id}`);
  return u;
};
function errorsOf(input: unknown) {
  const r = parseUpdate(input);
  if (r.ok) throw new Error('expected the update to be refused');
  return r.errors;
}

describe('the seed story as structured updates', () => {
  it('every seed update validates, unchanged', () => {
    for (const u of seed) {
      const r = parseUpdate(JSON.parse(JSON.stringify(u)));
      expect(r, u.id).toEqual({ ok: true, update: u });
    }
  });

  it('covers every kind, one story, unique stable ids, in reporting order', () => {
    expect(new Set(seed.map((u) => u.kind))).toEqual(new Set(KINDS));
    expect(new Set(seed.map((u) => u.story))).toEqual(new Set([STORY_ID]));
    expect(new Set(seed.map((u) => u.id)).size).toBe(seed.length);
    const times = seed.map((u) => Date.parse(u.reportedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Thursday 6 to Saturday 8 January 2022.
    expect(seed[0]!.reportedAt.startsWith('2022-01-06')).toBe(true);
    expect(seed.at(-1)!.reportedAt.startsWith('2022-01-08')).toBe(true);
  });

  it('carries the key facts exactly as the text attributes them', () => {
    const arrests = byId('arrests-4400');
    expect(arrests).toMatchObject({
      kind: 'arrests',
      place: { country: 'KZ', scope: 'nationwide' },
      sources: [{ name: 'Interior Ministry', via: [{ name: 'state television' }] }],
      payload: { count: { value: 4400, qualifier: 'more-than' } },
    });
    expect(byId('killed-more-than-40').payload).toEqual({
      status: 'figures',
      killed: { total: { value: 40, qualifier: 'more-than' }, groups: [{ group: 'security-forces' }] },
    });
    expect(byId('boy-11-killed-almaty')).toMatchObject({
      sources: [{ name: 'Arushan Sain' }],
      place: { city: 'Almaty' },
      payload: { victims: [{ age: 11, outcome: 'killed', cause: 'shot' }], perpetrator: { status: 'unknown' } },
    });
    expect(byId('massimov-arrested').payload).toMatchObject({
      detainees: [{ person: { name: 'Karim Massimov', title: 'former intelligence chief' }, charges: ['high treason'] }],
    });
    expect(byId('anti-terrorist-operation-continues').sources[0]!.name).toBe('Khabar 24');
    expect(byId('abdymomunov-dismissed').sources[0]!.name).toBe('state media');
    expect(byId('putin-tokayev-call').sources[0]!.name).toBe('the Kremlin');
    expect(byId('csto-deployment').payload).toMatchObject({ troops: { value: 2500, qualifier: 'about' } });
    expect(byId('day-of-mourning').payload).toMatchObject({ date: '2022-01-10' }); // the Monday after
    expect(new Date('2022-01-10T00:00:00Z').getUTCDay()).toBe(1);
    expect(byId('fatalities-no-new-information').payload).toEqual({
      status: 'no-new-information',
      about: 'killed',
      lastFigures: `${STORY_ID}:killed-more-than-40`,
    });
  });
});

describe('routing', () => {
  it('maps every kind to one of six topics and back', () => {
    expect(NEWSWIRE_TOPICS).toEqual([
      'newswire.arrests',
      'newswire.casualties',
      'newswire.government',
      'newswire.security',
      'newswire.international',
      'newswire.society',
    ]);
    for (const kind of KINDS) {
      expect(kindsForTopic(topicForKind(kind))).toContain(kind);
      expect(TOPIC_FOR_KIND[kind]).toBe(topicForKind(kind));
    }
    expect(kindsForTopic('newswire.security')).toEqual(['security-measure', 'connectivity']);
    expect(kindsForTopic('newswire.international')).toEqual(['foreign-military', 'diplomacy']);
    expect(kindsForTopic('newswire.society')).toEqual(['unrest', 'commemoration']);
    expect(kindsForTopic('elsewhere')).toEqual([]);
    expect(cloudEventType('government-change')).toBe('org.newswire.government-change.v1');
  });
});

describe('readable refusals', () => {
  const arrests = byId('arrests-4400');
  const cases: [string, unknown, { path: string; message: RegExp }[]][] = [
    ['negative count', setAt(arrests, ['payload', 'count', 'value'], -3), [{ path: 'payload.count.value', message: /must not be negative/ }]],
    ['fractional count', setAt(arrests, ['payload', 'count', 'value'], 4400.5), [{ path: 'payload.count.value', message: /whole number/ }]],
    ['count as a string', setAt(arrests, ['payload', 'count', 'value'], '4400'), [{ path: 'payload.count.value', message: /must be a number, got string/ }]],
    ['unknown qualifier', setAt(arrests, ['payload', 'count', 'qualifier'], 'roughly'), [{ path: 'payload.count.qualifier', message: /must be one of exact, about, at-least, more-than, up-to, fewer-than/ }]],
    ['unknown kind', setAt(arrests, ['kind'], 'weather'), [{ path: 'kind', message: /must be one of arrests, casualties, /}]],
    ['missing kind', setAt(arrests, ['kind'], undefined), [{ path: 'kind', message: /must be one of/ }]],
    ['unknown field', { ...arrests, mood: 'tense' }, [{ path: 'mood', message: /is not a known field/ }]],
    ['unknown payload field', setAt(arrests, ['payload', 'counted'], 1), [{ path: 'payload.counted', message: /is not a known field/ }]],
    ['impossible date', setAt(arrests, ['reportedAt'], '2022-02-30T10:00:00+06:00'), [{ path: 'reportedAt', message: /ISO 8601/ }]],
    ['date in words', setAt(arrests, ['occurredAt'], 'yesterday'), [{ path: 'occurredAt', message: /ISO 8601/ }]],
    ['local time without offset', setAt(arrests, ['reportedAt'], '2022-01-08T10:00:00'), [{ path: 'reportedAt', message: /offset/ }]],
    ['occurred after reported', setAt(arrests, ['occurredAt'], '2022-01-09T10:00:00+06:00'), [{ path: 'occurredAt', message: /not be later than reportedAt/ }]],
    ['nationwide with a city', setAt(arrests, ['place', 'city'], 'Almaty'), [{ path: 'place.city', message: /nationwide place has no city/ }]],
    ['local without a city', setAt(arrests, ['place', 'scope'], 'local'), [{ path: 'place.city', message: /local place needs a city/ }]],
    ['lower-case country', setAt(arrests, ['place', 'country'], 'kz'), [{ path: 'place.country', message: /alpha-2/ }]],
    ['no sources', setAt(arrests, ['sources'], []), [{ path: 'sources', message: /at least one/ }]],
    ['oversized headline', setAt(arrests, ['headline'], 'x'.repeat(301)), [{ path: 'headline', message: /at most 300 characters/ }]],
    ['blank headline', setAt(arrests, ['headline'], '   '), [{ path: 'headline', message: /blank/ }]],
    ['headline over two lines', setAt(arrests, ['headline'], 'More than 4,400\narrested'), [{ path: 'headline', message: /one line/ }]],
    ['id with spaces', setAt(arrests, ['id'], 'a b'), [{ path: 'id', message: /A-Z a-z 0-9/ }]],
    ['wrong schema version', setAt(arrests, ['schema'], 2), [{ path: 'schema', message: /must be 1/ }]],
    ['empty payload', setAt(arrests, ['payload'], {}), [{ path: 'payload', message: /needs a count or at least one detainee/ }]],
    ['revises itself', { ...arrests, revises: arrests.id }, [{ path: 'revises', message: /cannot revise itself/ }]],
    ['revises and retracts', { ...arrests, revises: 'a', retracts: 'b' }, [{ path: 'retracts', message: /not both/ }]],
    ['via link unknown role', setAt(arrests, ['sources', 0, 'via', 0, 'role'], 'gossip'), [{ path: 'sources.0.via.0.role', message: /must be one of/ }]],
    ['unknown casualties status', setAt(byId('killed-more-than-40'), ['payload', 'status'], 'guess'), [{ path: 'payload.status', message: /must be one of figures, no-new-information, feared/ }]],
    ['not an object', 'arrests', [{ path: '(root)', message: /must be an object, got string/ }]],
    ['null', null, [{ path: '(root)', message: /must be an object, got null/ }]],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const errors = errorsOf(input);
    for (const e of expected) {
      expect(errors, JSON.stringify(errors)).toContainEqual({ path: e.path, message: expect.stringMatching(e.message) });
    }
    for (const e of errors) expect(e.message).not.toMatch(/^Invalid input/);
  });

  it('a missing required field says so at its path', () => {
    const { headline: _h, ...rest } = byId('arrests-4400');
    expect(errorsOf(rest)).toEqual([{ path: 'headline', message: 'is required' }]);
  });

  it('the exported zod schema agrees with parseUpdate', () => {
    for (const u of seed) expect(updateSchema.safeParse(u).success).toBe(true);
    const bad: Update = setAt(byId('arrests-4400'), ['payload', 'count', 'value'], -1);
    expect(updateSchema.safeParse(bad).success).toBe(false);
  });
});
