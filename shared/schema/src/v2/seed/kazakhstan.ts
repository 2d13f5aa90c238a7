/**
 * The seed story (a wire report of Saturday 8 January 2022 on the unrest in
 * Kazakhstan) retold in v2, fact by fact, in the order of the text.
 *
 * What v2 lets it say that v1 could not, without inventing anything:
 *  - every update is reported on Saturday 8 January, date only: the text
 *    gives no time of day (v1 spread the facts over Thursday to Saturday with
 *    made-up times); it happened "on Friday", "on Saturday" where the text says so;
 *  - "more than 4,400 have now been arrested" is a nationwide toll as of
 *    Saturday, from the Interior Ministry via state television;
 *  - "more than 40 killed" is a toll the authorities gave at some point
 *    before the report (asOf: up to 8 January), including security forces,
 *    with no number for them;
 *  - "many civilian deaths" is the vague word "many", with no number;
 *  - "the worst riots in years for days" lasts { unit: 'days' };
 *  - the state of emergency is not claimed to be nationwide (the text does
 *    not say so); the day of mourning is;
 *  - Nazarbayev's 2019 resignation is a dated fact (year precision);
 *    Abdymomunov was appointed by Nazarbayev "a few years ago" (a vague duration);
 *  - protesters led away by armed security forces are detentions without a
 *    count, seen in photos (evidence, unverified);
 *  - the source roles say what each source is (ministry via state media, a
 *    foreign government, an official, social media).
 *
 * Not carried, because they are opinion or background, not news facts: the
 * opening "the situation remained unclear" (its facts are the outages and
 * "no new official information", which are carried); Alexander Baunov's
 * (Moscow Carnegie Center) reading of the crackdown; "some experts argue"
 * Tokayev uses the crisis for leverage; Nazarbayev "still considered the most
 * powerful man" and "political foster father"; Almaty's size and location;
 * Kazakhstan's borders.
 */
import type { Update } from '../update.ts';
import {
  almaty,
  army,
  authorities,
  childRightsOfficer,
  csto,
  FRIDAY,
  government,
  interiorMinistryViaStateTv,
  kazakhstan,
  khabar24,
  kremlin,
  kremlinStatement,
  MONDAY,
  nationwide,
  nazarbayev,
  newsroom,
  police,
  putin,
  SATURDAY,
  socialNetworks,
  stateMedia,
  STORY_ID,
  theAuthorities,
  tokayev,
  ZONE,
} from './kazakhstan-actors.ts';

export { STORY_ID } from './kazakhstan-actors.ts';

const id = (slug: string) => `${STORY_ID}:${slug}`;
const base = { schema: 2, story: STORY_ID, reported: SATURDAY } as const;

export const KAZAKHSTAN_SEED_V2: readonly Update[] = [
  {
    ...base, id: id('worst-riots-in-years'), kind: 'unrest',
    headline: 'Kazakhstan has seen its worst riots in years for days',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { activity: 'riots', severity: 'worst-in-years', ongoingFor: { unit: 'days' } },
  },
  {
    ...base, id: id('fuel-price-protests'), kind: 'unrest',
    headline: 'Anger at fuel price rise turns into peaceful, sometimes violent, protests against the government in many places',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { activity: 'protests', character: ['peaceful', 'violent'], causes: ['fuel-prices'], against: [government], extent: 'many-places' },
  },
  {
    ...base, id: id('state-of-emergency'), kind: 'security-measure',
    headline: 'Tokayev has declared a state of emergency',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { measure: 'state-of-emergency', status: 'declared', issuedBy: tokayev },
  },
  {
    ...base, id: id('csto-help-requested'), kind: 'foreign-military',
    headline: 'Tokayev has asked the Russian-led military alliance CSTO for help',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'help-requested', requestedBy: tokayev, from: csto },
  },
  {
    ...base, id: id('csto-deployment'), kind: 'foreign-military',
    headline: 'Around 2,500 foreign soldiers are to be sent to Kazakhstan',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    relations: [{ type: 'follows-up', to: id('csto-help-requested') }],
    payload: { action: 'deployment', status: 'planned', force: csto, troops: { value: 2500, qualifier: 'about' } },
  },
  {
    ...base, id: id('shoot-without-warning'), kind: 'security-measure',
    headline: 'Tokayev ordered police and army on Friday to shoot "without warning"',
    occurred: FRIDAY, place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: {
      measure: 'shoot-order', status: 'ordered', issuedBy: tokayev, orderedTo: [police, army],
      targets: [{ type: 'protesters', title: 'demonstrators', country: 'KZ' }], targetsDescribedAs: ['terrorists', 'bandits'],
      warning: 'without-warning', quote: 'without warning',
    },
  },
  {
    ...base, id: id('arrests-4400'), kind: 'arrests',
    headline: 'More than 4,400 people have now been arrested nationwide, state TV reports citing the Interior Ministry',
    place: nationwide, sources: [interiorMinistryViaStateTv], verification: 'reported', urgency: 'urgent',
    payload: { count: { value: 4400, qualifier: 'more-than', scope: 'toll', asOf: SATURDAY } },
  },
  {
    ...base, id: id('killed-more-than-40'), kind: 'casualties',
    headline: 'Authorities had spoken of more than 40 killed, including security forces',
    place: kazakhstan, sources: [theAuthorities], verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      killed: {
        total: { value: 40, qualifier: 'more-than', scope: 'toll', asOf: { to: SATURDAY } },
        breakdown: [{ who: { type: 'state-forces', country: 'KZ' } }],
      },
    },
  },
  {
    ...base, id: id('fatalities-no-new-information'), kind: 'casualties',
    headline: 'No new official information on fatalities a day after the order to shoot',
    occurred: SATURDAY, place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    relations: [{ type: 'follows-up', to: id('killed-more-than-40') }],
    payload: { status: 'no-new-information', about: 'killed', lastFigures: id('killed-more-than-40') },
  },
  {
    ...base, id: id('civilian-deaths-feared'), kind: 'casualties',
    headline: 'Many civilian deaths feared, especially in Almaty',
    place: almaty, sources: [newsroom], verification: 'unverified', urgency: 'urgent',
    payload: { status: 'feared', outcome: 'killed', who: [{ type: 'civilians', country: 'KZ' }], magnitude: { vague: 'many' } },
  },
  {
    ...base, id: id('almaty-badly-shaken'), kind: 'unrest',
    headline: 'Almaty badly shaken by the riots',
    place: almaty, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { activity: 'riots', severity: 'severe' },
  },
  {
    ...base, id: id('almaty-internet-off'), kind: 'connectivity',
    headline: 'Authorities have switched off the internet in Almaty',
    place: almaty, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { service: 'internet', state: 'shut-down', cause: 'ordered-shutdown', imposedBy: authorities, impedesReporting: true },
  },
  {
    ...base, id: id('almaty-mobile-intermittent'), kind: 'connectivity',
    headline: 'Mobile phone connection in Almaty keeps breaking down',
    place: almaty, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { service: 'mobile', state: 'intermittent', cause: 'unknown', impedesReporting: true },
  },
  {
    ...base, id: id('protesters-led-away'), kind: 'arrests',
    headline: 'Photos show armed security forces leading protesters away',
    place: kazakhstan, sources: [newsroom], evidence: [{ medium: 'photos', provenance: 'unverified' }],
    verification: 'unverified', urgency: 'routine',
    payload: { who: [{ type: 'protesters', country: 'KZ' }], by: [{ type: 'state-forces', title: 'armed security forces', country: 'KZ' }] },
  },
  {
    ...base, id: id('almaty-gunfire-videos'), kind: 'unrest',
    headline: 'Gunshots heard on videos on social networks allegedly from Almaty',
    place: almaty, sources: [socialNetworks], evidence: [{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }],
    verification: 'unverified', urgency: 'routine',
    payload: { activity: 'gunfire' },
  },
  {
    ...base, id: id('anti-terrorist-operation-continues'), kind: 'security-measure',
    headline: 'So-called anti-terrorist operation continues, state broadcaster Khabar 24 reports',
    place: kazakhstan, sources: [khabar24], verification: 'reported', urgency: 'routine',
    payload: { measure: 'counter-terrorism-operation', status: 'ongoing', officialName: 'anti-terrorist operation' },
  },
  {
    ...base, id: id('boy-11-killed-almaty'), kind: 'casualties',
    headline: '11-year-old boy shot dead while walking with his parents in Almaty, child rights officer says',
    place: almaty, sources: [childRightsOfficer], verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      victims: [{
        person: { type: 'civilians', roles: ['child'], age: 11, sex: 'male', country: 'KZ' },
        outcome: 'killed', cause: 'shot', circumstances: 'walking with his parents', place: almaty,
      }],
      perpetrator: { status: 'unknown' },
    },
  },
  {
    ...base, id: id('day-of-mourning'), kind: 'commemoration',
    headline: 'Tokayev orders nationwide day of mourning on Monday for the victims',
    place: nationwide, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { type: 'day-of-mourning', on: MONDAY, orderedBy: tokayev, honouring: 'the victims' },
  },
  {
    ...base, id: id('nazarbayev-resigned-2019'), kind: 'government-change',
    headline: 'Nazarbayev, Tokayev’s predecessor, resigned as president in 2019',
    occurred: { date: '2019' }, place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: { action: 'resigned', body: 'presidency', office: 'President', person: nazarbayev, successor: tokayev },
  },
  {
    ...base, id: id('security-council-chair'), kind: 'government-change',
    headline: 'Tokayev had removed Nazarbayev as chairman of the Security Council and taken it over himself',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'removed', body: 'Security Council', office: 'chairman', person: nazarbayev, by: tokayev, successor: tokayev },
  },
  {
    ...base, id: id('abdymomunov-dismissed'), kind: 'government-change',
    headline: 'Tokayev dismisses Security Council deputy secretary Asamat Abdymomunov, state media say',
    place: kazakhstan, sources: [stateMedia], verification: 'reported', urgency: 'routine',
    relations: [{ type: 'follows-up', to: id('security-council-chair') }],
    payload: {
      action: 'dismissed', body: 'Security Council', office: 'deputy secretary',
      person: { type: 'government', name: 'Asamat Abdymomunov', roles: ['official'], country: 'KZ' }, by: tokayev,
      previousAppointment: { by: nazarbayev, ago: { amount: { vague: 'a-few' }, unit: 'years' } },
    },
  },
  {
    ...base, id: id('government-dismissed'), kind: 'government-change',
    headline: 'Tokayev has dismissed the entire government',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'dismissed', body: 'government', wholeBody: true, by: tokayev },
  },
  {
    ...base, id: id('secret-service-management'), kind: 'government-change',
    headline: 'Tokayev has replaced the management of the secret service with his own confidants',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'routine',
    payload: {
      action: 'replaced', body: 'secret service', office: 'management', by: tokayev,
      successor: { type: 'unknown', title: 'the president’s own confidants', affiliation: 'Kassym-Jomart Tokayev' },
    },
  },
  {
    ...base, id: id('massimov-arrested'), kind: 'arrests',
    headline: 'Former intelligence chief Karim Massimov arrested for high treason',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'urgent',
    payload: {
      detainees: [{
        // No longer in office when arrested: a civilian by ACLED's categories, with his former role.
        person: { type: 'civilians', name: 'Karim Massimov', aliases: ['Karim Massimow'], title: 'former intelligence chief', roles: ['former-official'], country: 'KZ' },
        charges: ['high treason'], status: 'detained',
      }],
    },
  },
  {
    ...base, id: id('putin-tokayev-call'), kind: 'diplomacy',
    headline: 'Putin holds long phone call with Tokayev on Saturday, Kremlin says',
    occurred: SATURDAY, place: kazakhstan, sources: [kremlin], verification: 'reported', urgency: 'urgent',
    payload: { action: 'phone-call', participants: [putin, tokayev], duration: 'long' },
  },
  {
    ...base, id: id('csto-video-summit'), kind: 'diplomacy',
    headline: 'Putin supports Tokayev’s proposal of a CSTO video summit in the coming days',
    place: kazakhstan, sources: [kremlinStatement], verification: 'reported', urgency: 'routine',
    payload: {
      action: 'summit-proposed', proposedBy: tokayev, supportedBy: [putin], organisation: csto,
      attendees: 'heads of state and government', format: 'video', expectedWithin: { unit: 'days' },
    },
  },
];

/** The time zone every local time of the story is in. */
export const SEED_ZONE = ZONE;
