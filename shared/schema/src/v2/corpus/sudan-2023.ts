/**
 * Sudan, 2023: war breaks out on 15 April between the Sudanese Armed Forces
 * (SAF) of General Abdel Fattah al-Burhan and the paramilitary Rapid Support
 * Forces (RSF) of General Mohamed Hamdan Dagalo ("Hemedti"), from Khartoum
 * to Darfur, through the first ceasefires and the talks in Jeddah.
 *
 * Shape: an armed-conflict escalation. What it exercises: clashes, air
 * strikes and a claim of control (claimed, not confirmed); an incident
 * figure (three WFP staff killed in Kabkabiya) beside running tolls from
 * different sources (WHO nationwide, UNICEF for children) that never add
 * up; aid workers and children as victims; a ceasefire with a start and a
 * duration, extended (extends) and violated; a range ("between 10,000 and
 * 20,000 fled to Chad"); foreign soldiers captured and released, with two
 * sources counting different groups; an ambassador assaulted and a convoy
 * fired on, by unknown and alleged attackers; evacuations; mediation.
 * Every date is Africa/Khartoum.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const SUDAN_STORY = 'sd-war-2023';
const ZONE = 'Africa/Khartoum';
const { id, day } = storyHelpers(SUDAN_STORY, ZONE);
const S = { schema: 2, story: SUDAN_STORY } as const;

// ---------------------------------------------------------------- actors

const saf: Actor = { type: 'state-forces', branch: 'military', ref: 'sd:saf', name: 'Sudanese Armed Forces', acronym: 'SAF', country: 'SD' };
const rsf: Actor = { type: 'state-forces', branch: 'paramilitary', ref: 'sd:rsf', name: 'Rapid Support Forces', acronym: 'RSF', country: 'SD' };
const us: Actor = { type: 'foreign-state', name: 'United States', country: 'US' };
const saudiArabia: Actor = { type: 'foreign-state', name: 'Saudi Arabia', country: 'SA' };
const egyptianTroops: Actor = { type: 'foreign-state', title: 'Egyptian Air Force personnel', roles: ['soldier'], country: 'EG' };

// ---------------------------------------------------------------- places

const sudan: Place = { country: 'SD' };
const nationwide: Place = { country: 'SD', extent: 'whole' };
const khartoum: Place = { country: 'SD', city: 'Khartoum' };
const merowe: Place = { country: 'SD', admin1: 'Northern', city: 'Merowe', sites: [{ type: 'military-base', name: 'Merowe air base' }] };

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const rsfSource: Source = { name: 'Rapid Support Forces', role: 'military', title: 'statement' };
const safSource: Source = { name: 'Sudanese Armed Forces', role: 'military', title: 'statement' };
const blinken: Source = { name: 'Antony Blinken', role: 'foreign-government', title: 'US Secretary of State' };

export const SUDAN_2023_UPDATES: readonly Update[] = [
  {
    ...S, id: id('khartoum-clashes'), kind: 'armed-conflict',
    headline: 'Army and Rapid Support Forces clash in Khartoum',
    occurred: { date: '2023-04-15', partOfDay: 'morning', zone: ZONE }, reported: day('2023-04-15'), place: khartoum,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: { event: 'armed-clash', sides: [saf, rsf], weapons: ['small-arms', 'artillery'], status: 'ongoing' },
  },
  {
    ...S, id: id('rsf-claims-palace-and-airport'), kind: 'armed-conflict',
    headline: 'RSF says it has seized the presidential palace and Khartoum airport; the army disputes it',
    occurred: day('2023-04-15'), reported: day('2023-04-15'),
    place: { country: 'SD', city: 'Khartoum', sites: [{ type: 'presidential-palace', name: 'Republican Palace' }, { type: 'airport', name: 'Khartoum International Airport' }] },
    sources: [rsfSource], verification: 'claimed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('khartoum-clashes') }],
    payload: { event: 'armed-clash', sides: [rsf, saf], controlAfter: rsf },
  },
  {
    ...S, id: id('air-strikes-khartoum'), kind: 'armed-conflict',
    headline: 'Army aircraft strike RSF bases in and around Khartoum',
    occurred: day('2023-04-15'), reported: day('2023-04-15'), place: khartoum,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('khartoum-clashes') }],
    payload: { event: 'air-or-drone-strike', sides: [saf, rsf], weapons: ['aircraft'] },
  },
  {
    ...S, id: id('egyptian-troops-captured'), kind: 'arrests',
    headline: 'RSF video shows Egyptian troops it says surrendered at the Merowe air base',
    occurred: day('2023-04-15'), reported: day('2023-04-15'), place: merowe,
    sources: [{ name: 'Rapid Support Forces', role: 'military', via: [{ name: 'Twitter', role: 'social-media' }] }],
    evidence: [{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }],
    verification: 'claimed', urgency: 'flash',
    payload: { who: [egyptianTroops], by: [rsf] },
  },
  {
    ...S, id: id('khartoum-holiday'), kind: 'security-measure',
    headline: 'Khartoum state declares Sunday a holiday, closing schools, banks and government offices',
    reported: day('2023-04-15'), place: { country: 'SD', admin1: 'Khartoum' },
    sources: [{ name: 'Khartoum state authorities', role: 'local-authority' }], verification: 'reported', urgency: 'routine',
    payload: {
      measure: 'closure', status: 'ordered', issuedBy: { type: 'government', title: 'Khartoum state authorities', country: 'SD' },
      facilities: ['schools', 'banks', 'government-offices'], period: { from: day('2023-04-16'), to: day('2023-04-16') },
    },
  },
  {
    ...S, id: id('wfp-staff-killed'), kind: 'casualties',
    headline: 'Three WFP employees killed in violence in Kabkabiya, North Darfur; WFP halts its operations in Sudan',
    body: 'The World Food Programme says it is temporarily halting all its operations in Sudan.',
    occurred: day('2023-04-15'), reported: day('2023-04-16'),
    place: { country: 'SD', admin1: 'North Darfur', city: 'Kabkabiya' },
    sources: [{ name: 'Cindy McCain', role: 'un-agency', title: 'Executive Director of the World Food Programme' }], verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      killed: {
        total: { value: 3, qualifier: 'exact', scope: 'incident' },
        breakdown: [{ who: { type: 'civilians', roles: ['aid-worker'], affiliation: 'World Food Programme' }, figure: { value: 3, qualifier: 'exact', scope: 'incident' } }],
      },
      perpetrator: { status: 'unknown' },
    },
  },
  {
    ...S, id: id('eu-ambassador-assaulted'), kind: 'attack',
    headline: 'EU ambassador to Sudan assaulted in his residence in Khartoum, EU foreign policy chief says',
    reported: day('2023-04-17'), place: { country: 'SD', city: 'Khartoum', sites: [{ type: 'residence' }] },
    sources: [{ name: 'Josep Borrell', role: 'international-organisation', title: 'EU foreign policy chief' }], verification: 'reported', urgency: 'urgent',
    payload: {
      methods: ['unknown'], perpetrator: { status: 'unknown' },
      targets: [{ type: 'international-organisation', name: 'Aidan O’Hara', title: 'EU Ambassador to Sudan', roles: ['official'], affiliation: 'European Union' }],
    },
  },
  {
    ...S, id: id('us-convoy-fired-on'), kind: 'attack',
    headline: 'US diplomatic convoy fired on in Khartoum; all aboard safe; initial reports link the attackers to the RSF, Blinken says',
    reported: day('2023-04-18'), place: khartoum, sources: [blinken], verification: 'reported', urgency: 'urgent',
    payload: {
      methods: ['shooting'], status: 'ended',
      perpetrator: { status: 'alleged', by: [{ type: 'state-forces', branch: 'paramilitary', title: 'assailants associated with the RSF', country: 'SD' }], allegedBy: [us] },
      targets: [{ type: 'foreign-state', title: 'US diplomatic convoy', country: 'US' }],
    },
  },
  {
    ...S, id: id('chad-arrivals'), kind: 'displacement',
    headline: 'Between 10,000 and 20,000 people, mostly women and children, have fled Darfur into Chad, UNHCR says',
    reported: day('2023-04-20'), place: { country: 'TD' },
    sources: [{ name: 'UNHCR', role: 'un-agency', title: 'UN refugee agency' }], verification: 'reported', urgency: 'urgent',
    payload: {
      movement: 'fled-abroad', count: { min: 10_000, max: 20_000, scope: 'toll', asOf: day('2023-04-20') },
      who: [{ type: 'civilians', roles: ['refugee'], country: 'SD' }], from: sudan, to: { country: 'TD' }, cause: 'armed-conflict',
    },
  },
  {
    ...S, id: id('egyptian-troops-released'), kind: 'arrests',
    headline: 'RSF says it handed 27 Egyptian soldiers it held to the Red Cross',
    occurred: { date: '2023-04-20', partOfDay: 'morning', zone: ZONE }, reported: day('2023-04-20'), place: khartoum,
    sources: [{ name: 'Rapid Support Forces', role: 'military', via: [{ name: 'Facebook', role: 'social-media' }] }], verification: 'claimed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('egyptian-troops-captured') }],
    payload: { action: 'released', count: { value: 27, qualifier: 'exact', scope: 'incident' }, who: [egyptianTroops], by: [rsf] },
  },
  {
    ...S, id: id('egyptian-troops-flown-home'), kind: 'arrests',
    headline: 'Army says 177 Egyptian Air Force personnel detained in Merowe have been flown back to Egypt',
    reported: day('2023-04-20'), place: sudan, sources: [safSource], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('egyptian-troops-captured') }],
    payload: { action: 'released', count: { value: 177, qualifier: 'exact', scope: 'incident' }, who: [egyptianTroops] },
  },
  {
    ...S, id: id('who-toll'), kind: 'casualties',
    headline: 'At least 413 killed and 3,551 injured since the fighting began, WHO says',
    reported: day('2023-04-21'), place: nationwide,
    sources: [{ name: 'Margaret Harris', role: 'un-agency', title: 'World Health Organization spokesperson' }], verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      killed: { total: { value: 413, qualifier: 'at-least', scope: 'toll', asOf: day('2023-04-21') } },
      injured: { total: { value: 3551, qualifier: 'at-least', scope: 'toll', asOf: day('2023-04-21') } },
    },
  },
  {
    ...S, id: id('unicef-children-toll'), kind: 'casualties',
    headline: 'At least nine children killed and more than 50 injured, UNICEF says',
    reported: day('2023-04-21'), place: nationwide,
    sources: [{ name: 'James Elder', role: 'un-agency', title: 'UNICEF spokesperson' }], verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      killed: { breakdown: [{ who: { type: 'civilians', roles: ['child'], country: 'SD' }, figure: { value: 9, qualifier: 'at-least', scope: 'toll', asOf: day('2023-04-21') } }] },
      injured: { breakdown: [{ who: { type: 'civilians', roles: ['child'], country: 'SD' }, figure: { value: 50, qualifier: 'more-than', scope: 'toll', asOf: day('2023-04-21') } }] },
    },
  },
  {
    ...S, id: id('nationwide-ceasefire'), kind: 'armed-conflict',
    headline: 'Army and RSF agree to a 72-hour nationwide ceasefire from midnight on 24 April, Blinken says',
    reported: day('2023-04-24'), place: nationwide, sources: [blinken], verification: 'reported', urgency: 'flash',
    payload: {
      event: 'ceasefire-declared', sides: [saf, rsf],
      period: { from: { date: '2023-04-24', partOfDay: 'night', zone: ZONE }, duration: { amount: { value: 72, qualifier: 'exact' }, unit: 'hours' } },
    },
  },
  {
    ...S, id: id('ceasefire-violated'), kind: 'armed-conflict',
    headline: 'Fighting continues in Khartoum despite the ceasefire',
    reported: day('2023-04-25'), place: khartoum, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('nationwide-ceasefire') }],
    payload: { event: 'ceasefire-violated', sides: [saf, rsf], status: 'ongoing' },
  },
  {
    ...S, id: id('uk-evacuation'), kind: 'diplomacy',
    headline: 'The RAF has airlifted nearly 900 people from near Khartoum',
    reported: day('2023-04-27'), place: sudan,
    sources: [{ name: 'UK government', role: 'foreign-government' }], verification: 'reported', urgency: 'routine',
    payload: { action: 'evacuation-of-nationals', status: 'under-way', by: { type: 'foreign-state', name: 'United Kingdom', country: 'GB' }, count: { value: 900, qualifier: 'about' } },
  },
  {
    ...S, id: id('ceasefire-extended'), kind: 'armed-conflict',
    headline: 'Army, then RSF, accept a 72-hour extension of the ceasefire brokered by the US and Saudi Arabia',
    reported: day('2023-04-27'), place: nationwide, sources: [safSource, rsfSource], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'extends', to: id('nationwide-ceasefire') }],
    payload: { event: 'ceasefire-declared', sides: [saf, rsf], period: { duration: { amount: { value: 72, qualifier: 'exact' }, unit: 'hours' } } },
  },
  {
    ...S, id: id('jeddah-talks'), kind: 'diplomacy',
    headline: 'Army and RSF envoys meet in Jeddah for talks mediated by Saudi Arabia and the United States',
    occurred: day('2023-05-06'), reported: day('2023-05-06'), place: { country: 'SA', city: 'Jeddah' },
    sources: [{ name: 'Saudi Ministry of Foreign Affairs', role: 'foreign-government' }], verification: 'reported', urgency: 'urgent',
    payload: { action: 'mediation', status: 'under-way', mediators: [saudiArabia, us], parties: [saf, rsf] },
  },
  {
    ...S, id: id('jeddah-declaration'), kind: 'diplomacy',
    headline: 'Both sides sign the Jeddah declaration committing to protect civilians',
    occurred: day('2023-05-11'), reported: day('2023-05-12'), place: { country: 'SA', city: 'Jeddah' },
    sources: [{ name: 'US Department of State', role: 'foreign-government' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('jeddah-talks') }],
    payload: { action: 'mediation', status: 'agreement-reached', mediators: [saudiArabia, us], parties: [saf, rsf] },
  },
];

export const SUDAN_2023: CorpusStory = {
  id: SUDAN_STORY,
  title: 'Sudan: war between the army and the Rapid Support Forces (April–May 2023)',
  shape: 'armed-conflict',
  zone: ZONE,
  updates: SUDAN_2023_UPDATES,
};
