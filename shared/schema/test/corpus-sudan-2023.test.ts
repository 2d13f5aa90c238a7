/**
 * Sudan 2023 (an armed-conflict escalation): each fact means what was reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, formatQuantity, quantityBounds, quantityOf, sourceKey, sumLowerBounds, type Figure } from '../src/v2/index.ts';
import { SUDAN_2023 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state } = storyFacts(SUDAN_2023);
const ZONE = 'Africa/Khartoum';

describe('Sudan 2023 in v2', () => {
  it('the clashes: army and RSF, the RSF typed as paramilitary state forces, on the morning of 15 April', () => {
    const u = get('khartoum-clashes', 'armed-conflict');
    expect(u.payload.sides.map((s) => [s.acronym, s.branch])).toEqual([['SAF', 'military'], ['RSF', 'paramilitary']]);
    expect(u.occurred).toEqual({ date: '2023-04-15', partOfDay: 'morning', zone: ZONE });
  });

  it('the RSF’s claim of the palace and the airport is a claim, at two named sites, part of the clashes', () => {
    const u = get('rsf-claims-palace-and-airport', 'armed-conflict');
    expect(u.verification).toBe('claimed');
    expect(u.payload.controlAfter).toMatchObject({ acronym: 'RSF' });
    expect(u.place.sites).toEqual([{ type: 'presidential-palace', name: 'Republican Palace' }, { type: 'airport', name: 'Khartoum International Airport' }]);
    expect(state('rsf-claims-palace-and-airport').incident).toBe(idOf('khartoum-clashes'));
  });

  it('three WFP staff killed in Kabkabiya: an incident figure with no as-of, aid workers, by an unknown hand; the halt of operations in prose', () => {
    const u = get('wfp-staff-killed', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    expect(u.payload.killed?.total).toEqual({ value: 3, qualifier: 'exact', scope: 'incident' });
    expect(u.payload.killed?.breakdown?.[0]?.who).toMatchObject({ roles: ['aid-worker'], affiliation: 'World Food Programme' });
    expect(u.payload.perpetrator).toEqual({ status: 'unknown' });
    expect(u.place).toEqual({ country: 'SD', admin1: 'North Darfur', city: 'Kabkabiya' });
    expect(u.occurred).toEqual({ date: '2023-04-15', zone: ZONE });
    expect(u.reported.date).toBe('2023-04-16');
    expect(u.body).toContain('halting all its operations');
  });

  it('WHO’s nationwide toll and UNICEF’s toll for children: running tolls from different UN agencies, each as of 21 April, never added to the WFP incident', () => {
    const who = get('who-toll', 'casualties');
    const unicef = get('unicef-children-toll', 'casualties');
    if (who.payload.status !== 'figures' || unicef.payload.status !== 'figures') throw new Error('figures expected');
    expect(who.payload.killed?.total).toEqual({ value: 413, qualifier: 'at-least', scope: 'toll', asOf: { date: '2023-04-21', zone: ZONE } });
    expect(who.payload.injured?.total).toMatchObject({ value: 3551, scope: 'toll' });
    expect(unicef.payload.killed?.total).toBeUndefined();
    expect(unicef.payload.killed?.breakdown).toEqual([
      { who: { type: 'civilians', roles: ['child'], country: 'SD' }, figure: { value: 9, qualifier: 'at-least', scope: 'toll', asOf: { date: '2023-04-21', zone: ZONE } } },
    ]);
    expect(formatQuantity(quantityOf(unicef.payload.injured!.breakdown![0]!.figure!))).toBe('more than 50');
    expect(sourceKey(who.sources[0]!)).not.toBe(sourceKey(unicef.sources[0]!));
    // Only incident figures add up: the WFP deaths are the only killed incident here.
    const incidents = [who, unicef, get('wfp-staff-killed', 'casualties')]
      .flatMap((u) => figuresOf(u))
      .filter((f) => f.metric === 'killed' && f.figure.scope === 'incident' && f.who === undefined)
      .map((f) => quantityOf(f.figure));
    expect(sumLowerBounds(incidents)).toEqual({ atLeast: 3, exact: true, unbounded: 0 });
  });

  it('"between 10,000 and 20,000" fled to Chad is a range with both ends firm, a toll from UNHCR', () => {
    const u = get('chad-arrivals', 'displacement');
    const count = u.payload.count as Figure;
    expect(count).toEqual({ min: 10_000, max: 20_000, scope: 'toll', asOf: { date: '2023-04-20', zone: ZONE } });
    expect(quantityBounds(quantityOf(count))).toEqual({ min: 10_000, max: 20_000 });
    expect(formatQuantity(quantityOf(count))).toBe('between 10,000 and 20,000');
    expect(u.payload).toMatchObject({ movement: 'fled-abroad', to: { country: 'TD' }, cause: 'armed-conflict' });
    expect(u.payload.from).toEqual({ country: 'SD' });
  });

  it('the ceasefire: from the night of 24 April for 72 hours; extended by 72 hours through extends; violated in between', () => {
    const cf = get('nationwide-ceasefire', 'armed-conflict');
    expect(cf.payload.period).toEqual({
      from: { date: '2023-04-24', partOfDay: 'night', zone: ZONE }, duration: { amount: { value: 72, qualifier: 'exact' }, unit: 'hours' },
    });
    expect(cf.sources[0]).toMatchObject({ role: 'foreign-government', name: 'Antony Blinken' });
    const ext = get('ceasefire-extended', 'armed-conflict');
    expect(ext.relations).toEqual([{ type: 'extends', to: cf.id }]);
    expect(ext.payload.period).toEqual({ duration: { amount: { value: 72, qualifier: 'exact' }, unit: 'hours' } });
    expect(get('ceasefire-violated', 'armed-conflict').payload.event).toBe('ceasefire-violated');
    expect(state('nationwide-ceasefire')).toMatchObject({ status: 'current', extendedBy: [ext.id], followedUpBy: [idOf('ceasefire-violated')] });
  });

  it('Egyptian troops: captured on video (alleged provenance); 27 released by the RSF’s account, 177 flown home by the army’s — two sources, two counts', () => {
    const captured = get('egyptian-troops-captured', 'arrests');
    expect(captured.payload.count).toBeUndefined();
    expect(captured.payload.who).toEqual([{ type: 'foreign-state', title: 'Egyptian Air Force personnel', roles: ['soldier'], country: 'EG' }]);
    expect(captured.evidence).toEqual([{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }]);
    const rsf = get('egyptian-troops-released', 'arrests');
    const army = get('egyptian-troops-flown-home', 'arrests');
    expect([rsf.payload.action, rsf.payload.count, rsf.verification]).toEqual(['released', { value: 27, qualifier: 'exact', scope: 'incident' }, 'claimed']);
    expect([army.payload.action, army.payload.count, army.verification]).toEqual(['released', { value: 177, qualifier: 'exact', scope: 'incident' }, 'reported']);
    expect(sourceKey(rsf.sources[0]!)).not.toBe(sourceKey(army.sources[0]!));
  });

  it('attacks on diplomats: the EU ambassador assaulted by an unknown hand; the US convoy fired on by attackers the US links to the RSF', () => {
    const eu = get('eu-ambassador-assaulted', 'attack').payload;
    expect(eu.perpetrator).toEqual({ status: 'unknown' });
    expect(eu.methods).toEqual(['unknown']);
    expect(eu.targets?.[0]).toMatchObject({ name: 'Aidan O’Hara', roles: ['official'] });
    const convoy = get('us-convoy-fired-on', 'attack').payload;
    expect(convoy.perpetrator).toMatchObject({ status: 'alleged', allegedBy: [{ name: 'United States' }] });
    expect(convoy.methods).toEqual(['shooting']);
  });

  it('Khartoum’s Sunday holiday is a closure for one day, not a curfew', () => {
    const p = get('khartoum-holiday', 'security-measure').payload;
    if (p.measure !== 'closure') throw new Error('closure expected');
    expect(p.facilities).toEqual(['schools', 'banks', 'government-offices']);
    expect(p.period).toEqual({ from: { date: '2023-04-16', zone: ZONE }, to: { date: '2023-04-16', zone: ZONE } });
  });

  it('the UK airlift: "nearly 900" is about 900, a plain quantity that does not add up across the story', () => {
    const p = get('uk-evacuation', 'diplomacy').payload;
    if (p.action !== 'evacuation-of-nationals') throw new Error('evacuation expected');
    expect(p.count).toEqual({ value: 900, qualifier: 'about' });
    expect(figuresOf(get('uk-evacuation', 'diplomacy'))).toEqual([]);
  });

  it('Jeddah: talks under way with two mediators, then an agreement that follows them up', () => {
    expect(get('jeddah-talks', 'diplomacy').payload).toMatchObject({ action: 'mediation', status: 'under-way', mediators: [{ name: 'Saudi Arabia' }, { name: 'United States' }] });
    expect(get('jeddah-declaration', 'diplomacy').payload).toMatchObject({ status: 'agreement-reached' });
    expect(state('jeddah-talks').followedUpBy).toEqual([idOf('jeddah-declaration')]);
  });
});
