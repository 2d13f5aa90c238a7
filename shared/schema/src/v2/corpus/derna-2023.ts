/**
 * Libya, 2023: Storm Daniel and the collapse of two dams above Derna on the
 * night of 10–11 September. A flood sweeps away parts of the city; tolls
 * from different bodies diverge by thousands; a UN figure attributed to the
 * Libyan Red Crescent is denied and corrected; anger turns into protest,
 * the mayor's house burns, the city council is dismissed, communications
 * are cut, and officials are detained.
 *
 * Shape: a natural disaster's human toll and displacement. What it
 * exercises: the hazard and the dam failure linked as one incident; missing
 * and killed tolls from different sources as of their dates, never summed;
 * a range of feared deaths ("18,000 to 20,000"); displacement tolls for the
 * city and for the wider north-east; a correction (revises) of a toll whose
 * source denied it; a protest crowd given as a range by a monitoring group;
 * a whole council dismissed; an outage whose cause is the operator's
 * account; detentions as incident figures beside the running total.
 * Every date is Africa/Tripoli.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const DERNA_STORY = 'ly-derna-2023';
const ZONE = 'Africa/Tripoli';
const { id, day } = storyHelpers(DERNA_STORY, ZONE);
const S = { schema: 2, story: DERNA_STORY } as const;

// ---------------------------------------------------------------- actors

const residents: Actor = { type: 'civilians', title: 'residents of Derna', country: 'LY' };
const ghaithi: Actor = {
  type: 'government', ref: 'ly:al-ghaithi', name: 'Abdulmenam al-Ghaithi', aliases: ['Abdel-Moneim al-Ghaithi'],
  title: 'Mayor of Derna', roles: ['official'], country: 'LY',
};
const hamad: Actor = {
  type: 'government', name: 'Osama Hamad', aliases: ['Usama Hammad'],
  title: 'Prime Minister of the eastern-based Government of National Stability', roles: ['head-of-government'], country: 'LY',
};
const dbeibah: Actor = {
  type: 'government', name: 'Abdul Hamid Dbeibah', title: 'Prime Minister of the Government of National Unity in Tripoli', roles: ['head-of-government'], country: 'LY',
};
const gns: Actor = { type: 'government', name: 'Government of National Stability', title: 'eastern-based administration', country: 'LY' };
const prosecutor: Actor = { type: 'judiciary', name: 'al-Sidiq al-Sour', title: 'General Prosecutor', country: 'LY' };
const protesters: Actor = { type: 'protesters', title: 'residents of Derna', country: 'LY' };

// ---------------------------------------------------------------- places

const libya: Place = { country: 'LY' };
const derna: Place = { country: 'LY', city: 'Derna' };
const sahabaMosque: Place = { country: 'LY', city: 'Derna', sites: [{ type: 'place-of-worship', name: 'Sahaba Mosque' }] };

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const iom: Source = { name: 'International Organization for Migration', role: 'un-agency' };
const prosecutorSource: Source = { name: 'Office of the General Prosecutor', role: 'judiciary', title: 'statement' };

export const DERNA_2023_UPDATES: readonly Update[] = [
  {
    ...S, id: id('storm-daniel'), kind: 'disaster',
    headline: 'Storm Daniel brings torrential rain to north-eastern Libya',
    occurred: day('2023-09-10'), reported: day('2023-09-10'), place: libya,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { hazard: 'storm', name: 'Storm Daniel', status: 'under-way' },
  },
  {
    ...S, id: id('dams-collapse'), kind: 'disaster',
    headline: 'Two dams above Derna burst in the night; the flood sweeps parts of the city into the sea',
    occurred: { date: '2023-09-10', partOfDay: 'night', zone: ZONE }, reported: day('2023-09-11'),
    place: { country: 'LY', city: 'Derna', extent: 'parts' },
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('storm-daniel') }],
    payload: { hazard: 'dam-failure', status: 'over' },
  },
  {
    ...S, id: id('national-mourning'), kind: 'commemoration',
    headline: 'Tripoli government declares three days of national mourning',
    reported: day('2023-09-11'), place: { country: 'LY', extent: 'whole' },
    sources: [{ name: 'Government of National Unity', role: 'government' }], verification: 'reported', urgency: 'routine',
    payload: {
      type: 'day-of-mourning', orderedBy: dbeibah, honouring: 'the victims of the floods',
      period: { duration: { amount: { value: 3, qualifier: 'exact' }, unit: 'days' } },
    },
  },
  {
    ...S, id: id('missing-10000'), kind: 'casualties',
    headline: 'The number of missing is hitting 10,000, Red Cross says',
    reported: day('2023-09-12'), place: libya,
    sources: [{ name: 'Tamer Ramadan', role: 'international-organisation', title: 'head of the IFRC delegation in Libya' }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('dams-collapse') }],
    payload: { status: 'figures', missing: { total: { value: 10_000, qualifier: 'about', scope: 'toll', asOf: day('2023-09-12') } } },
  },
  {
    ...S, id: id('displaced-30000'), kind: 'displacement',
    headline: 'At least 30,000 people displaced in Derna, IOM says',
    reported: day('2023-09-13'), place: derna, sources: [iom], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('dams-collapse') }],
    payload: { movement: 'displaced', count: { value: 30_000, qualifier: 'at-least', scope: 'toll', asOf: day('2023-09-13') }, cause: 'natural-hazard' },
  },
  {
    ...S, id: id('mayor-fears-20000'), kind: 'casualties',
    headline: 'Derna’s mayor says the death toll could reach 18,000 to 20,000, judging by the districts destroyed',
    reported: day('2023-09-13'), place: derna,
    sources: [{ name: 'Abdulmenam al-Ghaithi', role: 'local-authority', title: 'Mayor of Derna', via: [{ name: 'Al Arabiya', role: 'media' }] }],
    verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('dams-collapse') }],
    payload: { status: 'feared', outcome: 'killed', who: [residents], magnitude: { min: 18_000, max: 20_000 } },
  },
  {
    ...S, id: id('ocha-11300'), kind: 'casualties',
    headline: 'UN says 11,300 killed and 10,100 missing in Derna, citing the Libyan Red Crescent',
    reported: day('2023-09-16'), place: derna,
    sources: [{ name: 'Libyan Red Crescent', role: 'ngo', via: [{ name: 'UN Office for the Coordination of Humanitarian Affairs', role: 'un-agency' }] }],
    verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('dams-collapse') }],
    payload: {
      status: 'figures',
      killed: { total: { value: 11_300, qualifier: 'exact', scope: 'toll', asOf: day('2023-09-16') } },
      missing: { total: { value: 10_100, qualifier: 'exact', scope: 'toll', asOf: day('2023-09-16') } },
    },
  },
  {
    ...S, id: id('displaced-north-east'), kind: 'displacement',
    headline: 'More than 40,000 people displaced across north-eastern Libya, IOM says',
    reported: day('2023-09-16'), place: libya,
    sources: [{ ...iom, via: [{ name: 'UN Office for the Coordination of Humanitarian Affairs', role: 'un-agency' }] }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('storm-daniel') }],
    payload: { movement: 'displaced', count: { value: 40_000, qualifier: 'more-than', scope: 'toll', asOf: day('2023-09-16') }, cause: 'natural-hazard' },
  },
  {
    ...S, id: id('red-crescent-denies'), kind: 'diplomacy',
    headline: 'Libyan Red Crescent denies giving the 11,300 figure: "shocked to see our name mixed up with these figures"',
    reported: day('2023-09-17'), place: libya,
    sources: [{ name: 'Tawfik Shoukri', role: 'ngo', title: 'Libyan Red Crescent spokesman', via: [{ name: 'AFP', role: 'news-agency' }] }],
    verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'statement', by: [{ type: 'ngo', name: 'Libyan Red Crescent', country: 'LY' }], stances: ['denies'],
      regarding: [id('ocha-11300')], quote: 'We are shocked to see our name mixed up with these figures',
    },
  },
  {
    ...S, id: id('un-revised-toll'), kind: 'casualties',
    headline: 'UN revises the Derna toll to 3,958 dead, the figure verified by WHO; more than 9,000 still missing',
    reported: day('2023-09-18'), place: derna,
    sources: [{ name: 'World Health Organization', role: 'un-agency', via: [{ name: 'UN Office for the Coordination of Humanitarian Affairs', role: 'un-agency' }] }],
    verification: 'reported', urgency: 'flash',
    revises: id('ocha-11300'),
    relations: [{ type: 'part-of-incident', to: id('dams-collapse') }],
    payload: {
      status: 'figures',
      killed: { total: { value: 3958, qualifier: 'at-least', scope: 'toll', asOf: day('2023-09-17') } },
      missing: { total: { value: 9000, qualifier: 'more-than', scope: 'toll', asOf: day('2023-09-17') } },
    },
  },
  {
    ...S, id: id('protest-at-mosque'), kind: 'unrest',
    headline: 'Residents protest outside the Sahaba Mosque demanding accountability and the removal of parliament speaker Aguila Saleh',
    occurred: { date: '2023-09-18', partOfDay: 'evening', zone: ZONE }, reported: day('2023-09-18'), place: sahabaMosque,
    sources: [{ name: 'Libya Security Monitor', role: 'monitoring-group' }], verification: 'reported', urgency: 'urgent',
    payload: {
      activity: 'protests', causes: ['corruption', 'leadership'],
      against: [{ type: 'legislature', name: 'Aguila Saleh', title: 'Speaker of the House of Representatives', roles: ['lawmaker'], country: 'LY' }],
      participants: [protesters], size: { min: 1200, max: 1600 },
    },
  },
  {
    ...S, id: id('mayor-house-burned'), kind: 'property-attack',
    headline: 'Protesters set fire to the house of Derna’s mayor',
    occurred: { date: '2023-09-18', partOfDay: 'evening', zone: ZONE }, reported: day('2023-09-19'),
    place: { country: 'LY', city: 'Derna', sites: [{ type: 'home' }] },
    sources: [{ name: 'the mayor’s office director', role: 'local-authority', via: [{ name: 'Reuters', role: 'news-agency' }] }],
    verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protest-at-mosque') }],
    payload: { action: 'arson', targets: ['home'], by: [protesters], owner: ghaithi },
  },
  {
    ...S, id: id('council-dismissed'), kind: 'government-change',
    headline: 'Eastern government dismisses all members of Derna’s municipal council and refers them for investigation',
    reported: day('2023-09-19'), place: derna,
    sources: [{ name: 'Government of National Stability', role: 'government', title: 'eastern-based administration' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('protest-at-mosque') }],
    payload: { action: 'dismissed', body: 'Derna municipal council', wholeBody: true, by: hamad },
  },
  {
    ...S, id: id('mayor-suspended'), kind: 'government-change',
    headline: 'Derna’s mayor suspended from office, an eastern minister says',
    reported: day('2023-09-19'), place: derna,
    sources: [{ name: 'Hichem Abu Chkiouat', role: 'government', title: 'Minister of Civil Aviation in the eastern administration' }], verification: 'reported', urgency: 'urgent',
    payload: { action: 'suspended', body: 'Derna municipality', office: 'Mayor', person: ghaithi, by: gns },
  },
  {
    ...S, id: id('communications-cut'), kind: 'connectivity',
    headline: 'Communications with Derna cut; the state telecoms company says fibre-optic cables were severed',
    occurred: { date: '2023-09-19', partOfDay: 'morning', zone: ZONE }, reported: day('2023-09-19'), place: derna,
    sources: [{ name: 'Mohamed Albdairi', role: 'company', title: 'spokesperson, Libyan Telecommunications Holding Company', via: [{ name: 'Libya Alahrar television', role: 'media' }] }],
    verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('protest-at-mosque') }],
    payload: { service: 'internet', state: 'shut-down', cause: 'damage', impedesReporting: true },
  },
  {
    ...S, id: id('journalists-ordered-out'), kind: 'security-measure',
    headline: 'Journalists say they were ordered out of Derna; a minister says they were only told to keep away from rescue work',
    reported: day('2023-09-19'), place: derna,
    sources: [
      { name: 'journalists in Derna', role: 'journalist' },
      { name: 'Hichem Abu Chkiouat', role: 'government', title: 'Minister of Civil Aviation in the eastern administration', via: [{ name: 'Reuters', role: 'news-agency' }] },
    ],
    verification: 'disputed', urgency: 'urgent',
    payload: { measure: 'media-restriction', status: 'ordered', restrictions: ['reporting-ban'] },
  },
  {
    ...S, id: id('eight-officials-detained'), kind: 'arrests',
    headline: 'Prosecutor orders eight current and former officials, including the mayor, detained over the dams’ collapse',
    reported: day('2023-09-25'), place: libya, sources: [prosecutorSource], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('dams-collapse') }],
    payload: {
      count: { value: 8, qualifier: 'exact', scope: 'incident' },
      who: [{ type: 'government', title: 'officials of the Water Resources Authority and the Dams Management Authority', roles: ['official', 'former-official'], country: 'LY' }],
      detainees: [{ person: { ...ghaithi, title: 'former Mayor of Derna', roles: ['former-official'] }, status: 'detained' }],
      by: [prosecutor],
    },
  },
  {
    ...S, id: id('four-more-detained'), kind: 'arrests',
    headline: 'Four more people ordered arrested, including two municipal council members, bringing the total to 12',
    reported: day('2023-09-28'), place: libya,
    sources: [{ ...prosecutorSource, via: [{ name: 'Libya Security Monitor', role: 'monitoring-group' }] }], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'follows-up', to: id('eight-officials-detained') }],
    payload: {
      count: { value: 4, qualifier: 'exact', scope: 'incident' },
      who: [{ type: 'government', title: 'Derna municipal council members', roles: ['official'], country: 'LY' }],
      by: [prosecutor],
    },
  },
  {
    ...S, id: id('detained-total-12'), kind: 'arrests',
    headline: 'Twelve people detained so far in the dams investigation',
    reported: day('2023-09-28'), place: libya,
    sources: [{ name: 'Libya Security Monitor', role: 'monitoring-group' }], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'follows-up', to: id('four-more-detained') }],
    payload: { count: { value: 12, qualifier: 'exact', scope: 'toll', asOf: day('2023-09-28') }, by: [prosecutor] },
  },
];

export const DERNA_2023: CorpusStory = {
  id: DERNA_STORY,
  title: 'Libya: Storm Daniel and the Derna dam collapse (September 2023)',
  shape: 'natural-disaster',
  zone: ZONE,
  updates: DERNA_2023_UPDATES,
};
