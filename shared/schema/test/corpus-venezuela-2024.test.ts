/**
 * Venezuela 2024 (a contested election): each fact means what was reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, quantitiesConflict, quantityBounds, quantityOf, whenBounds } from '../src/v2/index.ts';
import { VENEZUELA_2024 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state } = storyFacts(VENEZUELA_2024);
const ZONE = 'America/Caracas';

describe('Venezuela 2024 in v2', () => {
  it('Machado barred: the stage names the candidate it is about, ruled by the supreme court', () => {
    const p = get('machado-barred', 'election').payload;
    expect(p).toMatchObject({ stage: 'candidate-barred', election: 'presidential', body: { type: 'judiciary', acronym: 'TSJ' } });
    expect(p.candidates).toEqual([expect.objectContaining({ name: 'María Corina Machado', type: 'opposition' })]);
    expect(p.results).toBeUndefined();
  });

  it('the first bulletin: 51.2% to 44.2% with 80% counted and 59% turnout, announced overnight; disputed from the start', () => {
    const u = get('cne-first-bulletin', 'election');
    expect(u.payload.results?.map((r) => [r.candidate.name, r.share, r.votes])).toEqual([
      ['Nicolás Maduro', { value: 51.2, qualifier: 'exact' }, { value: 5_150_092, qualifier: 'exact' }],
      ['Edmundo González Urrutia', { value: 44.2, qualifier: 'exact' }, { value: 4_445_978, qualifier: 'exact' }],
    ]);
    expect(u.payload.counted).toEqual({ value: 80, qualifier: 'exact' });
    expect(u.payload.turnout).toEqual({ value: 59, qualifier: 'exact' });
    expect(u.payload).toMatchObject({ stage: 'winner-declared', winner: { name: 'Nicolás Maduro' }, body: { acronym: 'CNE' } });
    expect(u.verification).toBe('disputed');
    expect(u.occurred).toEqual({ date: '2024-07-28', partOfDay: 'overnight', zone: ZONE });
    // "Overnight" after polling day reaches past midnight: the bulletin can be dated the 29th.
    expect(whenBounds(u.occurred!).latest).toBeGreaterThan(Date.parse('2024-07-29T04:00:00Z'));
    expect(u.sources[0]).toMatchObject({ role: 'electoral-body', name: 'Elvis Amoroso' });
  });

  it('the opposition’s claim is a claim: about 70% for González, the result disputed, fraud alleged', () => {
    const u = get('opposition-claims-victory', 'election');
    expect(u.verification).toBe('claimed');
    expect(u.payload).toMatchObject({ stage: 'results-disputed', winner: { name: 'Edmundo González Urrutia' }, allegations: ['fraud'] });
    expect(u.payload.results?.[0]?.share).toEqual({ value: 70, qualifier: 'about' });
    expect(u.payload.disputedBy?.map((a) => a.name)).toEqual(['María Corina Machado', 'Edmundo González Urrutia']);
  });

  it('the second bulletin follows up the first (it is a newer count, not a correction): 51.95% to 43.18% with 96.87% counted', () => {
    const u = get('cne-second-bulletin', 'election');
    expect(u.revises).toBeUndefined();
    expect(u.relations).toEqual([{ type: 'follows-up', to: idOf('cne-first-bulletin') }]);
    expect(u.payload.counted).toEqual({ value: 96.87, qualifier: 'exact' });
    expect(u.payload.results?.map((r) => r.share?.value)).toEqual([51.95, 43.18]);
    expect(state('cne-first-bulletin').status).toBe('current');
  });

  it('protest deaths: an NGO toll of 11 as of 30 July, two of them children, part of the protests', () => {
    const u = get('protest-deaths', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    expect(u.payload.killed?.total).toEqual({ value: 11, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-07-30', zone: ZONE } });
    expect(u.payload.killed?.breakdown).toEqual([
      { who: { type: 'civilians', roles: ['child'], country: 'VE' }, figure: { value: 2, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-07-30', zone: ZONE } } },
    ]);
    expect(u.sources[0]?.role).toBe('ngo');
    expect(state('protest-deaths').incident).toBe(idOf('protests-erupt'));
  });

  it('arrest tolls from the attorney general (749) and the president (about 2,000, "at the weekend"): different sources, both tolls, never added', () => {
    const ag = get('attorney-general-arrests', 'arrests');
    const maduro = get('maduro-2000-arrested', 'arrests');
    expect(ag.payload.count).toEqual({ value: 749, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-07-30', zone: ZONE } });
    expect(maduro.payload.count).toEqual({
      value: 2000, qualifier: 'about', scope: 'toll',
      asOf: { from: { date: '2024-08-03', zone: ZONE }, to: { date: '2024-08-04', zone: ZONE } },
    });
    expect(quantityBounds(quantityOf(maduro.payload.count!))).toEqual({ approx: 2000 });
    expect(quantitiesConflict(quantityOf(ag.payload.count!), quantityOf(maduro.payload.count!))).toBe(false);
    expect(ag.sources[0]?.role).toBe('judiciary');
    expect(maduro.sources[0]).toMatchObject({ role: 'head-of-state', via: [{ role: 'state-media' }] });
    for (const u of [ag, maduro]) expect(figuresOf(u).map((f) => f.figure.scope)).toEqual(['toll']);
  });

  it('statues toppled ("several", no number) and police tear gas in Petare, a named district of Caracas', () => {
    expect(get('chavez-statues-toppled', 'property-attack').payload).toMatchObject({ action: 'destruction', targets: ['monument'], count: { vague: 'several' } });
    const gas = get('petare-tear-gas', 'security-operation');
    expect(gas.place).toEqual({ country: 'VE', city: 'Caracas', districts: ['Petare'] });
    expect(gas.payload.means).toEqual(['tear-gas', 'rubber-bullets']);
    expect(gas.evidence).toEqual([{ medium: 'videos', channel: 'broadcast', provenance: 'verified' }]);
  });

  it('observers dispute the result; the United States backs González, quoting "overwhelming evidence"', () => {
    expect(get('carter-center', 'election').payload).toMatchObject({ stage: 'results-disputed', observers: [{ name: 'Carter Center' }], disputedBy: [{ name: 'Carter Center' }] });
    expect(get('us-says-gonzalez-won', 'diplomacy').payload).toMatchObject({
      action: 'statement', stances: ['supports'], concerning: [{ name: 'Edmundo González Urrutia' }], regarding: [idOf('cne-first-bulletin')], quote: 'overwhelming evidence',
    });
  });

  it('X blocked for ten days: a duration with no start invented, ordered by Maduro and confirmed by NetBlocks', () => {
    const p = get('x-blocked', 'connectivity').payload;
    expect(p).toMatchObject({ service: 'social-media', state: 'restricted', platforms: ['X'], imposedBy: { name: 'Nicolás Maduro' } });
    expect(p.period).toEqual({ duration: { amount: { value: 10, qualifier: 'exact' }, unit: 'days' } });
    expect(get('x-blocked', 'connectivity').sources.map((s) => s.role)).toEqual(['head-of-state', 'monitoring-group']);
  });

  it('the court certifies Maduro; he is sworn in months later — certified and sworn in are distinct facts', () => {
    expect(get('tsj-certifies', 'election').payload).toMatchObject({ stage: 'certified', winner: { name: 'Nicolás Maduro' }, body: { type: 'judiciary' } });
    const sworn = get('maduro-sworn-in', 'government-change');
    expect(sworn.payload).toMatchObject({ action: 'sworn-in', office: 'President', by: { type: 'legislature', name: 'National Assembly' } });
    expect(sworn.occurred).toEqual({ date: '2025-01-10', zone: ZONE });
  });

  it('a warrant for González: wanted, not detained, with the charges; then he leaves for Spain on a military aircraft', () => {
    const warrant = get('gonzalez-warrant', 'arrests').payload;
    expect(warrant.action).toBe('warrant-issued');
    expect(warrant.count).toBeUndefined();
    expect(warrant.detainees).toEqual([
      { person: expect.objectContaining({ name: 'Edmundo González Urrutia' }), status: 'wanted', charges: ['usurpation of functions', 'forgery of a public document', 'conspiracy'] },
    ]);
    const left = get('gonzalez-leaves', 'leader-movement');
    expect(left.payload).toMatchObject({ movement: 'left-country', means: 'military-aircraft', to: { country: 'ES', sites: [{ type: 'military-base', name: 'Torrejón air base' }] } });
    expect(left.sources.map((s) => s.role)).toEqual(['foreign-government', 'government']);
    expect(state('gonzalez-warrant').followedUpBy).toEqual([left.id]);
  });

  it('Machado in hiding: her own claim, not "whereabouts unknown"', () => {
    const u = get('machado-in-hiding', 'leader-movement');
    expect(u.payload).toEqual({ movement: 'in-hiding', person: expect.objectContaining({ name: 'María Corina Machado' }) });
    expect(u.verification).toBe('claimed');
  });
});
