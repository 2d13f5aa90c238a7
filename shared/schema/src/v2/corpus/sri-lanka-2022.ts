/**
 * Sri Lanka, 2022: protests over shortages and the economic collapse, from
 * the night outside the president's private home in Mirihana (31 March) to
 * the storming of the President's House (9 July), the president's flight,
 * and parliament electing his successor (20 July).
 *
 * Shape: street protests with curfews and a social-media shutdown. What it
 * exercises: a curfew lifted and another extended (relations, not
 * corrections), a state of emergency declared and revoked, a social-media
 * block and its restoration, a Cabinet resigning except the president and
 * the prime minister, a retraction (the Speaker's "he has left the
 * country"), a leader fleeing on a military aircraft, acting / sworn-in /
 * elected as distinct actions, a ruling-party lawmaker among the dead,
 * named sites (President's House, Temple Trees, GotaGoGama) and districts.
 * Every date is Asia/Colombo; no time of day is given unless widely reported.
 */
import type { Actor } from '../actor.ts';
import type { Place } from '../place.ts';
import type { Source } from '../source.ts';
import type { Update } from '../update.ts';
import { storyHelpers, type CorpusStory } from './story.ts';

export const SRI_LANKA_STORY = 'lk-crisis-2022';
const ZONE = 'Asia/Colombo';
const { id, day } = storyHelpers(SRI_LANKA_STORY, ZONE);
const S = { schema: 2, story: SRI_LANKA_STORY } as const;

// ---------------------------------------------------------------- actors

const gotabaya: Actor = {
  type: 'government', ref: 'lk:gotabaya-rajapaksa', name: 'Gotabaya Rajapaksa',
  title: 'President of Sri Lanka', roles: ['head-of-state'], country: 'LK',
};
const mahinda: Actor = {
  type: 'government', ref: 'lk:mahinda-rajapaksa', name: 'Mahinda Rajapaksa',
  title: 'Prime Minister of Sri Lanka', roles: ['head-of-government'], country: 'LK',
};
const ranil: Actor = { type: 'government', ref: 'lk:ranil-wickremesinghe', name: 'Ranil Wickremesinghe', roles: ['politician'], country: 'LK' };
const government: Actor = { type: 'government', title: 'the government', country: 'LK' };
const parliament: Actor = { type: 'legislature', name: 'Parliament of Sri Lanka', country: 'LK' };
const police: Actor = { type: 'state-forces', branch: 'police', country: 'LK' };
const military: Actor = { type: 'state-forces', branch: 'military', country: 'LK' };
const protesters: Actor = { type: 'protesters', title: 'anti-government protesters', country: 'LK' };
const governmentSupporters: Actor = {
  type: 'ruling-party', title: 'supporters of the government', affiliation: 'Sri Lanka Podujana Peramuna', country: 'LK',
};

// ---------------------------------------------------------------- places

const nationwide: Place = { country: 'LK', extent: 'whole' };
const sriLanka: Place = { country: 'LK' };
const colombo: Place = { country: 'LK', city: 'Colombo' };
const presidentsHouse: Place = { country: 'LK', city: 'Colombo', sites: [{ type: 'residence', name: 'President’s House' }] };
const gotaGoGama: Place = {
  country: 'LK', city: 'Colombo', sites: [{ type: 'protest-camp', name: 'GotaGoGama' }, { type: 'other', name: 'Galle Face Green' }],
};

// ---------------------------------------------------------------- sources

const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
const netblocks: Source = { name: 'NetBlocks', role: 'monitoring-group', title: 'internet observatory' };
const gazette: Source = { name: 'Government Gazette', role: 'government', title: 'gazette notification' };
const police_: Source = { name: 'Sri Lanka Police', role: 'police', title: 'police spokesman' };
const presidentsOffice: Source = { name: 'President’s Media Division', role: 'government' };
const speaker: Source = { name: 'Mahinda Yapa Abeywardena', role: 'legislature', title: 'Speaker of Parliament' };

export const SRI_LANKA_2022_UPDATES: readonly Update[] = [
  {
    ...S, id: id('mirihana-protest'), kind: 'unrest',
    headline: 'Hundreds protest over shortages outside the president’s private residence in Mirihana',
    occurred: { date: '2022-03-31', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-01'),
    place: { country: 'LK', admin1: 'Western Province', districts: ['Mirihana'], sites: [{ type: 'home' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: {
      activity: 'protests', character: ['peaceful', 'violent'], causes: ['shortages', 'living-costs'],
      against: [gotabaya], participants: [protesters], size: { vague: 'hundreds' },
    },
  },
  {
    ...S, id: id('mirihana-vehicles-burned'), kind: 'property-attack',
    headline: 'Protesters set fire to security-force vehicles near the president’s residence',
    occurred: { date: '2022-03-31', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-01'),
    place: { country: 'LK', admin1: 'Western Province', districts: ['Mirihana'] },
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('mirihana-protest') }],
    payload: { action: 'arson', targets: ['police-vehicles', 'vehicles'], by: [protesters] },
  },
  {
    ...S, id: id('mirihana-tear-gas'), kind: 'security-operation',
    headline: 'Police fire tear gas and water cannon to disperse the Mirihana protest',
    occurred: { date: '2022-03-31', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-01'),
    place: { country: 'LK', admin1: 'Western Province', districts: ['Mirihana'] },
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('mirihana-protest') }],
    payload: { action: 'dispersal', by: [police], against: [protesters], means: ['tear-gas', 'water-cannon'] },
  },
  {
    ...S, id: id('mirihana-arrests'), kind: 'arrests',
    headline: 'Police arrest 54 people over the Mirihana unrest',
    reported: day('2022-04-01'), place: { country: 'LK', admin1: 'Western Province', districts: ['Mirihana'] },
    sources: [police_], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('mirihana-protest') }],
    payload: { count: { value: 54, qualifier: 'exact', scope: 'incident' }, who: [protesters], by: [police] },
  },
  {
    ...S, id: id('mirihana-injured'), kind: 'casualties',
    headline: 'Five police officers and two Daily Mirror photographers among the injured in Mirihana',
    occurred: { date: '2022-03-31', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-01'),
    place: { country: 'LK', admin1: 'Western Province', districts: ['Mirihana'] },
    sources: [police_], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'part-of-incident', to: id('mirihana-protest') }],
    payload: {
      status: 'figures',
      injured: { breakdown: [{ who: { ...police, roles: ['police-officer'] }, figure: { value: 5, qualifier: 'exact', scope: 'incident' } }] },
      victims: [
        { person: { type: 'civilians', title: 'Daily Mirror photographer', roles: ['journalist'], affiliation: 'Daily Mirror', country: 'LK' }, outcome: 'injured', circumstances: 'hit in the head by a stone while covering the protest' },
        { person: { type: 'civilians', title: 'Daily Mirror photographer', roles: ['journalist'], affiliation: 'Daily Mirror', country: 'LK' }, outcome: 'injured', circumstances: 'covering the protest' },
      ],
    },
  },
  {
    ...S, id: id('colombo-curfew'), kind: 'security-measure',
    headline: 'Police impose a curfew until further notice in parts of Western Province around Colombo',
    occurred: { date: '2022-03-31', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-01'),
    place: {
      country: 'LK', admin1: 'Western Province', extent: 'parts',
      districts: ['Colombo North', 'Colombo South', 'Colombo Central', 'Nugegoda', 'Mount Lavinia', 'Kelaniya'],
    },
    sources: [police_], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('mirihana-protest') }],
    payload: { measure: 'curfew', status: 'declared', issuedBy: police, period: { untilFurtherNotice: true } },
  },
  {
    ...S, id: id('colombo-curfew-lifted'), kind: 'security-measure',
    headline: 'Curfew around Colombo lifted at 5 am',
    occurred: { date: '2022-04-01', time: '05:00', zone: ZONE }, reported: day('2022-04-01'),
    place: { country: 'LK', admin1: 'Western Province', extent: 'parts' },
    sources: [police_], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'lifts', to: id('colombo-curfew') }],
    payload: { measure: 'curfew', status: 'lifted', issuedBy: police },
  },
  {
    ...S, id: id('state-of-emergency'), kind: 'security-measure',
    headline: 'President Rajapaksa declares a state of public emergency',
    occurred: { date: '2022-04-01', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-02'),
    place: nationwide, sources: [gazette], verification: 'reported', urgency: 'flash',
    payload: { measure: 'state-of-emergency', status: 'declared', issuedBy: gotabaya },
  },
  {
    ...S, id: id('curfew-36h'), kind: 'security-measure',
    headline: 'Nationwide 36-hour curfew from 6 pm on Saturday',
    reported: day('2022-04-02'), place: nationwide, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: {
      measure: 'curfew', status: 'declared', issuedBy: government,
      period: { from: { date: '2022-04-02', time: '18:00', zone: ZONE }, duration: { amount: { value: 36, qualifier: 'exact' }, unit: 'hours' } },
    },
  },
  {
    ...S, id: id('social-media-blocked'), kind: 'connectivity',
    headline: 'Facebook, WhatsApp, Twitter, Instagram and YouTube blocked nationwide at the Defence Ministry’s request',
    reported: day('2022-04-03'), place: nationwide,
    sources: [netblocks, { name: 'Telecommunications Regulatory Commission of Sri Lanka', role: 'government' }], verification: 'reported', urgency: 'urgent',
    payload: {
      service: 'social-media', state: 'restricted', cause: 'ordered-shutdown', imposedBy: { type: 'government', name: 'Ministry of Defence', country: 'LK' },
      platforms: ['Facebook', 'WhatsApp', 'Twitter', 'Instagram', 'YouTube'],
    },
  },
  {
    ...S, id: id('social-media-restored'), kind: 'connectivity',
    headline: 'Social media access restored after about 15 hours',
    body: 'NetBlocks measured the block at about 15 hours from its start to its end.',
    reported: day('2022-04-03'), place: nationwide, sources: [netblocks], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'lifts', to: id('social-media-blocked') }],
    payload: { service: 'social-media', state: 'restored' },
  },
  {
    ...S, id: id('cabinet-resigns'), kind: 'government-change',
    headline: 'Cabinet ministers resign en masse, except the president and the prime minister',
    occurred: { date: '2022-04-03', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-04'),
    place: sriLanka,
    sources: [{ name: 'Dinesh Gunawardena', role: 'government', title: 'Education Minister' }],
    verification: 'reported', urgency: 'flash',
    payload: {
      action: 'resigned', body: 'Cabinet', wholeBody: true,
      except: [{ office: 'President', person: gotabaya }, { office: 'Prime Minister', person: mahinda }],
    },
  },
  {
    ...S, id: id('central-bank-governor-resigns'), kind: 'government-change',
    headline: 'Central Bank governor Ajith Nivard Cabraal resigns',
    reported: day('2022-04-04'), place: sriLanka,
    sources: [{ name: 'Ajith Nivard Cabraal', role: 'official', title: 'Governor of the Central Bank', via: [{ name: 'Twitter', role: 'social-media' }] }],
    verification: 'reported', urgency: 'urgent',
    payload: {
      action: 'resigned', body: 'Central Bank of Sri Lanka', office: 'Governor',
      person: { type: 'government', name: 'Ajith Nivard Cabraal', roles: ['official'], country: 'LK' },
    },
  },
  {
    ...S, id: id('ali-sabry-appointed'), kind: 'government-change',
    headline: 'Rajapaksa appoints Ali Sabry finance minister',
    reported: day('2022-04-04'), place: sriLanka, sources: [presidentsOffice], verification: 'reported', urgency: 'routine',
    payload: {
      action: 'appointed', body: 'Cabinet', office: 'Minister of Finance',
      person: { type: 'government', ref: 'lk:ali-sabry', name: 'Ali Sabry', roles: ['minister'], country: 'LK' }, by: gotabaya,
    },
  },
  {
    ...S, id: id('ali-sabry-resigns'), kind: 'government-change',
    headline: 'Ali Sabry resigns as finance minister a day after his appointment',
    reported: day('2022-04-05'), place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('ali-sabry-appointed') }],
    payload: {
      action: 'resigned', body: 'Cabinet', office: 'Minister of Finance',
      person: { type: 'government', ref: 'lk:ali-sabry', name: 'Ali Sabry', roles: ['minister'], country: 'LK' },
    },
  },
  {
    ...S, id: id('state-of-emergency-revoked'), kind: 'security-measure',
    headline: 'Rajapaksa revokes the state of emergency from midnight',
    occurred: { date: '2022-04-05', partOfDay: 'night', zone: ZONE }, reported: day('2022-04-05'),
    place: nationwide, sources: [gazette], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'lifts', to: id('state-of-emergency') }],
    payload: { measure: 'state-of-emergency', status: 'lifted', issuedBy: gotabaya },
  },
  {
    ...S, id: id('gotagogama-camp'), kind: 'unrest',
    headline: 'Thousands rally at Galle Face Green and set up the "GotaGoGama" protest camp',
    occurred: day('2022-04-09'), reported: day('2022-04-09'), place: gotaGoGama,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: {
      activity: 'sit-in', character: ['peaceful'], causes: ['shortages', 'living-costs', 'leadership'],
      demands: ['Gota go home'], against: [gotabaya], participants: [protesters], size: { vague: 'thousands' },
    },
  },
  {
    ...S, id: id('government-supporters-attack-camp'), kind: 'attack',
    headline: 'Government supporters armed with sticks attack protesters at the Galle Face camp',
    occurred: day('2022-05-09'), reported: day('2022-05-09'), place: gotaGoGama,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: { methods: ['beating'], perpetrator: { status: 'known', by: [governmentSupporters] }, targets: [protesters] },
  },
  {
    ...S, id: id('prime-minister-resigns'), kind: 'government-change',
    headline: 'Prime Minister Mahinda Rajapaksa resigns',
    occurred: day('2022-05-09'), reported: day('2022-05-09'), place: sriLanka,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: { action: 'resigned', body: 'government', office: 'Prime Minister', person: mahinda },
  },
  {
    ...S, id: id('curfew-may'), kind: 'security-measure',
    headline: 'Island-wide curfew imposed until further notice',
    occurred: { date: '2022-05-09', partOfDay: 'afternoon', zone: ZONE }, reported: day('2022-05-09'), place: nationwide,
    sources: [police_], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('government-supporters-attack-camp') }],
    payload: { measure: 'curfew', status: 'declared', issuedBy: police, period: { untilFurtherNotice: true } },
  },
  {
    ...S, id: id('lawmaker-killed'), kind: 'casualties',
    headline: 'Ruling-party lawmaker Amarakeerthi Athukorala dies after a confrontation with protesters in Nittambuwa',
    occurred: day('2022-05-09'), reported: day('2022-05-09'),
    place: { country: 'LK', admin1: 'Western Province', admin2: 'Gampaha District', city: 'Nittambuwa' },
    sources: [police_], verification: 'reported', urgency: 'flash',
    payload: {
      status: 'figures',
      victims: [{
        person: { type: 'ruling-party', name: 'Amarakeerthi Athukorala', title: 'Member of Parliament', roles: ['lawmaker'], country: 'LK' },
        outcome: 'killed', circumstances: 'found dead after opening fire on protesters who blocked his car; police said he took his own life',
      }],
    },
  },
  {
    ...S, id: id('politicians-homes-burned'), kind: 'property-attack',
    headline: 'Homes of dozens of ruling-party politicians set on fire overnight',
    occurred: { date: '2022-05-09', partOfDay: 'night', zone: ZONE }, reported: day('2022-05-10'),
    place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: {
      action: 'arson', targets: ['home'], by: [{ type: 'rioters', country: 'LK' }],
      owner: { type: 'ruling-party', roles: ['politician'], country: 'LK' }, count: { vague: 'dozens' },
    },
  },
  {
    ...S, id: id('rajapaksa-ancestral-home-burned'), kind: 'property-attack',
    headline: 'The Rajapaksa family’s ancestral home in Medamulana is set on fire',
    occurred: { date: '2022-05-09', partOfDay: 'night', zone: ZONE }, reported: day('2022-05-10'),
    place: { country: 'LK', admin1: 'Southern Province', admin2: 'Hambantota District', city: 'Medamulana', sites: [{ type: 'home', name: 'Rajapaksa ancestral home' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('politicians-homes-burned') }],
    payload: { action: 'arson', targets: ['home'], by: [{ type: 'rioters', country: 'LK' }], owner: { type: 'ruling-party', title: 'the Rajapaksa family', country: 'LK' } },
  },
  {
    ...S, id: id('mahinda-leaves-temple-trees'), kind: 'leader-movement',
    headline: 'Mahinda Rajapaksa leaves Temple Trees under military protection for the Trincomalee naval base',
    occurred: { date: '2022-05-10', partOfDay: 'early-morning', zone: ZONE }, reported: day('2022-05-10'),
    place: sriLanka,
    sources: [{ name: 'Kamal Gunaratne', role: 'ministry', title: 'Defence Secretary' }],
    verification: 'reported', urgency: 'flash',
    payload: {
      movement: 'fled',
      person: { ...mahinda, title: 'outgoing Prime Minister of Sri Lanka' },
      from: { country: 'LK', city: 'Colombo', sites: [{ type: 'residence', name: 'Temple Trees' }] },
      to: { country: 'LK', city: 'Trincomalee', sites: [{ type: 'military-base', name: 'Trincomalee naval base' }] },
    },
  },
  {
    ...S, id: id('shoot-order'), kind: 'security-measure',
    headline: 'Security forces ordered to open fire on anyone looting public property or causing harm to life',
    occurred: day('2022-05-10'), reported: day('2022-05-10'), place: nationwide,
    sources: [{ name: 'Ministry of Defence', role: 'ministry' }], verification: 'reported', urgency: 'flash',
    payload: {
      measure: 'shoot-order', status: 'ordered', issuedBy: { type: 'government', name: 'Ministry of Defence', country: 'LK' },
      orderedTo: [{ ...military, title: 'the tri-forces' }], targets: [{ type: 'rioters', country: 'LK' }],
      targetsDescribedAs: ['anyone looting public property or causing harm to life'], warning: 'unspecified',
    },
  },
  {
    ...S, id: id('violence-toll'), kind: 'casualties',
    headline: 'Death toll in the violence rises to eight, including a ruling-party lawmaker and a police officer, police say',
    reported: day('2022-05-10'), place: sriLanka, sources: [police_], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('lawmaker-killed') }],
    payload: {
      status: 'figures',
      killed: {
        total: { value: 8, qualifier: 'exact', scope: 'toll', asOf: day('2022-05-10') },
        breakdown: [
          { who: { type: 'ruling-party', roles: ['lawmaker'], country: 'LK' } },
          { who: { ...police, roles: ['police-officer'] } },
        ],
      },
    },
  },
  {
    ...S, id: id('colombo-hospital-injured'), kind: 'casualties',
    headline: '216 people injured in the Colombo clashes admitted to the Colombo National Hospital',
    reported: day('2022-05-10'), place: colombo,
    sources: [{ name: 'Colombo National Hospital', role: 'hospital' }], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'part-of-incident', to: id('government-supporters-attack-camp') }],
    payload: {
      status: 'figures',
      injured: { total: { value: 216, qualifier: 'exact', scope: 'toll', asOf: day('2022-05-10') } },
    },
  },
  {
    ...S, id: id('curfew-may-extended'), kind: 'security-measure',
    headline: 'Island-wide curfew extended until 7 am on Thursday',
    reported: day('2022-05-11'), place: nationwide, sources: [presidentsOffice], verification: 'reported', urgency: 'urgent',
    relations: [{ type: 'extends', to: id('curfew-may') }],
    payload: { measure: 'curfew', status: 'extended', period: { to: { date: '2022-05-12', time: '07:00', zone: ZONE } } },
  },
  {
    ...S, id: id('curfew-may-eased'), kind: 'security-measure',
    headline: 'Curfew lifted at 7 am on Thursday for seven hours, then back from 2 pm until 6 am on Friday',
    reported: day('2022-05-12'), place: nationwide, sources: [presidentsOffice], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'amends', to: id('curfew-may') }],
    payload: {
      measure: 'curfew', status: 'eased',
      period: { from: { date: '2022-05-12', time: '14:00', zone: ZONE }, to: { date: '2022-05-13', time: '06:00', zone: ZONE } },
    },
  },
  {
    ...S, id: id('ranil-sworn-in-prime-minister'), kind: 'government-change',
    headline: 'Ranil Wickremesinghe sworn in as prime minister',
    occurred: day('2022-05-12'), reported: day('2022-05-12'), place: sriLanka, sources: [presidentsOffice], verification: 'reported', urgency: 'flash',
    payload: { action: 'sworn-in', body: 'government', office: 'Prime Minister', person: ranil, by: gotabaya },
  },
  {
    ...S, id: id('july-9-protest'), kind: 'unrest',
    headline: 'Thousands of protesters converge on Colombo demanding the president resign',
    occurred: day('2022-07-09'), reported: day('2022-07-09'), place: colombo,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: {
      activity: 'march', causes: ['shortages', 'living-costs', 'leadership'], demands: ['Gota go home'],
      against: [gotabaya], participants: [protesters], size: { vague: 'thousands' },
    },
  },
  {
    ...S, id: id('tear-gas-colombo'), kind: 'security-operation',
    headline: 'Police fire tear gas and water cannon at protesters near the President’s House',
    occurred: day('2022-07-09'), reported: day('2022-07-09'), place: presidentsHouse,
    sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'part-of-incident', to: id('july-9-protest') }],
    payload: { action: 'crowd-control', by: [police], against: [protesters], means: ['tear-gas', 'water-cannon'] },
  },
  {
    ...S, id: id('president-leaves-residence'), kind: 'leader-movement',
    headline: 'President Rajapaksa left the President’s House under naval protection before it was overrun, officials say',
    occurred: day('2022-07-09'), reported: day('2022-07-09'), place: presidentsHouse,
    sources: [{ name: 'officials', role: 'official', via: [{ name: 'AFP', role: 'news-agency' }] }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('july-9-protest') }],
    payload: { movement: 'fled', person: gotabaya, from: presidentsHouse },
  },
  {
    ...S, id: id('presidents-house-stormed'), kind: 'property-attack',
    headline: 'Protesters storm the President’s House in Colombo',
    occurred: day('2022-07-09'), reported: day('2022-07-09'), place: presidentsHouse,
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('july-9-protest') }],
    payload: { action: 'storming', targets: ['residence'], by: [protesters], owner: gotabaya },
  },
  {
    ...S, id: id('prime-minister-home-burned'), kind: 'property-attack',
    headline: 'Protesters set fire to Prime Minister Wickremesinghe’s private residence',
    occurred: { date: '2022-07-09', partOfDay: 'evening', zone: ZONE }, reported: day('2022-07-09'),
    place: { country: 'LK', city: 'Colombo', sites: [{ type: 'home' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'part-of-incident', to: id('july-9-protest') }],
    payload: { action: 'arson', targets: ['home'], by: [protesters], owner: { ...ranil, title: 'Prime Minister of Sri Lanka', roles: ['head-of-government'] } },
  },
  {
    ...S, id: id('speaker-says-president-left'), kind: 'leader-movement',
    headline: 'Speaker says President Rajapaksa has left the country',
    reported: day('2022-07-11'), place: sriLanka,
    sources: [{ ...speaker, via: [{ name: 'BBC', role: 'media' }] }], verification: 'reported', urgency: 'flash',
    payload: { movement: 'left-country', person: gotabaya, from: sriLanka },
  },
  {
    ...S, id: id('speaker-retracts'), kind: 'leader-movement',
    headline: 'Speaker retracts his remark: he misspoke, the president has not left the country',
    reported: day('2022-07-11'), place: sriLanka,
    sources: [{ ...speaker, via: [{ name: 'ANI', role: 'news-agency' }] }], verification: 'reported', urgency: 'flash',
    retracts: id('speaker-says-president-left'),
    payload: { movement: 'left-country', person: gotabaya, from: sriLanka },
  },
  {
    ...S, id: id('president-fled'), kind: 'leader-movement',
    headline: 'President Gotabaya Rajapaksa flies to the Maldives on a military aircraft',
    occurred: { date: '2022-07-13', partOfDay: 'early-morning', zone: ZONE }, reported: day('2022-07-13'),
    place: sriLanka, sources: [{ name: 'Sri Lanka Air Force', role: 'military' }], verification: 'reported', urgency: 'flash',
    payload: { movement: 'fled', person: gotabaya, from: sriLanka, to: { country: 'MV', city: 'Malé' }, means: 'military-aircraft' },
  },
  {
    ...S, id: id('ranil-acting-president'), kind: 'government-change',
    headline: 'Rajapaksa appoints Prime Minister Wickremesinghe to act as president in his absence, Speaker says',
    occurred: day('2022-07-13'), reported: day('2022-07-13'), place: sriLanka, sources: [speaker], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('president-fled') }],
    payload: { action: 'acting', body: 'presidency', office: 'President', person: ranil, by: gotabaya },
  },
  {
    ...S, id: id('state-of-emergency-july'), kind: 'security-measure',
    headline: 'Acting president Wickremesinghe declares a nationwide state of emergency',
    occurred: day('2022-07-13'), reported: day('2022-07-13'), place: nationwide,
    sources: [{ name: 'Prime Minister’s office', role: 'government' }], verification: 'reported', urgency: 'flash',
    payload: { measure: 'state-of-emergency', status: 'declared', issuedBy: { ...ranil, title: 'acting President of Sri Lanka' } },
  },
  {
    ...S, id: id('prime-minister-office-stormed'), kind: 'property-attack',
    headline: 'Protesters storm the prime minister’s office in Colombo',
    occurred: day('2022-07-13'), reported: day('2022-07-13'),
    place: { country: 'LK', city: 'Colombo', sites: [{ type: 'government-building', name: 'Prime Minister’s Office' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: { action: 'storming', targets: ['government-building'], by: [protesters] },
  },
  {
    ...S, id: id('president-arrives-singapore'), kind: 'leader-movement',
    headline: 'Rajapaksa flies on from the Maldives to Singapore on a commercial flight; Singapore says he has not asked for asylum',
    occurred: day('2022-07-14'), reported: day('2022-07-14'), place: { country: 'SG' },
    sources: [{ name: 'Ministry of Foreign Affairs of Singapore', role: 'foreign-government' }], verification: 'reported', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('president-fled') }],
    payload: { movement: 'arrived', person: gotabaya, from: { country: 'MV' }, to: { country: 'SG' }, means: 'commercial-flight' },
  },
  {
    ...S, id: id('president-resigns'), kind: 'government-change',
    headline: 'Speaker accepts Rajapaksa’s emailed resignation, effective from 14 July',
    reported: day('2022-07-15'), place: sriLanka, sources: [speaker], verification: 'reported', urgency: 'flash',
    payload: { action: 'resigned', body: 'presidency', office: 'President', person: gotabaya, effective: day('2022-07-14') },
  },
  {
    ...S, id: id('ranil-sworn-in-acting-president'), kind: 'government-change',
    headline: 'Wickremesinghe sworn in as acting president',
    occurred: day('2022-07-15'), reported: day('2022-07-15'), place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('president-resigns') }],
    payload: { action: 'sworn-in', body: 'presidency', office: 'acting President', person: ranil },
  },
  {
    ...S, id: id('parliament-vote'), kind: 'election',
    headline: 'Parliament elects Wickremesinghe president with 134 votes to 82 for Alahapperuma and 3 for Dissanayake',
    occurred: day('2022-07-20'), reported: day('2022-07-20'), place: sriLanka,
    sources: [{ name: 'Parliament of Sri Lanka', role: 'legislature' }], verification: 'confirmed', urgency: 'flash',
    payload: {
      stage: 'results', election: 'presidential', date: day('2022-07-20'), body: parliament,
      results: [
        { candidate: { ...ranil, roles: ['candidate'] }, votes: { value: 134, qualifier: 'exact' }, outcome: 'won' },
        { candidate: { type: 'ruling-party', name: 'Dullas Alahapperuma', roles: ['candidate', 'lawmaker'], country: 'LK' }, votes: { value: 82, qualifier: 'exact' }, outcome: 'lost' },
        { candidate: { type: 'opposition', name: 'Anura Kumara Dissanayake', roles: ['candidate', 'lawmaker'], country: 'LK' }, votes: { value: 3, qualifier: 'exact' }, outcome: 'lost' },
      ],
      winner: ranil,
    },
  },
  {
    ...S, id: id('ranil-elected'), kind: 'government-change',
    headline: 'Wickremesinghe elected president by parliament',
    occurred: day('2022-07-20'), reported: day('2022-07-20'), place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('parliament-vote') }],
    payload: { action: 'elected', body: 'presidency', office: 'President', person: ranil, by: parliament },
  },
  {
    ...S, id: id('ranil-sworn-in-president'), kind: 'government-change',
    headline: 'Wickremesinghe sworn in as president',
    occurred: day('2022-07-21'), reported: day('2022-07-21'), place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    relations: [{ type: 'follows-up', to: id('ranil-elected') }],
    payload: { action: 'sworn-in', body: 'presidency', office: 'President', person: ranil },
  },
  {
    ...S, id: id('camp-raided'), kind: 'security-operation',
    headline: 'Troops and police raid the protest camp outside the Presidential Secretariat before dawn',
    occurred: { date: '2022-07-22', partOfDay: 'early-morning', zone: ZONE }, reported: day('2022-07-22'),
    place: { country: 'LK', city: 'Colombo', sites: [{ type: 'protest-camp', name: 'GotaGoGama' }, { type: 'government-building', name: 'Presidential Secretariat' }] },
    sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: { action: 'clearing', by: [military, police], against: [protesters] },
  },
  {
    ...S, id: id('dinesh-sworn-in-prime-minister'), kind: 'government-change',
    headline: 'Dinesh Gunawardena sworn in as prime minister',
    occurred: day('2022-07-22'), reported: day('2022-07-22'), place: sriLanka, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: {
      action: 'sworn-in', body: 'government', office: 'Prime Minister',
      person: { type: 'government', name: 'Dinesh Gunawardena', roles: ['politician'], country: 'LK' }, by: ranil,
    },
  },
];

export const SRI_LANKA_2022: CorpusStory = {
  id: SRI_LANKA_STORY,
  title: 'Sri Lanka: protests, curfews and the president’s flight (March–July 2022)',
  shape: 'street-protests',
  zone: ZONE,
  updates: SRI_LANKA_2022_UPDATES,
};
