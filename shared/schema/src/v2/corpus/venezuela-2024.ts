/**
 * Venezuela, 2024: the presidential election of 28 July. The National
 * Electoral Council (CNE) declares Nicolás Maduro the winner without
 * publishing polling-station results; the opposition says its tally sheets
 * show Edmundo González Urrutia won; protests are put down; González leaves
 * for Spain under an arrest warrant; Maduro is sworn in on 10 January 2025.
 *
 * Shape: a contested election. What it exercises: results with the share of
 * the vote counted ("with 80% counted"), a second bulletin that follows up
 * (not corrects) the first, a disputed winner, a barred candidate, protest
 * tolls from an NGO with children among the dead and arrest tolls from the
 * attorney general and the president (an "at the weekend" interval as asOf),
 * a platform block for ten days, an arrest warrant (wanted, not detained),
 * a candidate in hiding and one leaving the country, sworn in distinct from
 * declared winner. Every date is America/Caracas.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const VENEZUELA_STORY = 've-election-2024';
const ZONE = 'America/Caracas';
const { id, day } = storyHelpers(VENEZUELA_STORY, ZONE);
const S = { schema: 2, story: VENEZUELA_STORY } as const;

// ---------------------------------------------------------------- actors

const maduro: Actor = {
  type: 'government', ref: 've:maduro', name: 'Nicolás Maduro', title: 'President of Venezuela', roles: ['head-of-state', 'candidate'], country: 'VE',
};
const gonzalez: Actor = {
  type: 'opposition', ref: 've:gonzalez-urrutia', name: 'Edmundo González Urrutia', title: 'opposition presidential candidate',
  roles: ['candidate'], affiliation: 'Unitary Platform', country: 'VE',
};
const machado: Actor = {
  type: 'opposition', ref: 've:machado', name: 'María Corina Machado', roles: ['opposition-leader'], country: 'VE',
};
const cne: Actor = { type: 'electoral-body', name: 'National Electoral Council', acronym: 'CNE', country: 'VE' };
const tsj: Actor = { type: 'judiciary', name: 'Supreme Tribunal of Justice', acronym: 'TSJ', country: 'VE' };
const protesters: Actor = { type: 'protesters', title: 'opposition supporters', country: 'VE' };

// ---------------------------------------------------------------- places

const venezuela: Place = { country: 'VE' };
const nationwide: Place = { country: 'VE', extent: 'whole' };
const caracas: Place = { country: 'VE', city: 'Caracas' };

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const cneSource: Source = { name: 'Elvis Amoroso', role: 'electoral-body', title: 'President of the National Electoral Council' };
const maduroOnTv: Source = { name: 'Nicolás Maduro', role: 'head-of-state', via: [{ name: 'Venezolana de Televisión', role: 'state-media' }] };

export const VENEZUELA_2024_UPDATES: readonly Update[] = [
  {
    ...S, id: id('machado-barred'), kind: 'election',
    headline: 'Supreme court upholds the ban on opposition leader María Corina Machado holding office',
    occurred: day('2024-01-26'), reported: day('2024-01-26'), place: venezuela,
    sources: [{ name: 'Supreme Tribunal of Justice', role: 'judiciary' }], verification: 'reported', urgency: 'urgent',
    payload: { stage: 'candidate-barred', election: 'presidential', body: tsj, candidates: [machado] },
  },
  {
    ...S, id: id('election-held'), kind: 'election',
    headline: 'Venezuelans vote in the presidential election; Maduro faces Edmundo González Urrutia',
    occurred: day('2024-07-28'), reported: day('2024-07-28'), place: nationwide,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { stage: 'held', election: 'presidential', round: 1, date: day('2024-07-28'), candidates: [maduro, gonzalez] },
  },
  {
    ...S, id: id('cne-first-bulletin'), kind: 'election',
    headline: 'Electoral council declares Maduro the winner with 51.2% against 44.2% for González, with 80% counted',
    occurred: { date: '2024-07-28', partOfDay: 'overnight', zone: ZONE }, reported: day('2024-07-29'), place: nationwide,
    sources: [cneSource], verification: 'disputed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('election-held') }],
    payload: {
      stage: 'winner-declared', election: 'presidential', date: day('2024-07-28'), body: cne,
      results: [
        { candidate: maduro, share: { value: 51.2, qualifier: 'exact' }, votes: { value: 5_150_092, qualifier: 'exact' } },
        { candidate: gonzalez, share: { value: 44.2, qualifier: 'exact' }, votes: { value: 4_445_978, qualifier: 'exact' } },
      ],
      counted: { value: 80, qualifier: 'exact' }, turnout: { value: 59, qualifier: 'exact' }, winner: maduro,
    },
  },
  {
    ...S, id: id('opposition-claims-victory'), kind: 'election',
    headline: 'Machado says González is Venezuela’s president-elect with about 70% of the vote',
    reported: day('2024-07-29'), place: nationwide,
    sources: [{ name: 'María Corina Machado', role: 'opposition', title: 'opposition leader' }], verification: 'claimed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('cne-first-bulletin') }],
    payload: {
      stage: 'results-disputed', election: 'presidential', date: day('2024-07-28'),
      results: [{ candidate: gonzalez, share: { value: 70, qualifier: 'about' }, outcome: 'won' }],
      winner: gonzalez, disputedBy: [machado, gonzalez], allegations: ['fraud'],
    },
  },
  {
    ...S, id: id('protests-erupt'), kind: 'unrest',
    headline: 'Protests against the result break out across the country, including in Caracas’s Petare district',
    occurred: day('2024-07-29'), reported: day('2024-07-29'), place: venezuela,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: {
      activity: 'protests', causes: ['elections'], against: [maduro], participants: [protesters],
      extent: 'many-places', size: { vague: 'thousands' },
    },
  },
  {
    ...S, id: id('chavez-statues-toppled'), kind: 'property-attack',
    headline: 'Protesters topple statues of Hugo Chávez in several cities',
    occurred: day('2024-07-29'), reported: day('2024-07-29'), place: venezuela,
    sources: [{ name: 'videos on social networks', role: 'social-media' }], evidence: [{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }],
    verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protests-erupt') }],
    payload: { action: 'destruction', targets: ['monument'], by: [protesters], count: { vague: 'several' } },
  },
  {
    ...S, id: id('petare-tear-gas'), kind: 'security-operation',
    headline: 'Police fire tear gas and rubber bullets at protesters in Petare',
    occurred: day('2024-07-29'), reported: day('2024-07-29'), place: { country: 'VE', city: 'Caracas', districts: ['Petare'] },
    sources: [{ name: 'NTN24', role: 'media', title: 'television footage' }], evidence: [{ medium: 'videos', channel: 'broadcast', provenance: 'verified' }],
    verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protests-erupt') }],
    payload: { action: 'crowd-control', by: [{ type: 'state-forces', branch: 'police', country: 'VE' }], against: [protesters], means: ['tear-gas', 'rubber-bullets'] },
  },
  {
    ...S, id: id('protest-deaths'), kind: 'casualties',
    headline: 'Eleven killed in the protests, two of them minors, rights groups say',
    reported: day('2024-07-30'), place: venezuela,
    sources: [{ name: 'Foro Penal', role: 'ngo', title: 'with Provea, Justicia Encuentro y Perdón and Laboratorio de Paz' }],
    verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protests-erupt') }],
    payload: {
      status: 'figures',
      killed: {
        total: { value: 11, qualifier: 'exact', scope: 'toll', asOf: day('2024-07-30') },
        breakdown: [
          { who: { type: 'civilians', roles: ['child'], country: 'VE' }, figure: { value: 2, qualifier: 'exact', scope: 'toll', asOf: day('2024-07-30') } },
        ],
      },
    },
  },
  {
    ...S, id: id('attorney-general-arrests'), kind: 'arrests',
    headline: 'Attorney general says 749 people have been arrested in the protests',
    reported: day('2024-07-30'), place: venezuela,
    sources: [{ name: 'Tarek William Saab', role: 'judiciary', title: 'Attorney General' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protests-erupt') }],
    payload: { count: { value: 749, qualifier: 'exact', scope: 'toll', asOf: day('2024-07-30') }, who: [protesters] },
  },
  {
    ...S, id: id('carter-center'), kind: 'election',
    headline: 'Carter Center observers say the election did not meet international standards and cannot be considered democratic',
    reported: day('2024-07-30'), place: venezuela,
    sources: [{ name: 'Carter Center', role: 'ngo', title: 'election observation mission' }], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('cne-first-bulletin') }],
    payload: {
      stage: 'results-disputed', election: 'presidential', date: day('2024-07-28'),
      disputedBy: [{ type: 'ngo', name: 'Carter Center' }], observers: [{ type: 'ngo', name: 'Carter Center' }],
    },
  },
  {
    ...S, id: id('machado-in-hiding'), kind: 'leader-movement',
    headline: 'Machado says she is in hiding, fearing for her life',
    reported: day('2024-08-01'), place: venezuela,
    sources: [{ name: 'María Corina Machado', role: 'opposition', via: [{ name: 'The Wall Street Journal', role: 'media' }] }],
    verification: 'claimed', urgency: 'urgent',
    payload: { movement: 'in-hiding', person: machado },
  },
  {
    ...S, id: id('us-says-gonzalez-won'), kind: 'diplomacy',
    headline: 'United States says there is overwhelming evidence that González won the most votes',
    reported: day('2024-08-01'), place: venezuela,
    sources: [{ name: 'Antony Blinken', role: 'foreign-government', title: 'US Secretary of State' }], verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'statement', by: [{ type: 'foreign-state', name: 'Antony Blinken', title: 'US Secretary of State', country: 'US' }],
      stances: ['supports'], concerning: [gonzalez], regarding: [id('cne-first-bulletin')], quote: 'overwhelming evidence',
    },
  },
  {
    ...S, id: id('cne-second-bulletin'), kind: 'election',
    headline: 'Electoral council’s second bulletin: Maduro 51.95%, González 43.18%, with 96.87% counted',
    reported: day('2024-08-02'), place: nationwide, sources: [cneSource], verification: 'disputed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('cne-first-bulletin') }],
    payload: {
      stage: 'results', election: 'presidential', date: day('2024-07-28'), body: cne,
      results: [
        { candidate: maduro, share: { value: 51.95, qualifier: 'exact' }, votes: { value: 6_408_855, qualifier: 'exact' }, outcome: 'won' },
        { candidate: gonzalez, share: { value: 43.18, qualifier: 'exact' }, votes: { value: 5_326_104, qualifier: 'exact' }, outcome: 'lost' },
      ],
      counted: { value: 96.87, qualifier: 'exact' }, turnout: { value: 59.97, qualifier: 'exact' }, winner: maduro,
    },
  },
  {
    ...S, id: id('maduro-2000-arrested'), kind: 'arrests',
    headline: 'Maduro says about 2,000 protesters have been arrested and will be sent to maximum-security prisons',
    reported: day('2024-08-04'), place: venezuela, sources: [maduroOnTv], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('protests-erupt') }],
    payload: {
      count: { value: 2000, qualifier: 'about', scope: 'toll', asOf: { from: day('2024-08-03'), to: day('2024-08-04') } },
      who: [protesters], by: [{ type: 'state-forces', country: 'VE' }],
    },
  },
  {
    ...S, id: id('x-blocked'), kind: 'connectivity',
    headline: 'Maduro orders X blocked for ten days; NetBlocks confirms the restriction',
    occurred: day('2024-08-08'), reported: day('2024-08-09'), place: nationwide,
    sources: [maduroOnTv, { name: 'NetBlocks', role: 'monitoring-group' }], verification: 'reported', urgency: 'urgent',
    payload: {
      service: 'social-media', state: 'restricted', cause: 'ordered-shutdown', imposedBy: maduro, platforms: ['X'],
      period: { duration: { amount: { value: 10, qualifier: 'exact' }, unit: 'days' } },
    },
  },
  {
    ...S, id: id('tsj-certifies'), kind: 'election',
    headline: 'Supreme court certifies the electoral council’s results declaring Maduro the winner',
    occurred: day('2024-08-22'), reported: day('2024-08-22'), place: nationwide,
    sources: [{ name: 'Supreme Tribunal of Justice', role: 'judiciary' }], verification: 'disputed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('cne-second-bulletin') }],
    payload: { stage: 'certified', election: 'presidential', date: day('2024-07-28'), body: tsj, winner: maduro },
  },
  {
    ...S, id: id('gonzalez-warrant'), kind: 'arrests',
    headline: 'Court issues an arrest warrant for González at prosecutors’ request',
    occurred: day('2024-09-02'), reported: day('2024-09-02'), place: caracas,
    sources: [{ name: 'Public Ministry', role: 'judiciary', title: 'prosecutors' }], verification: 'reported', urgency: 'flash',
    payload: {
      action: 'warrant-issued',
      detainees: [{ person: gonzalez, status: 'wanted', charges: ['usurpation of functions', 'forgery of a public document', 'conspiracy'] }],
      by: [{ type: 'judiciary', title: 'a Caracas court', country: 'VE' }],
    },
  },
  {
    ...S, id: id('gonzalez-leaves'), kind: 'leader-movement',
    headline: 'González leaves Caracas for Spain on a Spanish Air Force plane',
    occurred: day('2024-09-07'), reported: day('2024-09-08'), place: venezuela,
    sources: [
      { name: 'José Manuel Albares', role: 'foreign-government', title: 'Foreign Minister of Spain', via: [{ name: 'X', role: 'social-media' }] },
      { name: 'Delcy Rodríguez', role: 'government', title: 'Vice President of Venezuela' },
    ],
    verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('gonzalez-warrant') }],
    payload: {
      movement: 'left-country', person: gonzalez, from: caracas,
      to: { country: 'ES', admin1: 'Community of Madrid', city: 'Torrejón de Ardoz', sites: [{ type: 'military-base', name: 'Torrejón air base' }] },
      means: 'military-aircraft',
    },
  },
  {
    ...S, id: id('maduro-sworn-in'), kind: 'government-change',
    headline: 'Maduro sworn in for a third term before the National Assembly',
    occurred: day('2025-01-10'), reported: day('2025-01-10'), place: caracas, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('tsj-certifies') }],
    payload: {
      action: 'sworn-in', body: 'presidency', office: 'President', person: maduro,
      by: { type: 'legislature', name: 'National Assembly', country: 'VE' },
    },
  },
];

export const VENEZUELA_2024: CorpusStory = {
  id: VENEZUELA_STORY,
  title: 'Venezuela: the disputed presidential election (January 2024–January 2025)',
  shape: 'contested-election',
  zone: ZONE,
  updates: VENEZUELA_2024_UPDATES,
};
