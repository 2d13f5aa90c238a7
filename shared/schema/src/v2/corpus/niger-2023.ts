/**
 * Niger, 2023: the presidential guard detains President Mohamed Bazoum
 * (26 July), soldiers announce his removal on national television, General
 * Abdourahamane Tchiani takes over, ECOWAS threatens force, and the junta
 * turns on France.
 *
 * Shape: a military coup. What it exercises: the coup in stages (under way,
 * then claimed), a curfew and border closure "until further notice" that are
 * later eased (amends) and lifted (lifts), a foreign minister claiming to act
 * as head of government (acting, claimed), named detainees with their roles,
 * a ruling-party office set on fire, an embassy storming repelled, sanctions,
 * an ultimatum, a media suspension, an ambassador expelled, and a
 * tear-gas dispersal whose author no source named (unknown actor).
 * The curfew's hours are not given: reports differ (22:00–05:00, 19:00–05:00).
 * Every date is Africa/Niamey.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const NIGER_STORY = 'ne-coup-2023';
const ZONE = 'Africa/Niamey';
const { id, day } = storyHelpers(NIGER_STORY, ZONE);
const S = { schema: 2, story: NIGER_STORY } as const;

// ---------------------------------------------------------------- actors

const bazoum: Actor = {
  type: 'government', ref: 'ne:bazoum', name: 'Mohamed Bazoum', title: 'President of Niger', roles: ['head-of-state'], country: 'NE',
};
const presidentialGuard: Actor = { type: 'state-forces', branch: 'military', name: 'Presidential Guard', country: 'NE' };
const tchiani: Actor = {
  type: 'state-forces', branch: 'military', ref: 'ne:tchiani', name: 'Abdourahamane Tchiani', aliases: ['Abdourahamane Tiani', 'Omar Tchiani'],
  title: 'General, commander of the Presidential Guard', roles: ['military-officer'], country: 'NE',
};
const cnsp: Actor = {
  type: 'state-forces', branch: 'military', ref: 'ne:cnsp', name: 'National Council for the Safeguard of the Homeland', acronym: 'CNSP', country: 'NE',
};
const ecowas: Actor = { type: 'international-organisation', ref: 'ecowas', name: 'Economic Community of West African States', acronym: 'ECOWAS' };
const france: Actor = { type: 'foreign-state', name: 'France', country: 'FR' };
const juntaSupporters: Actor = { type: 'protesters', title: 'supporters of the coup', country: 'NE' };
const pnds: Actor = { type: 'ruling-party', name: 'Nigerien Party for Democracy and Socialism', acronym: 'PNDS-Tarayya', country: 'NE' };
const minister = (name: string, title: string): Actor => ({ type: 'government', name, title, roles: ['minister'], country: 'NE' });

// ---------------------------------------------------------------- places

const niger: Place = { country: 'NE' };
const nationwide: Place = { country: 'NE', extent: 'whole' };
const niamey: Place = { country: 'NE', city: 'Niamey' };
const frenchEmbassy: Place = { country: 'NE', city: 'Niamey', sites: [{ type: 'embassy', name: 'Embassy of France' }] };

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const teleSahel: Source = { name: 'Télé Sahel', role: 'state-media', title: 'national television' };
const cnspOnTv: Source = { name: 'National Council for the Safeguard of the Homeland', role: 'military', via: [{ name: 'Télé Sahel', role: 'state-media' }] };

export const NIGER_2023_UPDATES: readonly Update[] = [
  {
    ...S, id: id('guard-holds-president'), kind: 'coup',
    headline: 'Presidential guard members hold President Bazoum in the presidential palace, the presidency says',
    occurred: { date: '2023-07-26', partOfDay: 'morning', zone: ZONE }, reported: day('2023-07-26'),
    place: { country: 'NE', city: 'Niamey', sites: [{ type: 'presidential-palace' }] },
    sources: [{ name: 'Presidency of Niger', role: 'government', via: [{ name: 'Twitter', role: 'social-media' }] }],
    verification: 'reported', urgency: 'flash',
    payload: { stage: 'under-way', by: [presidentialGuard], against: [bazoum], actions: ['detained-leader'] },
  },
  {
    ...S, id: id('coup-announced'), kind: 'coup',
    headline: 'Soldiers say on national television they have removed President Bazoum',
    occurred: { date: '2023-07-26', partOfDay: 'night', zone: ZONE }, reported: day('2023-07-26'), place: niamey,
    sources: [teleSahel], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('guard-holds-president') }],
    payload: {
      stage: 'claimed',
      by: [{ type: 'state-forces', title: 'defence and security forces', country: 'NE' }],
      against: [bazoum], junta: 'National Council for the Safeguard of the Homeland',
      actions: ['seized-power', 'suspended-constitution', 'closed-borders', 'imposed-curfew'],
    },
  },
  {
    ...S, id: id('curfew'), kind: 'security-measure',
    headline: 'Nationwide night curfew until further notice',
    occurred: { date: '2023-07-26', partOfDay: 'night', zone: ZONE }, reported: day('2023-07-26'), place: nationwide,
    sources: [teleSahel], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('coup-announced') }],
    payload: { measure: 'curfew', status: 'declared', issuedBy: cnsp, period: { untilFurtherNotice: true } },
  },
  {
    ...S, id: id('borders-closed'), kind: 'security-measure',
    headline: 'Land and air borders closed until the situation stabilises',
    occurred: { date: '2023-07-26', partOfDay: 'night', zone: ZONE }, reported: day('2023-07-26'), place: nationwide,
    sources: [teleSahel], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('coup-announced') }],
    payload: {
      measure: 'movement-restriction', status: 'declared', issuedBy: cnsp,
      restrictions: ['border-closure', 'airspace-closure'], period: { untilFurtherNotice: true },
    },
  },
  {
    ...S, id: id('bazoum-held'), kind: 'arrests',
    headline: 'Bazoum held in his residence by members of his own guard',
    reported: day('2023-07-27'), place: niamey, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('guard-holds-president') }],
    payload: { detainees: [{ person: bazoum, status: 'detained' }], by: [presidentialGuard] },
  },
  {
    ...S, id: id('foreign-minister-acting'), kind: 'government-change',
    headline: 'Foreign Minister Hassoumi Massoudou says he is acting head of government and calls for the coup to be defeated',
    reported: day('2023-07-27'), place: niger,
    sources: [{ name: 'Hassoumi Massoudou', role: 'government', title: 'Minister of Foreign Affairs', via: [{ name: 'Twitter', role: 'social-media' }] }],
    verification: 'claimed', urgency: 'urgent',
    payload: {
      action: 'acting', body: 'government', office: 'head of government',
      person: { ...minister('Hassoumi Massoudou', 'Minister of Foreign Affairs'), ref: 'ne:massoudou' },
    },
  },
  {
    ...S, id: id('army-command-backs-coup'), kind: 'diplomacy',
    headline: 'Army command declares its support for the coup',
    reported: day('2023-07-27'), place: niger,
    sources: [{ name: 'Armed Forces of Niger', role: 'military', title: 'statement signed by the chief of staff' }], verification: 'reported', urgency: 'flash',
    payload: {
      action: 'statement', by: [{ type: 'state-forces', branch: 'military', title: 'army command', country: 'NE' }],
      stances: ['supports'], concerning: [cnsp], regarding: [id('coup-announced')],
    },
  },
  {
    ...S, id: id('ruling-party-office-burned'), kind: 'property-attack',
    headline: 'Coup supporters ransack and set fire to the ruling party’s headquarters in Niamey',
    occurred: day('2023-07-27'), reported: day('2023-07-27'),
    place: { country: 'NE', city: 'Niamey', sites: [{ type: 'party-office', name: 'PNDS-Tarayya headquarters' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'arson', targets: ['party-office', 'vehicles'], by: [juntaSupporters], owner: pnds },
  },
  {
    ...S, id: id('tchiani-takes-over'), kind: 'government-change',
    headline: 'General Abdourahamane Tchiani appears on national television as head of the junta',
    occurred: day('2023-07-28'), reported: day('2023-07-28'), place: niger, sources: [teleSahel], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('coup-announced') }],
    payload: { action: 'took-over', body: 'National Council for the Safeguard of the Homeland', office: 'President', person: tchiani },
  },
  {
    ...S, id: id('ecowas-sanctions'), kind: 'diplomacy',
    headline: 'ECOWAS summit in Abuja suspends commercial and financial transactions with Niger and freezes its assets',
    occurred: day('2023-07-30'), reported: day('2023-07-30'), place: { country: 'NG', city: 'Abuja' },
    sources: [{ name: 'ECOWAS', role: 'international-organisation', title: 'summit communiqué' }], verification: 'reported', urgency: 'urgent',
    payload: { action: 'sanctions', status: 'imposed', by: [ecowas], against: [cnsp], types: ['trade', 'financial', 'asset-freeze'] },
  },
  {
    ...S, id: id('ecowas-ultimatum'), kind: 'diplomacy',
    headline: 'ECOWAS gives the junta one week to reinstate Bazoum and does not rule out force',
    body: 'The communiqué gives the junta one week to release and reinstate President Bazoum.',
    occurred: day('2023-07-30'), reported: day('2023-07-30'), place: { country: 'NG', city: 'Abuja' },
    sources: [{ name: 'ECOWAS', role: 'international-organisation', title: 'summit communiqué' }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('ecowas-sanctions') }],
    payload: {
      action: 'statement', by: [ecowas], stances: ['calls-for', 'warns'],
      calls: ['release-of-detainees', 'return-to-constitutional-order'], concerning: [cnsp],
      quote: 'Such measures may include the use of force',
    },
  },
  {
    ...S, id: id('rally-at-french-embassy'), kind: 'unrest',
    headline: 'Thousands of junta supporters rally outside the French embassy in Niamey',
    occurred: day('2023-07-30'), reported: day('2023-07-30'), place: frenchEmbassy,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { activity: 'protests', character: ['violent'], against: [france], participants: [juntaSupporters], size: { vague: 'thousands' } },
  },
  {
    ...S, id: id('french-embassy-stormed'), kind: 'property-attack',
    headline: 'Some protesters try to force their way into the French embassy compound',
    occurred: day('2023-07-30'), reported: day('2023-07-30'), place: frenchEmbassy,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('rally-at-french-embassy') }],
    payload: { action: 'storming', targets: ['embassy'], by: [juntaSupporters], owner: france, status: 'repelled' },
  },
  {
    ...S, id: id('embassy-tear-gas'), kind: 'security-operation',
    headline: 'Protesters at the French embassy dispersed with tear gas',
    occurred: day('2023-07-30'), reported: day('2023-07-30'), place: frenchEmbassy,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('rally-at-french-embassy') }],
    payload: { action: 'dispersal', by: [{ type: 'unknown' }], against: [juntaSupporters], means: ['tear-gas'] },
  },
  {
    ...S, id: id('ministers-arrested'), kind: 'arrests',
    headline: 'Junta arrests four ministers, a former defence minister and the ruling party’s leader, the party says',
    reported: day('2023-07-31'), place: niamey,
    sources: [{ name: 'Nigerien Party for Democracy and Socialism', role: 'ruling-party', via: [{ name: 'AFP', role: 'news-agency' }] }],
    verification: 'reported', urgency: 'urgent',
    payload: {
      by: [cnsp],
      detainees: [
        { person: minister('Mahamane Sani Mahamadou', 'Minister of Petroleum'), status: 'detained' },
        { person: minister('Ousseini Hadizatou', 'Minister of Mines'), status: 'detained' },
        { person: minister('Hama Amadou Souley', 'Minister of the Interior'), status: 'detained' },
        { person: minister('Oumarou Malam Alma', 'Minister of Transport'), status: 'detained' },
        { person: { type: 'ruling-party', name: 'Kalla Moutari', title: 'former Minister of Defence', roles: ['lawmaker', 'former-official'], country: 'NE' }, status: 'detained' },
        { person: { type: 'ruling-party', name: 'Foumakoye Gado', title: 'head of the PNDS-Tarayya national executive committee', roles: ['party-leader'], country: 'NE' }, status: 'detained' },
      ],
    },
  },
  {
    ...S, id: id('france-evacuates-nationals'), kind: 'diplomacy',
    headline: 'France begins evacuating its nationals from Niger',
    reported: day('2023-08-01'), place: niger,
    sources: [{ name: 'French Ministry for Europe and Foreign Affairs', role: 'foreign-government' }], verification: 'reported', urgency: 'urgent',
    payload: { action: 'evacuation-of-nationals', status: 'under-way', by: france },
  },
  {
    ...S, id: id('borders-reopened-with-five'), kind: 'security-measure',
    headline: 'Junta reopens land and air borders with Algeria, Burkina Faso, Libya, Mali and Chad',
    body: 'The borders with the five neighbours named are reopened; the others stay closed.',
    reported: day('2023-08-02'), place: nationwide,
    sources: [{ name: 'National Council for the Safeguard of the Homeland', role: 'military', via: [{ name: 'Télé Sahel', role: 'state-media' }] }],
    verification: 'reported', urgency: 'routine',
    relations: [{ type: 'amends', to: id('borders-closed') }],
    payload: { measure: 'movement-restriction', status: 'eased', issuedBy: cnsp, restrictions: ['border-closure', 'airspace-closure'] },
  },
  {
    ...S, id: id('rfi-france24-suspended'), kind: 'security-measure',
    headline: 'RFI and France 24 cut off in Niger on the military authorities’ instructions',
    occurred: { date: '2023-08-03', partOfDay: 'afternoon', zone: ZONE }, reported: day('2023-08-03'), place: nationwide,
    sources: [{ name: 'senior Nigerien official', role: 'official', via: [{ name: 'AFP', role: 'news-agency' }] }], verification: 'reported', urgency: 'urgent',
    payload: {
      measure: 'media-restriction', status: 'in-force', issuedBy: cnsp, restrictions: ['outlet-suspended'],
      outlets: [{ type: 'media', name: 'Radio France Internationale', acronym: 'RFI', country: 'FR' }, { type: 'media', name: 'France 24', country: 'FR' }],
    },
  },
  {
    ...S, id: id('curfew-lifted'), kind: 'security-measure',
    headline: 'Junta lifts the nationwide curfew',
    reported: day('2023-08-04'), place: nationwide, sources: [cnspOnTv], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'lifts', to: id('curfew') }],
    payload: { measure: 'curfew', status: 'lifted', issuedBy: cnsp },
  },
  {
    ...S, id: id('airspace-closed'), kind: 'security-measure',
    headline: 'Junta closes Niger’s airspace until further notice, citing the threat of intervention',
    occurred: day('2023-08-06'), reported: day('2023-08-06'), place: nationwide, sources: [cnspOnTv], verification: 'reported', urgency: 'flash',
    payload: { measure: 'movement-restriction', status: 'declared', issuedBy: cnsp, restrictions: ['airspace-closure'], period: { untilFurtherNotice: true } },
  },
  {
    ...S, id: id('prime-minister-appointed'), kind: 'government-change',
    headline: 'Junta names former finance minister Ali Mahaman Lamine Zeine prime minister',
    reported: day('2023-08-07'), place: niger, sources: [teleSahel], verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'appointed', body: 'government', office: 'Prime Minister',
      person: { type: 'government', name: 'Ali Mahaman Lamine Zeine', title: 'former Minister of Finance', roles: ['former-official'], country: 'NE' }, by: cnsp,
    },
  },
  {
    ...S, id: id('ecowas-standby-force'), kind: 'foreign-military',
    headline: 'ECOWAS orders its standby force to be readied to restore constitutional order',
    occurred: day('2023-08-10'), reported: day('2023-08-10'), place: niger,
    sources: [{ name: 'ECOWAS', role: 'international-organisation', title: 'summit communiqué' }], verification: 'reported', urgency: 'flash',
    payload: { action: 'deployment', status: 'planned', force: { ...ecowas, title: 'ECOWAS standby force' }, mission: 'unspecified' },
  },
  {
    ...S, id: id('african-union-suspends'), kind: 'diplomacy',
    headline: 'African Union suspends Niger from all its activities',
    reported: day('2023-08-22'), place: niger,
    sources: [{ name: 'African Union Peace and Security Council', role: 'international-organisation' }], verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'sanctions', status: 'imposed', by: [{ type: 'international-organisation', name: 'African Union', acronym: 'AU' }],
      against: [{ type: 'government', title: 'Niger', country: 'NE' }], types: ['suspension-of-membership'],
    },
  },
  {
    ...S, id: id('french-ambassador-expelled'), kind: 'diplomacy',
    headline: 'Junta gives the French ambassador, Sylvain Itté, 48 hours to leave',
    body: 'The foreign ministry gives the ambassador 48 hours to leave the country.',
    reported: day('2023-08-25'), place: niger,
    sources: [{ name: 'Ministry of Foreign Affairs of Niger', role: 'ministry', title: 'appointed by the junta', via: [{ name: 'AFP', role: 'news-agency' }] }],
    verification: 'reported', urgency: 'urgent',
    payload: { action: 'envoys', measure: 'ambassador-expelled', by: cnsp, concerning: france },
  },
  {
    ...S, id: id('airspace-reopened'), kind: 'security-measure',
    headline: 'Airspace reopened to commercial flights; military and special flights still need clearance',
    reported: day('2023-09-04'), place: nationwide,
    sources: [{ name: 'Ministry of Transport', role: 'ministry', via: [{ name: 'Agence Nigérienne de Presse', role: 'state-media' }] }],
    verification: 'reported', urgency: 'routine',
    relations: [{ type: 'amends', to: id('airspace-closed') }],
    payload: { measure: 'movement-restriction', status: 'eased', issuedBy: cnsp, restrictions: ['airspace-closure'] },
  },
  {
    ...S, id: id('france-recalls-ambassador'), kind: 'diplomacy',
    headline: 'Macron says the French ambassador will return to France within hours',
    occurred: day('2023-09-24'), reported: day('2023-09-24'), place: niger,
    sources: [{ name: 'Emmanuel Macron', role: 'foreign-government', title: 'President of France', via: [{ name: 'France 2 and TF1', role: 'media' }] }],
    verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('french-ambassador-expelled') }],
    payload: { action: 'envoys', measure: 'ambassador-recalled', by: france, concerning: { type: 'government', title: 'Niger', country: 'NE' } },
  },
  {
    ...S, id: id('french-troops-to-leave'), kind: 'foreign-military',
    headline: 'Macron says France’s roughly 1,500 troops will leave Niger by the end of the year',
    body: 'The withdrawal is to be complete by the end of the year.',
    occurred: day('2023-09-24'), reported: day('2023-09-24'), place: niger,
    sources: [{ name: 'Emmanuel Macron', role: 'foreign-government', title: 'President of France', via: [{ name: 'France 2 and TF1', role: 'media' }] }],
    verification: 'reported', urgency: 'urgent',
    payload: { action: 'deployment', status: 'withdrawing', force: { type: 'foreign-state', title: 'French forces', country: 'FR' }, troops: { value: 1500, qualifier: 'about' }, fromCountries: ['FR'] },
  },
];

export const NIGER_2023: CorpusStory = {
  id: NIGER_STORY,
  title: 'Niger: the presidential guard’s coup and its aftermath (July–September 2023)',
  shape: 'military-coup',
  zone: ZONE,
  updates: NIGER_2023_UPDATES,
};
