/**
 * The seed story retold in v2: every update validates, and each fact means
 * what the text says — checked field by field, not only "it parses".
 */
import { describe, expect, it } from 'vitest';
import {
  deriveStates,
  formatQuantity,
  instantPrecision,
  isNationwide,
  parseUpdate,
  placeLevel,
  quantityBounds,
  quantityOf,
  type Update,
  type UpdateOf,
} from '../src/v2/index.ts';
import { KAZAKHSTAN_SEED_V2, STORY_ID } from '../src/v2/seed/index.ts';

const byId = new Map(KAZAKHSTAN_SEED_V2.map((u) => [u.id.slice(STORY_ID.length + 1), u]));
function get<K extends Update['kind']>(slug: string, kind: K): UpdateOf<K> {
  const u = byId.get(slug);
  if (!u) throw new Error(`no seed update ${slug}`);
  expect(u.kind).toBe(kind);
  return u as UpdateOf<K>;
}

describe('the seed story in v2', () => {
  it('every update validates as v2, with a unique id, in one story', () => {
    for (const u of KAZAKHSTAN_SEED_V2) expect(parseUpdate(u), u.id).toMatchObject({ ok: true });
    expect(byId.size).toBe(KAZAKHSTAN_SEED_V2.length);
    expect(new Set(KAZAKHSTAN_SEED_V2.map((u) => u.story))).toEqual(new Set([STORY_ID]));
  });

  it('invents no time of day: every report is date-only, Saturday 8 January, in Almaty’s zone', () => {
    for (const u of KAZAKHSTAN_SEED_V2) {
      expect(u.reported, u.id).toEqual({ date: '2022-01-08', zone: 'Asia/Almaty' });
      expect(instantPrecision(u.reported)).toBe('day');
    }
    expect(get('shoot-without-warning', 'security-measure').occurred).toEqual({ date: '2022-01-07', zone: 'Asia/Almaty' });
    expect(get('nazarbayev-resigned-2019', 'government-change').occurred).toEqual({ date: '2019' });
  });

  it('"more than 4,400 have now been arrested" nationwide: a toll as of Saturday, Interior Ministry via state television', () => {
    const u = get('arrests-4400', 'arrests');
    expect(u.payload.count).toEqual({ value: 4400, qualifier: 'more-than', scope: 'toll', asOf: { date: '2022-01-08', zone: 'Asia/Almaty' } });
    expect(isNationwide(u.place)).toBe(true);
    expect(u.sources).toEqual([{ name: 'Interior Ministry', role: 'ministry', via: [{ name: 'state television', role: 'state-media' }] }]);
  });

  it('protesters led away by armed security forces: detentions without a count, seen in unverified photos', () => {
    const led = get('protesters-led-away', 'arrests');
    expect(led.payload.count).toBeUndefined();
    expect(led.payload.who).toEqual([{ type: 'protesters', country: 'KZ' }]);
    expect(led.payload.by?.[0]).toMatchObject({ type: 'state-forces', title: 'armed security forces' });
    expect(led.evidence).toEqual([{ medium: 'photos', provenance: 'unverified' }]);
    expect(led.verification).toBe('unverified');
  });

  it('"more than 40 killed, including security forces": a toll, more than 40, given before the report; security forces with no number', () => {
    const u = get('killed-more-than-40', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    const total = u.payload.killed?.total;
    expect(total).toMatchObject({ value: 40, qualifier: 'more-than', scope: 'toll', asOf: { to: { date: '2022-01-08' } } });
    expect(quantityBounds(quantityOf(total!))).toEqual({ min: 41 });
    expect(u.payload.killed?.breakdown).toEqual([{ who: { type: 'state-forces', country: 'KZ' } }]);
    expect(u.sources).toEqual([{ name: 'the authorities', role: 'government' }]);
  });

  it('"no new official information" points at the last figures and follows them up', () => {
    const u = get('fatalities-no-new-information', 'casualties');
    expect(u.payload).toEqual({ status: 'no-new-information', about: 'killed', lastFigures: `${STORY_ID}:killed-more-than-40` });
    expect(u.relations).toEqual([{ type: 'follows-up', to: `${STORY_ID}:killed-more-than-40` }]);
    expect(deriveStates(KAZAKHSTAN_SEED_V2).get(`${STORY_ID}:killed-more-than-40`)?.followedUpBy).toEqual([u.id]);
  });

  it('"many civilian deaths feared" keeps the word "many" and no number', () => {
    const u = get('civilian-deaths-feared', 'casualties');
    expect(u.payload).toEqual({ status: 'feared', outcome: 'killed', who: [{ type: 'civilians', country: 'KZ' }], magnitude: { vague: 'many' } });
    if (u.payload.status === 'feared') {
      expect(u.payload.magnitude).not.toHaveProperty('value');
      expect(quantityBounds(u.payload.magnitude!)).toEqual({});
      expect(formatQuantity(u.payload.magnitude!)).toBe('many');
    }
    expect(u.place.city).toBe('Almaty');
  });

  it('the 11-year-old boy: a civilian child victim, shot, in Almaty, shooter unknown', () => {
    const u = get('boy-11-killed-almaty', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    expect(u.payload.victims).toEqual([
      {
        person: { type: 'civilians', roles: ['child'], age: 11, sex: 'male', country: 'KZ' },
        outcome: 'killed', cause: 'shot', circumstances: 'walking with his parents', place: { country: 'KZ', city: 'Almaty' },
      },
    ]);
    expect(u.payload.perpetrator).toEqual({ status: 'unknown' });
    expect(u.sources[0]).toMatchObject({ name: 'Arushan Sain', role: 'official' });
  });

  it('the shoot order: Friday, by Tokayev, to police and army, at demonstrators he called terrorists and bandits, without warning', () => {
    const p = get('shoot-without-warning', 'security-measure').payload;
    if (p.measure !== 'shoot-order') throw new Error('shoot-order expected');
    expect(p.issuedBy).toMatchObject({ type: 'government', name: 'Kassym-Jomart Tokayev', roles: ['head-of-state'] });
    expect(p.orderedTo.map((a) => [a.type, a.branch])).toEqual([['state-forces', 'police'], ['state-forces', 'military']]);
    expect(p.targets).toEqual([{ type: 'protesters', title: 'demonstrators', country: 'KZ' }]);
    expect(p.targetsDescribedAs).toEqual(['terrorists', 'bandits']);
    expect(p.warning).toBe('without-warning');
  });

  it('government changes: the entire government; Nazarbayev removed and replaced by Tokayev; Abdymomunov appointed by Nazarbayev a few years ago', () => {
    expect(get('government-dismissed', 'government-change').payload).toMatchObject({ action: 'dismissed', body: 'government', wholeBody: true });
    expect(get('government-dismissed', 'government-change').payload.except).toBeUndefined();
    const chair = get('security-council-chair', 'government-change').payload;
    expect(chair).toMatchObject({ action: 'removed', body: 'Security Council', office: 'chairman', person: { name: 'Nursultan Nazarbayev', age: 81 }, successor: { name: 'Kassym-Jomart Tokayev' } });
    const deputy = get('abdymomunov-dismissed', 'government-change');
    expect(deputy.payload.previousAppointment).toEqual({
      by: expect.objectContaining({ name: 'Nursultan Nazarbayev' }),
      ago: { amount: { vague: 'a-few' }, unit: 'years' },
    });
    expect(deputy.sources).toEqual([{ name: 'state media', role: 'state-media' }]);
    expect(get('secret-service-management', 'government-change').payload).toMatchObject({ action: 'replaced', body: 'secret service', office: 'management', successor: { affiliation: 'Kassym-Jomart Tokayev' } });
    expect(get('nazarbayev-resigned-2019', 'government-change').payload).toMatchObject({ action: 'resigned', office: 'President', person: { name: 'Nursultan Nazarbayev' } });
  });

  it('Massimov: a named detainee with his former role, charged with high treason', () => {
    expect(get('massimov-arrested', 'arrests').payload.detainees).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ name: 'Karim Massimov', roles: ['former-official'] }), charges: ['high treason'], status: 'detained' }),
    ]);
  });

  it('places: the state of emergency is not claimed nationwide, the day of mourning is; Almaty is a city', () => {
    expect(isNationwide(get('state-of-emergency', 'security-measure').place)).toBe(false);
    expect(isNationwide(get('day-of-mourning', 'commemoration').place)).toBe(true);
    expect(get('day-of-mourning', 'commemoration').payload.on).toEqual({ date: '2022-01-10', zone: 'Asia/Almaty' });
    expect(placeLevel(get('almaty-internet-off', 'connectivity').place)).toBe('city');
  });

  it('outages impede reporting; gunfire is alleged video evidence from social media', () => {
    expect(get('almaty-internet-off', 'connectivity').payload).toMatchObject({ service: 'internet', state: 'shut-down', cause: 'ordered-shutdown', impedesReporting: true, imposedBy: { type: 'government' } });
    expect(get('almaty-mobile-intermittent', 'connectivity').payload).toMatchObject({ service: 'mobile', state: 'intermittent', impedesReporting: true });
    const gun = get('almaty-gunfire-videos', 'unrest');
    expect(gun.evidence).toEqual([{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }]);
    expect(gun.sources[0]?.role).toBe('social-media');
  });

  it('unrest: worst in years, for days; fuel-price protests, peaceful and violent, in many places', () => {
    expect(get('worst-riots-in-years', 'unrest').payload).toEqual({ activity: 'riots', severity: 'worst-in-years', ongoingFor: { unit: 'days' } });
    expect(get('fuel-price-protests', 'unrest').payload).toMatchObject({ character: ['peaceful', 'violent'], causes: ['fuel-prices'], extent: 'many-places', against: [{ type: 'government' }] });
  });

  it('the world: CSTO asked, about 2,500 troops planned, a long Putin call on Saturday, a video summit within days', () => {
    const help = get('csto-help-requested', 'foreign-military').payload;
    expect(help).toMatchObject({ action: 'help-requested', from: { type: 'international-organisation', acronym: 'CSTO', ledBy: 'RU' } });
    if (help.action === 'help-requested') expect(help.from.members).toEqual(expect.arrayContaining(['AM', 'BY', 'KG', 'TJ']));
    expect(get('csto-deployment', 'foreign-military').payload).toMatchObject({ action: 'deployment', status: 'planned', troops: { value: 2500, qualifier: 'about' } });
    const call = get('putin-tokayev-call', 'diplomacy');
    expect(call.occurred).toEqual({ date: '2022-01-08', zone: 'Asia/Almaty' });
    expect(call.payload).toMatchObject({ action: 'phone-call', duration: 'long' });
    expect(call.sources[0]?.role).toBe('foreign-government');
    expect(get('csto-video-summit', 'diplomacy').payload).toMatchObject({ format: 'video', expectedWithin: { unit: 'days' }, supportedBy: [{ name: 'Vladimir Putin' }] });
  });
});
