/**
 * Libya 2023, Derna (a natural disaster's human toll and displacement):
 * each fact means what was reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, formatQuantity, quantitiesConflict, quantityBounds, quantityOf, sourceKey, sumLowerBounds } from '../src/v2/index.ts';
import { DERNA_2023 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state } = storyFacts(DERNA_2023);
const ZONE = 'Africa/Tripoli';

describe('Derna 2023 in v2', () => {
  it('the dams burst in the night of 10 September, in parts of the city, as part of Storm Daniel', () => {
    const u = get('dams-collapse', 'disaster');
    expect(u.payload).toMatchObject({ hazard: 'dam-failure', status: 'over' });
    expect(u.occurred).toEqual({ date: '2023-09-10', partOfDay: 'night', zone: ZONE });
    expect(u.place).toEqual({ country: 'LY', city: 'Derna', extent: 'parts' });
    expect(state('dams-collapse').incident).toBe(idOf('storm-daniel'));
    expect(get('storm-daniel', 'disaster').payload).toMatchObject({ hazard: 'storm', name: 'Storm Daniel' });
  });

  it('three days of national mourning: a period of three days, no start day invented', () => {
    const p = get('national-mourning', 'commemoration').payload;
    expect(p.period).toEqual({ duration: { amount: { value: 3, qualifier: 'exact' }, unit: 'days' } });
    expect(p.on).toBeUndefined();
    expect(p.orderedBy).toMatchObject({ name: 'Abdul Hamid Dbeibah', roles: ['head-of-government'] });
  });

  it('"hitting 10,000" missing (IFRC) is about 10,000, a toll as of 12 September, fixing no bound', () => {
    const u = get('missing-10000', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    expect(u.payload.missing?.total).toEqual({ value: 10_000, qualifier: 'about', scope: 'toll', asOf: { date: '2023-09-12', zone: ZONE } });
    expect(quantityBounds(quantityOf(u.payload.missing!.total!))).toEqual({ approx: 10_000 });
    expect(u.sources[0]).toMatchObject({ role: 'international-organisation', name: 'Tamer Ramadan' });
  });

  it('the mayor’s "18,000 to 20,000" is feared, not counted: a range of feared deaths, from a local authority via a broadcaster', () => {
    const u = get('mayor-fears-20000', 'casualties');
    expect(u.payload).toEqual({ status: 'feared', outcome: 'killed', who: [expect.objectContaining({ type: 'civilians' })], magnitude: { min: 18_000, max: 20_000 } });
    expect(figuresOf(u)).toEqual([]);
    expect(u.sources[0]).toMatchObject({ role: 'local-authority', via: [{ name: 'Al Arabiya', role: 'media' }] });
  });

  it('displacement: at least 30,000 in Derna and more than 40,000 across the north-east — tolls for different places, as of their dates', () => {
    const city = get('displaced-30000', 'displacement');
    const region = get('displaced-north-east', 'displacement');
    expect(city.payload.count).toEqual({ value: 30_000, qualifier: 'at-least', scope: 'toll', asOf: { date: '2023-09-13', zone: ZONE } });
    expect(city.place).toEqual({ country: 'LY', city: 'Derna' });
    expect(region.payload.count).toEqual({ value: 40_000, qualifier: 'more-than', scope: 'toll', asOf: { date: '2023-09-16', zone: ZONE } });
    expect(region.place).toEqual({ country: 'LY' });
    expect(state('displaced-north-east').incident).toBe(idOf('storm-daniel'));
  });

  it('the UN’s 11,300 (attributed to the Red Crescent, which denied it) is corrected by WHO’s 3,958: revises, and the old figure stands superseded', () => {
    const first = get('ocha-11300', 'casualties');
    expect(first.sources[0]).toMatchObject({ name: 'Libyan Red Crescent', role: 'ngo', via: [{ role: 'un-agency' }] });
    const denial = get('red-crescent-denies', 'diplomacy');
    expect(denial.payload).toMatchObject({ action: 'statement', stances: ['denies'], regarding: [first.id] });
    const fix = get('un-revised-toll', 'casualties');
    expect(fix.revises).toBe(first.id);
    if (fix.payload.status !== 'figures' || first.payload.status !== 'figures') throw new Error('figures expected');
    expect(fix.payload.killed?.total).toEqual({ value: 3958, qualifier: 'at-least', scope: 'toll', asOf: { date: '2023-09-17', zone: ZONE } });
    expect(fix.payload.missing?.total).toEqual({ value: 9000, qualifier: 'more-than', scope: 'toll', asOf: { date: '2023-09-17', zone: ZONE } });
    expect(state('ocha-11300')).toMatchObject({ status: 'superseded', supersededBy: fix.id });
    expect(state('ocha-11300').followedUpBy).toEqual([]);
    // "At least 3,958" does not exclude 11,300: the figures do not conflict; it is the correction that retires the old one.
    expect(quantitiesConflict(quantityOf(first.payload.killed!.total!), quantityOf(fix.payload.killed!.total!))).toBe(false);
  });

  it('the protest: 1,200 to 1,600 people (a monitoring group’s range) at the Sahaba Mosque, against the parliament speaker', () => {
    const u = get('protest-at-mosque', 'unrest');
    expect(u.payload.size).toEqual({ min: 1200, max: 1600 });
    expect(formatQuantity(u.payload.size!)).toBe('between 1,200 and 1,600');
    expect(u.place.sites).toEqual([{ type: 'place-of-worship', name: 'Sahaba Mosque' }]);
    expect(u.payload.against).toEqual([expect.objectContaining({ name: 'Aguila Saleh', type: 'legislature' })]);
    expect(u.sources[0]?.role).toBe('monitoring-group');
  });

  it('the mayor’s house set on fire during the protest; the mayor suspended and the whole council dismissed', () => {
    expect(get('mayor-house-burned', 'property-attack').payload).toMatchObject({ action: 'arson', targets: ['home'], owner: { name: 'Abdulmenam al-Ghaithi' } });
    expect(state('mayor-house-burned').incident).toBe(idOf('protest-at-mosque'));
    expect(get('council-dismissed', 'government-change').payload).toEqual({
      action: 'dismissed', body: 'Derna municipal council', wholeBody: true, by: expect.objectContaining({ name: 'Osama Hamad' }),
    });
    expect(get('mayor-suspended', 'government-change').payload).toMatchObject({ action: 'suspended', office: 'Mayor', person: { name: 'Abdulmenam al-Ghaithi' } });
  });

  it('communications cut on the morning after the protest, by the operator’s account from damage; journalists ordered out, which is disputed', () => {
    const cut = get('communications-cut', 'connectivity');
    expect(cut.payload).toEqual({ service: 'internet', state: 'shut-down', cause: 'damage', impedesReporting: true });
    expect(cut.occurred).toEqual({ date: '2023-09-19', partOfDay: 'morning', zone: ZONE });
    expect(cut.sources[0]).toMatchObject({ role: 'company', via: [{ role: 'media' }] });
    const out = get('journalists-ordered-out', 'security-measure');
    expect(out.verification).toBe('disputed');
    expect(out.sources.map((s) => s.role)).toEqual(['journalist', 'government']);
  });

  it('detentions: 8 then 4 as incident figures, 12 as the running total — the incidents add up to the total, the total is never added', () => {
    const eight = get('eight-officials-detained', 'arrests');
    const four = get('four-more-detained', 'arrests');
    const total = get('detained-total-12', 'arrests');
    expect(eight.payload.count).toEqual({ value: 8, qualifier: 'exact', scope: 'incident' });
    expect(eight.payload.detainees).toEqual([{ person: expect.objectContaining({ name: 'Abdulmenam al-Ghaithi', roles: ['former-official'] }), status: 'detained' }]);
    expect(eight.payload.detainees?.[0]?.charges).toBeUndefined();
    expect(four.payload.count).toEqual({ value: 4, qualifier: 'exact', scope: 'incident' });
    expect(total.payload.count).toEqual({ value: 12, qualifier: 'exact', scope: 'toll', asOf: { date: '2023-09-28', zone: ZONE } });
    const incidents = [eight, four, total].flatMap((u) => figuresOf(u)).filter((f) => f.figure.scope === 'incident');
    expect(sumLowerBounds(incidents.map((f) => quantityOf(f.figure)))).toEqual({ atLeast: 12, exact: true, unbounded: 0 });
    expect(sourceKey(total.sources[0]!)).not.toBe(sourceKey(eight.sources[0]!));
  });
});
