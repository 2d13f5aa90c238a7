/**
 * Crocus City Hall 2024 (a mass-casualty attack): each fact means what was
 * reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, instantSortKey, isInstant, quantityBounds, quantityOf, sourceKey } from '../src/v2/index.ts';
import { CROCUS_2024 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state, bySlug } = storyFacts(CROCUS_2024);
const ZONE = 'Europe/Moscow';

describe('Crocus City Hall 2024 in v2', () => {
  it('the attack: shooting and arson at a named venue on the evening of 22 March, "at least three" gunmen, the perpetrator not yet known', () => {
    const u = get('attack', 'attack');
    expect(u.payload).toMatchObject({ methods: ['shooting', 'arson'], perpetrator: { status: 'unknown' }, targets: [{ type: 'civilians', title: 'concert-goers' }] });
    expect(u.payload.attackers).toEqual({ value: 3, qualifier: 'at-least' });
    expect(u.occurred).toEqual({ date: '2024-03-22', partOfDay: 'evening', zone: ZONE });
    expect(u.place).toMatchObject({ admin1: 'Moscow Oblast', city: 'Krasnogorsk', sites: [{ type: 'venue', name: 'Crocus City Hall' }] });
    expect(u.place.coordinates?.precision).toBe('district');
  });

  it('who did it, as separate facts of the same incident: claimed by Islamic State, alleged by US officials (ISIS-K) and by Putin (radical Islamists)', () => {
    const claim = get('islamic-state-claim', 'attack');
    expect(claim.payload.perpetrator).toEqual({ status: 'claimed', by: [expect.objectContaining({ name: 'Islamic State', type: 'armed-group' })] });
    expect(claim.verification).toBe('claimed');
    expect(claim.sources[0]).toMatchObject({ name: 'Amaq', role: 'armed-group' });
    expect(get('us-officials-isis-k', 'attack').payload.perpetrator).toMatchObject({ status: 'alleged', by: [{ aliases: ['ISIS-K'] }], allegedBy: [{ country: 'US' }] });
    expect(get('putin-radical-islamists', 'attack').payload.perpetrator).toMatchObject({ status: 'alleged', allegedBy: [{ name: 'Vladimir Putin' }] });
    for (const slug of ['islamic-state-claim', 'us-officials-isis-k', 'putin-radical-islamists', 'hall-on-fire']) expect(state(slug).incident, slug).toBe(idOf('attack'));
  });

  it('the death toll rises 40 → 93 → 133 → 137 → 139: every figure a toll of the attack, each as of a later time, none an incident to add up', () => {
    const slugs = ['fsb-toll-40', 'toll-93', 'toll-133', 'toll-137', 'toll-139'];
    const killed = slugs.map((slug) => {
      const f = figuresOf(get(slug, 'casualties')).find((x) => x.metric === 'killed' && x.who === undefined)!;
      expect(f.figure.scope, slug).toBe('toll');
      expect(state(slug).incident, slug).toBe(idOf('attack'));
      return f.figure;
    });
    expect(killed.map((f) => quantityBounds(quantityOf(f)))).toEqual([{ min: 40 }, { min: 93, max: 93 }, { min: 133, max: 133 }, { min: 137, max: 137 }, { min: 139, max: 139 }]);
    const asOf = killed.map((f) => (f.asOf && isInstant(f.asOf) ? instantSortKey(f.asOf) : NaN));
    expect([...asOf].sort((a, b) => a - b)).toEqual(asOf);
    expect(new Set(asOf).size).toBe(asOf.length);
  });

  it('tolls come from different bodies: the FSB first, the Investigative Committee and its chairman after', () => {
    const fsb = get('fsb-toll-40', 'casualties');
    expect(fsb.sources[0]).toMatchObject({ role: 'security-service', name: 'Federal Security Service', via: [{ role: 'state-media' }] });
    expect(sourceKey(fsb.sources[0]!)).not.toBe(sourceKey(get('toll-93', 'casualties').sources[0]!));
    expect(sourceKey(get('toll-93', 'casualties').sources[0]!)).toBe(sourceKey(get('toll-133', 'casualties').sources[0]!));
    expect(get('toll-139', 'casualties').sources[0]).toMatchObject({ name: 'Alexander Bastrykin', title: 'chairman of the Investigative Committee' });
  });

  it('three children among the dead: a breakdown with a number, sharing the total’s scope and as-of', () => {
    const u = get('toll-137', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    expect(u.payload.killed).toEqual({
      total: { value: 137, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-03-24', zone: ZONE } },
      breakdown: [{ who: { type: 'civilians', roles: ['child'], country: 'RU' }, figure: { value: 3, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-03-24', zone: ZONE } } }],
    });
  });

  it('injured: "more than 100" early (FSB), 182 later (Investigative Committee)', () => {
    const early = get('fsb-toll-40', 'casualties');
    const late = get('toll-139', 'casualties');
    if (early.payload.status !== 'figures' || late.payload.status !== 'figures') throw new Error('figures expected');
    expect(early.payload.injured?.total).toEqual({ value: 100, qualifier: 'more-than', scope: 'toll', asOf: { date: '2024-03-22', zone: ZONE } });
    expect(late.payload.injured?.total).toEqual({ value: 182, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-03-25', zone: ZONE } });
  });

  it('eleven detained (an incident count) and four Tajik citizens charged by name; the remand term left in prose', () => {
    expect(get('eleven-detained', 'arrests').payload.count).toEqual({ value: 11, qualifier: 'exact', scope: 'incident' });
    expect(get('eleven-detained', 'arrests').place).toEqual({ country: 'RU', admin1: 'Bryansk Oblast' });
    const charged = get('suspects-charged', 'arrests');
    expect(charged.payload).toMatchObject({ action: 'charged', count: { value: 4, qualifier: 'exact', scope: 'incident' } });
    expect(charged.payload.detainees?.map((d) => [d.person.name, d.person.country, d.person.roles, d.status])).toEqual([
      ['Dalerdzhon Mirzoyev', 'TJ', ['foreign-national'], 'charged'],
      ['Saidakrami Rachabalizoda', 'TJ', ['foreign-national'], 'charged'],
      ['Shamsidin Fariduni', 'TJ', ['foreign-national'], 'charged'],
      ['Muhammadsobir Fayzov', 'TJ', ['foreign-national'], 'charged'],
    ]);
    expect(charged.place.sites).toEqual([{ type: 'court', name: 'Basmanny District Court' }]);
    expect(charged.body).toContain('22 May');
  });

  it('the warning two weeks before, quoted; Ukraine’s denial and Putin’s accusation are statements about the attack', () => {
    const warning = get('us-embassy-warning', 'diplomacy');
    expect(warning.payload).toMatchObject({ action: 'statement', stances: ['warns'] });
    if (warning.payload.action === 'statement') expect(warning.payload.quote).toContain('imminent plans to target large gatherings in Moscow');
    expect(warning.occurred).toEqual({ date: '2024-03-07', zone: ZONE });
    expect(get('ukraine-denies', 'diplomacy').payload).toMatchObject({ stances: ['denies'], regarding: [idOf('attack')] });
    expect(get('putin-accuses-ukraine', 'diplomacy').payload).toMatchObject({ stances: ['accuses'], concerning: [{ name: 'Ukraine' }], regarding: [idOf('attack')] });
  });

  it('mourning on Sunday 24 March, and events cancelled for the weekend of 23–24 March, as dates only', () => {
    expect(get('day-of-mourning', 'commemoration').payload).toMatchObject({ type: 'day-of-mourning', on: { date: '2024-03-24', zone: ZONE }, orderedBy: { name: 'Vladimir Putin' } });
    const ban = get('moscow-events-cancelled', 'security-measure').payload;
    expect(ban).toMatchObject({ measure: 'ban-on-gatherings', status: 'ordered', period: { from: { date: '2024-03-23', zone: ZONE }, to: { date: '2024-03-24', zone: ZONE } } });
  });

  it('every fact after the attack belongs to it or is about it: nothing in the story floats free of the incident', () => {
    for (const [slug, u] of bySlug) {
      if (slug === 'us-embassy-warning' || slug === 'attack') continue;
      const aboutAttack = state(slug).incident === idOf('attack') || (u.kind === 'diplomacy' && u.payload.action === 'statement' && u.payload.regarding?.includes(idOf('attack')));
      const response = u.kind === 'commemoration' || u.kind === 'security-measure';
      expect(aboutAttack || response, slug).toBe(true);
    }
  });
});
