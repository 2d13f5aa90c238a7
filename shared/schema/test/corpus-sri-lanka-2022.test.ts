/**
 * Sri Lanka 2022 (street protests, curfews, a social-media shutdown): each
 * fact means what was reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { formatQuantity, instantPrecision, isNationwide, placeLevel, quantityBounds, quantityOf } from '../src/v2/index.ts';
import { SRI_LANKA_2022 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state } = storyFacts(SRI_LANKA_2022);
const ZONE = 'Asia/Colombo';

describe('Sri Lanka 2022 in v2', () => {
  it('Mirihana: hundreds protest at night outside the president’s private home; vague crowd, no number', () => {
    const u = get('mirihana-protest', 'unrest');
    expect(u.occurred).toEqual({ date: '2022-03-31', partOfDay: 'night', zone: ZONE });
    expect(u.payload.size).toEqual({ vague: 'hundreds' });
    expect(quantityBounds(u.payload.size!)).toEqual({});
    expect(u.place).toMatchObject({ districts: ['Mirihana'], sites: [{ type: 'home' }] });
    expect(u.payload.against).toEqual([expect.objectContaining({ name: 'Gotabaya Rajapaksa', roles: ['head-of-state'] })]);
  });

  it('Mirihana’s arrests and injuries are incident figures of that protest, from the police, with journalists among the injured', () => {
    const arrests = get('mirihana-arrests', 'arrests');
    expect(arrests.payload.count).toEqual({ value: 54, qualifier: 'exact', scope: 'incident' });
    expect(arrests.relations).toEqual([{ type: 'part-of-incident', to: idOf('mirihana-protest') }]);
    expect(state('mirihana-arrests').incident).toBe(idOf('mirihana-protest'));
    const hurt = get('mirihana-injured', 'casualties');
    if (hurt.payload.status !== 'figures') throw new Error('figures expected');
    expect(hurt.payload.injured?.breakdown).toEqual([
      { who: { type: 'state-forces', branch: 'police', country: 'LK', roles: ['police-officer'] }, figure: { value: 5, qualifier: 'exact', scope: 'incident' } },
    ]);
    expect(hurt.payload.injured?.total).toBeUndefined();
    expect(hurt.payload.victims?.map((v) => [v.person.roles, v.person.affiliation, v.outcome])).toEqual([
      [['journalist'], 'Daily Mirror', 'injured'],
      [['journalist'], 'Daily Mirror', 'injured'],
    ]);
    expect(hurt.sources[0]?.role).toBe('police');
  });

  it('the overnight curfew: parts of Western Province, named police divisions, until further notice; lifted at 05:00 by a lift, not a correction', () => {
    const curfew = get('colombo-curfew', 'security-measure');
    expect(curfew.place).toMatchObject({ admin1: 'Western Province', extent: 'parts' });
    expect(curfew.place.districts).toEqual(['Colombo North', 'Colombo South', 'Colombo Central', 'Nugegoda', 'Mount Lavinia', 'Kelaniya']);
    expect(curfew.payload.period).toEqual({ untilFurtherNotice: true });
    const lift = get('colombo-curfew-lifted', 'security-measure');
    expect(lift.relations).toEqual([{ type: 'lifts', to: idOf('colombo-curfew') }]);
    expect(lift.revises).toBeUndefined();
    expect(lift.payload.status).toBe('lifted');
    expect(lift.occurred).toEqual({ date: '2022-04-01', time: '05:00', zone: ZONE });
    expect(state('colombo-curfew')).toMatchObject({ status: 'lifted', liftedBy: idOf('colombo-curfew-lifted') });
  });

  it('the state of emergency: declared late on 1 April, revoked from midnight on 5 April, pointing at the declaration', () => {
    const declared = get('state-of-emergency', 'security-measure');
    expect(declared.payload).toMatchObject({ measure: 'state-of-emergency', status: 'declared', issuedBy: { name: 'Gotabaya Rajapaksa' } });
    expect(declared.occurred).toEqual({ date: '2022-04-01', partOfDay: 'night', zone: ZONE });
    expect(isNationwide(declared.place)).toBe(true);
    const revoked = get('state-of-emergency-revoked', 'security-measure');
    expect(revoked.relations).toEqual([{ type: 'lifts', to: idOf('state-of-emergency') }]);
    expect(revoked.sources[0]).toMatchObject({ role: 'government', title: 'gazette notification' });
    expect(state('state-of-emergency').status).toBe('lifted');
  });

  it('the 36-hour curfew runs from 18:00 on 2 April for a duration, with no end time invented', () => {
    const p = get('curfew-36h', 'security-measure').payload;
    expect(p.period).toEqual({ from: { date: '2022-04-02', time: '18:00', zone: ZONE }, duration: { amount: { value: 36, qualifier: 'exact' }, unit: 'hours' } });
    expect(p.period?.to).toBeUndefined();
  });

  it('the social-media block: five named platforms, ordered by the Defence Ministry; restored by a lift, the "about 15 hours" left in prose', () => {
    const block = get('social-media-blocked', 'connectivity');
    expect(block.payload).toMatchObject({ service: 'social-media', state: 'restricted', cause: 'ordered-shutdown', imposedBy: { name: 'Ministry of Defence' } });
    expect(block.payload.platforms).toEqual(['Facebook', 'WhatsApp', 'Twitter', 'Instagram', 'YouTube']);
    expect(block.sources.map((s) => s.role)).toEqual(['monitoring-group', 'government']);
    const restored = get('social-media-restored', 'connectivity');
    expect(restored.payload).toEqual({ service: 'social-media', state: 'restored' });
    expect(restored.relations).toEqual([{ type: 'lifts', to: idOf('social-media-blocked') }]);
    expect(restored.body).toContain('about 15 hours');
    expect(state('social-media-blocked').status).toBe('lifted');
  });

  it('the Cabinet resigns except the president and the prime minister — never "the entire Cabinet"', () => {
    const u = get('cabinet-resigns', 'government-change');
    expect(u.payload).toMatchObject({ action: 'resigned', body: 'Cabinet', wholeBody: true });
    expect(u.payload.except).toEqual([
      { office: 'President', person: expect.objectContaining({ name: 'Gotabaya Rajapaksa' }) },
      { office: 'Prime Minister', person: expect.objectContaining({ name: 'Mahinda Rajapaksa' }) },
    ]);
    expect(u.occurred).toEqual({ date: '2022-04-03', partOfDay: 'night', zone: ZONE });
    expect(u.sources[0]).toMatchObject({ name: 'Dinesh Gunawardena', role: 'government', title: 'Education Minister' });
  });

  it('Ali Sabry: appointed on 4 April, resigned on 5 April; the resignation follows up the appointment', () => {
    expect(get('ali-sabry-appointed', 'government-change').payload).toMatchObject({ action: 'appointed', office: 'Minister of Finance', by: { name: 'Gotabaya Rajapaksa' } });
    const quit = get('ali-sabry-resigns', 'government-change');
    expect(quit.payload).toMatchObject({ action: 'resigned', office: 'Minister of Finance', person: { ref: 'lk:ali-sabry' } });
    expect(state('ali-sabry-appointed').followedUpBy).toEqual([quit.id]);
  });

  it('9 May: government supporters attack the camp (a known perpetrator); the island-wide curfew is extended, then eased — the declaration stays current', () => {
    const attack = get('government-supporters-attack-camp', 'attack');
    expect(attack.payload.perpetrator).toEqual({ status: 'known', by: [expect.objectContaining({ type: 'ruling-party', title: 'supporters of the government' })] });
    expect(attack.place.sites).toContainEqual({ type: 'protest-camp', name: 'GotaGoGama' });
    const curfew = get('curfew-may', 'security-measure');
    expect(curfew.payload.period).toEqual({ untilFurtherNotice: true });
    expect(curfew.occurred).toEqual({ date: '2022-05-09', partOfDay: 'afternoon', zone: ZONE });
    expect(get('curfew-may-extended', 'security-measure').payload).toMatchObject({ status: 'extended', period: { to: { date: '2022-05-12', time: '07:00' } } });
    expect(get('curfew-may-eased', 'security-measure').payload).toMatchObject({
      status: 'eased', period: { from: { date: '2022-05-12', time: '14:00' }, to: { date: '2022-05-13', time: '06:00' } },
    });
    expect(state('curfew-may')).toMatchObject({ status: 'current', extendedBy: [idOf('curfew-may-extended')], amendedBy: [idOf('curfew-may-eased')] });
  });

  it('a ruling-party lawmaker among the dead: a named victim whose cause of death is not guessed', () => {
    const u = get('lawmaker-killed', 'casualties');
    if (u.payload.status !== 'figures') throw new Error('figures expected');
    const v = u.payload.victims?.[0];
    expect(v?.person).toMatchObject({ type: 'ruling-party', name: 'Amarakeerthi Athukorala', roles: ['lawmaker'] });
    expect(v?.outcome).toBe('killed');
    expect(v?.cause).toBeUndefined();
    expect(u.place).toMatchObject({ admin2: 'Gampaha District', city: 'Nittambuwa' });
  });

  it('the toll of the violence (police, nationwide) and the hospital’s count (Colombo) are separate tolls from separate sources, each as of 10 May', () => {
    const police = get('violence-toll', 'casualties');
    if (police.payload.status !== 'figures') throw new Error('figures expected');
    expect(police.payload.killed?.total).toEqual({ value: 8, qualifier: 'exact', scope: 'toll', asOf: { date: '2022-05-10', zone: ZONE } });
    expect(police.payload.killed?.breakdown?.map((b) => [b.who.roles, b.figure])).toEqual([[['lawmaker'], undefined], [['police-officer'], undefined]]);
    const hospital = get('colombo-hospital-injured', 'casualties');
    if (hospital.payload.status !== 'figures') throw new Error('figures expected');
    expect(hospital.payload.injured?.total).toEqual({ value: 216, qualifier: 'exact', scope: 'toll', asOf: { date: '2022-05-10', zone: ZONE } });
    expect(hospital.sources[0]?.role).toBe('hospital');
    expect(placeLevel(hospital.place)).toBe('city');
  });

  it('homes of dozens of ruling-party politicians burned: "dozens" stays a word, and the Rajapaksa home is its own named site in the same incident', () => {
    const homes = get('politicians-homes-burned', 'property-attack');
    expect(homes.payload.count).toEqual({ vague: 'dozens' });
    expect(formatQuantity(homes.payload.count!)).toBe('dozens');
    expect(homes.payload.owner).toMatchObject({ type: 'ruling-party', roles: ['politician'] });
    const ancestral = get('rajapaksa-ancestral-home-burned', 'property-attack');
    expect(ancestral.place).toMatchObject({ city: 'Medamulana', sites: [{ type: 'home', name: 'Rajapaksa ancestral home' }] });
    expect(state('rajapaksa-ancestral-home-burned').incident).toBe(idOf('politicians-homes-burned'));
  });

  it('the shoot order names whom it targets in the issuer’s words, without claiming "without warning"', () => {
    const p = get('shoot-order', 'security-measure').payload;
    if (p.measure !== 'shoot-order') throw new Error('shoot-order expected');
    expect(p.targetsDescribedAs).toEqual(['anyone looting public property or causing harm to life']);
    expect(p.warning).toBe('unspecified');
    expect(p.orderedTo).toEqual([expect.objectContaining({ branch: 'military', title: 'the tri-forces' })]);
  });

  it('9 July: the march, the tear gas and the storming of the President’s House are one incident at a named residence', () => {
    for (const slug of ['tear-gas-colombo', 'presidents-house-stormed', 'president-leaves-residence', 'prime-minister-home-burned'])
      expect(state(slug).incident, slug).toBe(idOf('july-9-protest'));
    const stormed = get('presidents-house-stormed', 'property-attack');
    expect(stormed.place.sites).toEqual([{ type: 'residence', name: 'President’s House' }]);
    expect(stormed.payload).toMatchObject({ action: 'storming', targets: ['residence'] });
    expect(get('tear-gas-colombo', 'security-operation').payload.means).toEqual(['tear-gas', 'water-cannon']);
    expect(get('july-9-protest', 'unrest').payload.demands).toEqual(['Gota go home']);
  });

  it('the Speaker’s "he has left the country" is retracted, and the retraction repeats what it withdraws', () => {
    const said = get('speaker-says-president-left', 'leader-movement');
    const retraction = get('speaker-retracts', 'leader-movement');
    expect(retraction.retracts).toBe(said.id);
    expect(retraction.payload).toEqual(said.payload);
    expect(retraction.relations).toBeUndefined();
    expect(state('speaker-says-president-left')).toMatchObject({ status: 'retracted', retractedBy: retraction.id });
    expect(said.sources[0]?.via).toEqual([{ name: 'BBC', role: 'media' }]);
    expect(retraction.sources[0]?.via).toEqual([{ name: 'ANI', role: 'news-agency' }]);
  });

  it('the president flees to the Maldives on a military aircraft, then flies on to Singapore on a commercial flight', () => {
    const fled = get('president-fled', 'leader-movement');
    expect(fled.payload).toMatchObject({ movement: 'fled', to: { country: 'MV', city: 'Malé' }, means: 'military-aircraft' });
    expect(fled.occurred).toEqual({ date: '2022-07-13', partOfDay: 'early-morning', zone: ZONE });
    expect(fled.sources[0]?.role).toBe('military');
    expect(get('president-arrives-singapore', 'leader-movement').payload).toMatchObject({ movement: 'arrived', from: { country: 'MV' }, to: { country: 'SG' }, means: 'commercial-flight' });
  });

  it('the resignation is dated by when it took effect (14 July), reported on 15 July', () => {
    const u = get('president-resigns', 'government-change');
    expect(u.payload).toMatchObject({ action: 'resigned', office: 'President', person: { name: 'Gotabaya Rajapaksa' } });
    expect(u.payload.effective).toEqual({ date: '2022-07-14', zone: ZONE });
    expect(instantPrecision(u.reported)).toBe('day');
    expect(u.reported.date).toBe('2022-07-15');
  });

  it('Wickremesinghe: acting (13 July), sworn in as acting president (15 July), elected by parliament 134–82–3 (20 July), sworn in (21 July) — four distinct facts', () => {
    const steps = ['ranil-acting-president', 'ranil-sworn-in-acting-president', 'ranil-elected', 'ranil-sworn-in-president'].map((s) => get(s, 'government-change'));
    expect(steps.map((u) => [u.payload.action, u.payload.office, u.occurred && 'date' in u.occurred ? u.occurred.date : undefined])).toEqual([
      ['acting', 'President', '2022-07-13'],
      ['sworn-in', 'acting President', '2022-07-15'],
      ['elected', 'President', '2022-07-20'],
      ['sworn-in', 'President', '2022-07-21'],
    ]);
    for (const u of steps) expect(u.payload.person?.name).toBe('Ranil Wickremesinghe');
    expect(steps[0]!.payload.by?.name).toBe('Gotabaya Rajapaksa');
    expect(steps[2]!.payload.by).toMatchObject({ type: 'legislature' });
    const vote = get('parliament-vote', 'election').payload;
    expect(vote.results?.map((r) => [r.candidate.name, r.votes, r.outcome])).toEqual([
      ['Ranil Wickremesinghe', { value: 134, qualifier: 'exact' }, 'won'],
      ['Dullas Alahapperuma', { value: 82, qualifier: 'exact' }, 'lost'],
      ['Anura Kumara Dissanayake', { value: 3, qualifier: 'exact' }, 'lost'],
    ]);
    expect(vote.body).toMatchObject({ type: 'legislature' });
  });

  it('the camp is cleared before dawn on 22 July by troops and police, at two named sites', () => {
    const u = get('camp-raided', 'security-operation');
    expect(u.payload).toMatchObject({ action: 'clearing', by: [{ branch: 'military' }, { branch: 'police' }] });
    expect(u.place.sites?.map((s) => s.name)).toEqual(['GotaGoGama', 'Presidential Secretariat']);
    expect(u.occurred).toEqual({ date: '2022-07-22', partOfDay: 'early-morning', zone: ZONE });
  });

  it('every figure of the story is what a source said: no vague word became a number', () => {
    const homes = get('politicians-homes-burned', 'property-attack').payload.count!;
    expect(homes).not.toHaveProperty('value');
    const killed = get('violence-toll', 'casualties');
    if (killed.payload.status !== 'figures') throw new Error('figures expected');
    expect(quantityBounds(quantityOf(killed.payload.killed!.total!))).toEqual({ min: 8, max: 8 });
  });
});
