/**
 * Russia, 2024: gunmen attack the Crocus City Hall concert venue in
 * Krasnogorsk, outside Moscow, on the evening of 22 March before a concert,
 * shoot concert-goers and set the hall on fire. Islamic State claims it;
 * four Tajik citizens are charged; Russia's leaders point at Ukraine, which
 * denies any role.
 *
 * Shape: a mass-casualty attack. What it exercises: one attack with one home
 * for its toll: every toll is part of the incident, from different sources
 * (FSB, Investigative Committee), each as of its time, the newer replacing
 * the older and never added up; children among the dead with a number; the
 * perpetrator unknown, then claimed (Islamic State), then alleged (by US
 * officials, by Putin) as separate facts; an incident count of detentions
 * and four named suspects charged; a warning given two weeks earlier; a day
 * of mourning and events cancelled. Every date is Europe/Moscow.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const CROCUS_STORY = 'ru-crocus-2024';
const ZONE = 'Europe/Moscow';
const { id, day } = storyHelpers(CROCUS_STORY, ZONE);
const S = { schema: 2, story: CROCUS_STORY } as const;

// ---------------------------------------------------------------- actors

const concertGoers: Actor = { type: 'civilians', title: 'concert-goers', country: 'RU' };
const gunmen: Actor = { type: 'unknown', title: 'gunmen in camouflage' };
const islamicState: Actor = { type: 'armed-group', armedGroup: 'rebel-group', ref: 'islamic-state', name: 'Islamic State', aliases: ['ISIS', 'ISIL'] };
const putin: Actor = { type: 'government', ref: 'ru:putin', name: 'Vladimir Putin', title: 'President of Russia', roles: ['head-of-state'], country: 'RU' };
const fsb: Actor = { type: 'state-forces', branch: 'security-service', name: 'Federal Security Service', acronym: 'FSB', country: 'RU' };
const suspect = (name: string): Actor => ({ type: 'other', name, title: 'suspected gunman', roles: ['foreign-national'], country: 'TJ' });

// ---------------------------------------------------------------- places

const crocus: Place = {
  country: 'RU', admin1: 'Moscow Oblast', city: 'Krasnogorsk', sites: [{ type: 'venue', name: 'Crocus City Hall' }],
  coordinates: { lat: 55.825, lon: 37.39, precision: 'district' },
};
const russia: Place = { country: 'RU' };
const moscow: Place = { country: 'RU', city: 'Moscow' };

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const investigativeCommittee: Source = { name: 'Investigative Committee of Russia', role: 'security-service', via: [{ name: 'Telegram', role: 'social-media' }] };

export const CROCUS_2024_UPDATES: readonly Update[] = [
  {
    ...S, id: id('us-embassy-warning'), kind: 'diplomacy',
    headline: 'US embassy warns of extremists’ imminent plans to target large gatherings in Moscow, including concerts',
    occurred: day('2024-03-07'), reported: day('2024-03-07'), place: moscow,
    sources: [{ name: 'US Embassy in Moscow', role: 'foreign-government', title: 'security alert' }], verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'statement', by: [{ type: 'foreign-state', title: 'US Embassy in Moscow', country: 'US' }], stances: ['warns'],
      quote: 'The Embassy is monitoring reports that extremists have imminent plans to target large gatherings in Moscow, to include concerts',
    },
  },
  {
    ...S, id: id('attack'), kind: 'attack',
    headline: 'Gunmen open fire on concert-goers in Crocus City Hall near Moscow and set the hall alight',
    occurred: { date: '2024-03-22', partOfDay: 'evening', zone: ZONE }, reported: day('2024-03-22'), place: crocus,
    sources: [newsroom, { name: 'RIA Novosti', role: 'state-media' }], verification: 'confirmed', urgency: 'flash',
    payload: {
      methods: ['shooting', 'arson'], perpetrator: { status: 'unknown' }, targets: [concertGoers],
      attackers: { value: 3, qualifier: 'at-least' },
    },
  },
  {
    ...S, id: id('hall-on-fire'), kind: 'property-attack',
    headline: 'Crocus City Hall engulfed by fire set by the attackers',
    occurred: { date: '2024-03-22', partOfDay: 'evening', zone: ZONE }, reported: day('2024-03-22'), place: crocus,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: { action: 'arson', targets: ['venue'], by: [gunmen], status: 'ended' },
  },
  {
    ...S, id: id('islamic-state-claim'), kind: 'attack',
    headline: 'Islamic State claims the attack through its Amaq news agency',
    occurred: { date: '2024-03-22', partOfDay: 'night', zone: ZONE }, reported: day('2024-03-22'), place: crocus,
    sources: [{ name: 'Amaq', role: 'armed-group', title: 'Islamic State news agency', via: [{ name: 'Telegram', role: 'social-media' }] }],
    verification: 'claimed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: { methods: ['shooting', 'arson'], perpetrator: { status: 'claimed', by: [islamicState] }, targets: [concertGoers] },
  },
  {
    ...S, id: id('fsb-toll-40'), kind: 'casualties',
    headline: 'At least 40 killed and more than 100 injured, FSB says',
    reported: day('2024-03-22'), place: crocus,
    sources: [{ name: 'Federal Security Service', role: 'security-service', via: [{ name: 'Russian state news agencies', role: 'state-media' }] }],
    verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      status: 'figures',
      killed: { total: { value: 40, qualifier: 'at-least', scope: 'toll', asOf: day('2024-03-22') } },
      injured: { total: { value: 100, qualifier: 'more-than', scope: 'toll', asOf: day('2024-03-22') } },
    },
  },
  {
    ...S, id: id('ukraine-denies'), kind: 'diplomacy',
    headline: 'Ukraine says it had nothing to do with the attack',
    reported: day('2024-03-22'), place: russia,
    sources: [{ name: 'Mykhailo Podolyak', role: 'foreign-government', title: 'adviser to the head of Ukraine’s presidential office' }], verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'statement', by: [{ type: 'foreign-state', name: 'Mykhailo Podolyak', title: 'adviser to the head of Ukraine’s presidential office', country: 'UA' }],
      stances: ['denies'], regarding: [id('attack')],
    },
  },
  {
    ...S, id: id('us-officials-isis-k'), kind: 'attack',
    headline: 'US officials say Islamic State’s Afghan branch carried out the attack',
    reported: day('2024-03-23'), place: crocus,
    sources: [{ name: 'US officials', role: 'foreign-government', title: 'speaking on condition of anonymity' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      methods: ['shooting', 'arson'], targets: [concertGoers],
      perpetrator: {
        status: 'alleged',
        by: [{ type: 'armed-group', armedGroup: 'rebel-group', name: 'Islamic State Khorasan Province', aliases: ['ISIS-K'], affiliation: 'Islamic State' }],
        allegedBy: [{ type: 'foreign-state', title: 'US officials', country: 'US' }],
      },
    },
  },
  {
    ...S, id: id('toll-93'), kind: 'casualties',
    headline: 'Death toll rises to 93, Investigative Committee says',
    reported: day('2024-03-23'), place: crocus, sources: [investigativeCommittee], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: { status: 'figures', killed: { total: { value: 93, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-03-23', partOfDay: 'morning', zone: ZONE } } } },
  },
  {
    ...S, id: id('eleven-detained'), kind: 'arrests',
    headline: 'Eleven people detained, including all four gunmen, FSB chief tells Putin; the gunmen were caught in Bryansk region',
    reported: day('2024-03-23'), place: { country: 'RU', admin1: 'Bryansk Oblast' },
    sources: [{ name: 'Kremlin', role: 'government', title: 'report of FSB director Alexander Bortnikov to the president' }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: { count: { value: 11, qualifier: 'exact', scope: 'incident' }, who: [{ type: 'other', title: 'suspects, including four gunmen' }], by: [fsb] },
  },
  {
    ...S, id: id('putin-accuses-ukraine'), kind: 'diplomacy',
    headline: 'Putin says the attackers were heading for Ukraine, where a way across the border had been prepared for them',
    reported: day('2024-03-23'), place: russia,
    sources: [{ name: 'Vladimir Putin', role: 'head-of-state', title: 'televised address' }], verification: 'reported', urgency: 'urgent',
    payload: { action: 'statement', by: [putin], stances: ['accuses'], concerning: [{ type: 'foreign-state', name: 'Ukraine', country: 'UA' }], regarding: [id('attack')] },
  },
  {
    ...S, id: id('day-of-mourning'), kind: 'commemoration',
    headline: 'Putin declares Sunday 24 March a day of national mourning',
    reported: day('2024-03-23'), place: { country: 'RU', extent: 'whole' },
    sources: [{ name: 'Vladimir Putin', role: 'head-of-state', title: 'televised address' }], verification: 'reported', urgency: 'urgent',
    payload: { type: 'day-of-mourning', on: day('2024-03-24'), orderedBy: putin, honouring: 'the victims of the attack', honours: [concertGoers] },
  },
  {
    ...S, id: id('moscow-events-cancelled'), kind: 'security-measure',
    headline: 'Moscow cancels all mass sports, cultural and other events this weekend',
    reported: day('2024-03-23'), place: moscow,
    sources: [{ name: 'Sergei Sobyanin', role: 'local-authority', title: 'Mayor of Moscow' }], verification: 'reported', urgency: 'urgent',
    payload: {
      measure: 'ban-on-gatherings', status: 'ordered', issuedBy: { type: 'government', name: 'Sergei Sobyanin', title: 'Mayor of Moscow', roles: ['official'], country: 'RU' },
      period: { from: day('2024-03-23'), to: day('2024-03-24') },
    },
  },
  {
    ...S, id: id('toll-133'), kind: 'casualties',
    headline: 'Death toll rises to 133 as the rubble is cleared, Investigative Committee says',
    reported: day('2024-03-23'), place: crocus, sources: [investigativeCommittee], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: { status: 'figures', killed: { total: { value: 133, qualifier: 'exact', scope: 'toll', asOf: { date: '2024-03-23', partOfDay: 'evening', zone: ZONE } } } },
  },
  {
    ...S, id: id('suspects-charged'), kind: 'arrests',
    headline: 'Four Tajik citizens charged with a terrorist act and remanded in custody',
    body: 'Moscow’s Basmanny court ordered the four held until 22 May.',
    reported: day('2024-03-24'), place: { country: 'RU', city: 'Moscow', sites: [{ type: 'court', name: 'Basmanny District Court' }] },
    sources: [{ name: 'Moscow courts press service', role: 'judiciary' }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      action: 'charged', count: { value: 4, qualifier: 'exact', scope: 'incident' },
      detainees: ['Dalerdzhon Mirzoyev', 'Saidakrami Rachabalizoda', 'Shamsidin Fariduni', 'Muhammadsobir Fayzov'].map((name) => ({
        person: suspect(name), charges: ['terrorist act by an organised group resulting in deaths'], status: 'charged' as const,
      })),
    },
  },
  {
    ...S, id: id('toll-137'), kind: 'casualties',
    headline: 'Death toll rises to 137, including three children',
    reported: day('2024-03-24'), place: crocus, sources: [investigativeCommittee], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      status: 'figures',
      killed: {
        total: { value: 137, qualifier: 'exact', scope: 'toll', asOf: day('2024-03-24') },
        breakdown: [{ who: { type: 'civilians', roles: ['child'], country: 'RU' }, figure: { value: 3, qualifier: 'exact', scope: 'toll', asOf: day('2024-03-24') } }],
      },
    },
  },
  {
    ...S, id: id('toll-139'), kind: 'casualties',
    headline: 'Two more die in hospital: 139 killed and 182 injured, Investigative Committee chief says',
    reported: day('2024-03-25'), place: crocus,
    sources: [{ name: 'Alexander Bastrykin', role: 'security-service', title: 'chairman of the Investigative Committee' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      status: 'figures',
      killed: {
        total: { value: 139, qualifier: 'exact', scope: 'toll', asOf: day('2024-03-25') },
        breakdown: [{ who: { type: 'civilians', roles: ['child'], country: 'RU' }, figure: { value: 3, qualifier: 'exact', scope: 'toll', asOf: day('2024-03-25') } }],
      },
      injured: { total: { value: 182, qualifier: 'exact', scope: 'toll', asOf: day('2024-03-25') } },
    },
  },
  {
    ...S, id: id('putin-radical-islamists'), kind: 'attack',
    headline: 'Putin says the attack was carried out by radical Islamists and asks who ordered it',
    reported: day('2024-03-25'), place: crocus,
    sources: [{ name: 'Vladimir Putin', role: 'head-of-state', title: 'meeting with security officials' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('attack') }],
    payload: {
      methods: ['shooting', 'arson'], targets: [concertGoers],
      perpetrator: { status: 'alleged', by: [{ type: 'armed-group', title: 'radical Islamists' }], allegedBy: [putin] },
    },
  },
];

export const CROCUS_2024: CorpusStory = {
  id: CROCUS_STORY,
  title: 'Russia: the attack on Crocus City Hall (March 2024)',
  shape: 'mass-casualty-attack',
  zone: ZONE,
  updates: CROCUS_2024_UPDATES,
};
