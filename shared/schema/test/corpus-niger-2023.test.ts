/**
 * Niger 2023 (a military coup): each fact means what was reported, field by field.
 */
import { describe, expect, it } from 'vitest';
import { isNationwide, quantityBounds } from '../src/v2/index.ts';
import { NIGER_2023 } from '../src/v2/corpus/index.ts';
import { storyFacts } from './corpus-support.ts';

const { get, idOf, state } = storyFacts(NIGER_2023);
const ZONE = 'Africa/Niamey';

describe('Niger 2023 in v2', () => {
  it('the coup in stages: the guard holds the president (under way, from the presidency), then soldiers claim power on state TV', () => {
    const first = get('guard-holds-president', 'coup');
    expect(first.payload).toMatchObject({ stage: 'under-way', by: [{ name: 'Presidential Guard', branch: 'military' }], actions: ['detained-leader'] });
    expect(first.sources[0]).toMatchObject({ role: 'government', via: [{ role: 'social-media' }] });
    expect(first.occurred).toEqual({ date: '2023-07-26', partOfDay: 'morning', zone: ZONE });
    const claim = get('coup-announced', 'coup');
    expect(claim.payload).toMatchObject({ stage: 'claimed', junta: 'National Council for the Safeguard of the Homeland' });
    expect(claim.payload.actions).toEqual(['seized-power', 'suspended-constitution', 'closed-borders', 'imposed-curfew']);
    expect(claim.payload.against).toEqual([expect.objectContaining({ name: 'Mohamed Bazoum', roles: ['head-of-state'] })]);
    expect(claim.sources).toEqual([{ name: 'Télé Sahel', role: 'state-media', title: 'national television' }]);
    expect(claim.verification).toBe('reported');
  });

  it('the curfew: nationwide, until further notice, with no daily hours since reports of them differ; lifted on 4 August by a lift', () => {
    const curfew = get('curfew', 'security-measure');
    if (curfew.payload.measure !== 'curfew') throw new Error('curfew expected');
    expect(curfew.payload.period).toEqual({ untilFurtherNotice: true });
    expect(curfew.payload.dailyHours).toBeUndefined();
    expect(isNationwide(curfew.place)).toBe(true);
    expect(curfew.relations).toEqual([{ type: 'part-of-incident', to: idOf('coup-announced') }]);
    expect(get('curfew-lifted', 'security-measure').relations).toEqual([{ type: 'lifts', to: idOf('curfew') }]);
    expect(state('curfew')).toMatchObject({ status: 'lifted', liftedBy: idOf('curfew-lifted') });
  });

  it('borders and airspace: closed, eased for five neighbours (amends), airspace closed again and eased for commercial flights — never corrections', () => {
    const closed = get('borders-closed', 'security-measure').payload;
    if (closed.measure !== 'movement-restriction') throw new Error('movement-restriction expected');
    expect(closed.restrictions).toEqual(['border-closure', 'airspace-closure']);
    const eased = get('borders-reopened-with-five', 'security-measure');
    expect(eased.payload.status).toBe('eased');
    expect(eased.relations).toEqual([{ type: 'amends', to: idOf('borders-closed') }]);
    expect(eased.revises).toBeUndefined();
    expect(state('borders-closed')).toMatchObject({ status: 'current', amendedBy: [idOf('borders-reopened-with-five')] });
    expect(get('airspace-closed', 'security-measure').payload).toMatchObject({ status: 'declared', period: { untilFurtherNotice: true } });
    expect(state('airspace-closed')).toMatchObject({ status: 'current', amendedBy: [idOf('airspace-reopened')] });
    expect(get('airspace-reopened', 'security-measure').sources[0]).toMatchObject({ role: 'ministry', via: [{ name: 'Agence Nigérienne de Presse', role: 'state-media' }] });
  });

  it('Bazoum is a named detainee held by his own guard', () => {
    expect(get('bazoum-held', 'arrests').payload).toEqual({
      detainees: [{ person: expect.objectContaining({ name: 'Mohamed Bazoum', roles: ['head-of-state'] }), status: 'detained' }],
      by: [expect.objectContaining({ name: 'Presidential Guard' })],
    });
  });

  it('the foreign minister says he is acting head of government: "acting", and a claim, not a confirmed fact', () => {
    const u = get('foreign-minister-acting', 'government-change');
    expect(u.payload).toMatchObject({ action: 'acting', body: 'government', office: 'head of government', person: { name: 'Hassoumi Massoudou', roles: ['minister'] } });
    expect(u.verification).toBe('claimed');
  });

  it('the army command’s support is a statement about the coup, pointing at it', () => {
    const p = get('army-command-backs-coup', 'diplomacy').payload;
    expect(p).toMatchObject({ action: 'statement', stances: ['supports'], regarding: [idOf('coup-announced')] });
  });

  it('Tchiani takes over as head of the junta: took-over, not elected or appointed', () => {
    expect(get('tchiani-takes-over', 'government-change').payload).toMatchObject({
      action: 'took-over', body: 'National Council for the Safeguard of the Homeland', person: { name: 'Abdourahamane Tchiani', aliases: expect.arrayContaining(['Abdourahamane Tiani']) },
    });
  });

  it('the ruling party’s headquarters burned: a named party office, owned by the ruling party', () => {
    const u = get('ruling-party-office-burned', 'property-attack');
    expect(u.place.sites).toEqual([{ type: 'party-office', name: 'PNDS-Tarayya headquarters' }]);
    expect(u.payload).toMatchObject({ action: 'arson', owner: { type: 'ruling-party', acronym: 'PNDS-Tarayya' } });
  });

  it('ECOWAS: sanctions imposed and an ultimatum that warns of force, quoted; the one-week deadline left in prose', () => {
    expect(get('ecowas-sanctions', 'diplomacy').payload).toMatchObject({ action: 'sanctions', status: 'imposed', types: ['trade', 'financial', 'asset-freeze'] });
    const ultimatum = get('ecowas-ultimatum', 'diplomacy');
    expect(ultimatum.payload).toMatchObject({ stances: ['calls-for', 'warns'], calls: ['release-of-detainees', 'return-to-constitutional-order'], quote: 'Such measures may include the use of force' });
    expect(ultimatum.body).toContain('one week');
    expect(ultimatum.place).toEqual({ country: 'NG', city: 'Abuja' });
  });

  it('the French embassy: a rally of thousands, an attempted storming repelled, and tear gas fired by someone no source named', () => {
    expect(get('rally-at-french-embassy', 'unrest').payload.size).toEqual({ vague: 'thousands' });
    expect(quantityBounds(get('rally-at-french-embassy', 'unrest').payload.size!)).toEqual({});
    expect(get('french-embassy-stormed', 'property-attack').payload).toMatchObject({ action: 'storming', status: 'repelled', owner: { name: 'France' } });
    const gas = get('embassy-tear-gas', 'security-operation');
    expect(gas.payload.by).toEqual([{ type: 'unknown' }]);
    for (const slug of ['french-embassy-stormed', 'embassy-tear-gas']) expect(state(slug).incident).toBe(idOf('rally-at-french-embassy'));
  });

  it('four ministers, a former defence minister and the party leader detained: named detainees with their roles, from the party via AFP', () => {
    const u = get('ministers-arrested', 'arrests');
    expect(u.payload.count).toBeUndefined();
    expect(u.payload.detainees?.map((d) => [d.person.name, d.person.roles])).toEqual([
      ['Mahamane Sani Mahamadou', ['minister']],
      ['Ousseini Hadizatou', ['minister']],
      ['Hama Amadou Souley', ['minister']],
      ['Oumarou Malam Alma', ['minister']],
      ['Kalla Moutari', ['lawmaker', 'former-official']],
      ['Foumakoye Gado', ['party-leader']],
    ]);
    expect(u.sources[0]).toMatchObject({ role: 'ruling-party', via: [{ name: 'AFP', role: 'news-agency' }] });
  });

  it('RFI and France 24 cut off: a media restriction naming the outlets, on an afternoon, from an official via AFP', () => {
    const u = get('rfi-france24-suspended', 'security-measure');
    if (u.payload.measure !== 'media-restriction') throw new Error('media-restriction expected');
    expect(u.payload.outlets?.map((o) => o.name)).toEqual(['Radio France Internationale', 'France 24']);
    expect(u.occurred).toEqual({ date: '2023-08-03', partOfDay: 'afternoon', zone: ZONE });
  });

  it('a prime minister appointed by the junta; the African Union suspends Niger; the French ambassador expelled, then recalled', () => {
    expect(get('prime-minister-appointed', 'government-change').payload).toMatchObject({ action: 'appointed', office: 'Prime Minister', person: { name: 'Ali Mahaman Lamine Zeine' } });
    expect(get('african-union-suspends', 'diplomacy').payload).toMatchObject({ action: 'sanctions', types: ['suspension-of-membership'] });
    const expelled = get('french-ambassador-expelled', 'diplomacy');
    expect(expelled.payload).toMatchObject({ action: 'envoys', measure: 'ambassador-expelled', concerning: { name: 'France' } });
    expect(expelled.body).toContain('48 hours');
    expect(get('france-recalls-ambassador', 'diplomacy').payload).toMatchObject({ measure: 'ambassador-recalled', by: { name: 'France' } });
    expect(state('french-ambassador-expelled').followedUpBy).toEqual([idOf('france-recalls-ambassador')]);
  });

  it('French troops: "roughly 1,500" is about 1,500 and fixes no bound; withdrawing, by the end of the year in prose', () => {
    const u = get('french-troops-to-leave', 'foreign-military');
    if (u.payload.action !== 'deployment') throw new Error('deployment expected');
    expect(u.payload).toMatchObject({ status: 'withdrawing', troops: { value: 1500, qualifier: 'about' }, fromCountries: ['FR'] });
    expect(quantityBounds(u.payload.troops!)).toEqual({ approx: 1500 });
    expect(u.body).toContain('end of the year');
  });
});
