/**
 * The seed story (shared/seeds/000_fdb7d84072144f33.txt, a wire report of
 * Saturday 8 January 2022) as structured updates, in the order a desk would
 * have sent them from Thursday to Saturday. Times are Almaty time (UTC+06:00).
 *
 * - Ids are fixed strings, so publishing the seed twice is deduplicated
 *   downstream (they are idempotency keys).
 * - Every source is attributed as the text attributes it; facts the text
 *   states without a source are the wire's own (`newsroom`).
 * - occurredAt is set only where the text says when (Friday's shoot order,
 *   Saturday's phone call...); otherwise it is left out as unknown.
 * - Place scope `nationwide` is used for country-level facts where the text
 *   names no narrower place.
 * - Not carried: analysis and background that are not events — Alexander
 *   Baunov's (Moscow Carnegie Center) reading of the crackdown as Tokayev's
 *   "liberation from the tutelage of his predecessor", "some experts argue
 *   Tokayev is using the crisis to gain leverage", Nazarbayev being "still
 *   considered the most powerful man" and "political foster father", and
 *   geography (Almaty's size, Kazakhstan's borders). The schema has no
 *   opinion kind on purpose: a structured wire carries who did what, with
 *   numbers a machine can use; commentary stays in the article.
 */
import type { Update } from '../index.ts';
import {
  almaty,
  authorities,
  childRightsOfficer,
  csto,
  interiorMinistryViaStateTv,
  kazakhstan,
  khabar24,
  kremlin,
  kremlinStatement,
  nazarbayev,
  newsroom,
  putin,
  socialNetworks,
  stateMedia,
  STORY_ID,
  theAuthorities,
  tokayev,
} from './kazakhstan-actors.ts';

export { STORY_ID } from './kazakhstan-actors.ts';

const id = (slug: string) => `${STORY_ID}:${slug}`;
const base = { schema: 1, story: STORY_ID } as const;

export const KAZAKHSTAN_SEED: readonly Update[] = [
  // Thursday 6 January: the background a desk had already reported.
  {
    ...base, id: id('fuel-price-protests'), kind: 'unrest',
    headline: 'Anger at fuel price rise turns into peaceful, sometimes violent, protests against the government',
    reportedAt: '2022-01-06T08:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: {
      activity: 'protests', character: ['peaceful', 'violent'], causes: ['fuel-prices'],
      against: { title: 'the government', country: 'KZ' }, extent: 'many-places',
    },
  },
  {
    ...base, id: id('state-of-emergency'), kind: 'security-measure',
    headline: 'Tokayev declares state of emergency',
    reportedAt: '2022-01-06T08:10:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { measure: 'state-of-emergency', status: 'declared', issuedBy: tokayev },
  },
  {
    ...base, id: id('csto-help-requested'), kind: 'foreign-military',
    headline: 'Tokayev asks Russian-led military alliance CSTO for help',
    reportedAt: '2022-01-06T08:20:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'help-requested', requestedBy: tokayev, from: csto },
  },
  {
    ...base, id: id('csto-deployment'), kind: 'foreign-military',
    headline: 'Around 2,500 foreign soldiers to be sent to Kazakhstan',
    reportedAt: '2022-01-06T12:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'deployment', status: 'planned', force: csto, troops: { value: 2500, qualifier: 'about' } },
  },
  {
    ...base, id: id('government-dismissed'), kind: 'government-change',
    headline: 'Tokayev dismisses the entire government',
    reportedAt: '2022-01-06T14:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'dismissed', body: 'government', wholeBody: true, by: tokayev },
  },
  {
    ...base, id: id('security-council-chair'), kind: 'government-change',
    headline: 'Tokayev removes Nazarbayev as chairman of the Security Council and takes over himself',
    reportedAt: '2022-01-06T14:30:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { action: 'removed', body: 'Security Council', office: 'chairman', person: nazarbayev, by: tokayev, successor: tokayev },
  },
  {
    ...base, id: id('secret-service-management'), kind: 'government-change',
    headline: 'Tokayev replaces secret service management with his own confidants',
    reportedAt: '2022-01-06T18:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: {
      action: 'replaced', body: 'secret service', office: 'management', by: tokayev,
      successor: { title: 'confidants of the president' },
    },
  },
  {
    ...base, id: id('worst-riots-in-years'), kind: 'unrest',
    headline: 'Kazakhstan sees worst riots in years for days',
    reportedAt: '2022-01-06T20:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: { activity: 'riots', severity: 'worst-in-years', duration: 'days' },
  },
  // Friday 7 January.
  {
    ...base, id: id('shoot-without-warning'), kind: 'security-measure',
    headline: 'Tokayev orders police and army to shoot "without warning"',
    occurredAt: '2022-01-07T11:00:00+06:00', reportedAt: '2022-01-07T11:20:00+06:00',
    place: kazakhstan, sources: [newsroom], verification: 'confirmed', urgency: 'flash',
    payload: {
      measure: 'shoot-order', status: 'ordered', issuedBy: tokayev,
      orderedTo: [{ title: 'police', country: 'KZ' }, { title: 'army', country: 'KZ' }],
      targets: ['demonstrators'], targetsDescribedAs: ['terrorists', 'bandits'],
      warning: 'without-warning', quote: 'without warning',
    },
  },
  {
    ...base, id: id('killed-more-than-40'), kind: 'casualties',
    headline: 'Authorities: more than 40 killed, including security forces',
    reportedAt: '2022-01-07T15:00:00+06:00', place: kazakhstan, sources: [theAuthorities],
    verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      killed: { total: { value: 40, qualifier: 'more-than' }, groups: [{ group: 'security-forces' }] },
    },
  },
  {
    ...base, id: id('almaty-badly-shaken'), kind: 'unrest',
    headline: 'Almaty badly shaken by the riots',
    reportedAt: '2022-01-07T17:00:00+06:00', place: almaty, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: { activity: 'riots', severity: 'severe' },
  },
  {
    ...base, id: id('civilian-deaths-feared'), kind: 'casualties',
    headline: 'Many civilian deaths feared, especially in Almaty',
    reportedAt: '2022-01-07T18:00:00+06:00', place: almaty, sources: [newsroom],
    verification: 'unverified', urgency: 'urgent',
    payload: { status: 'feared', outcome: 'killed', groups: ['civilians'], magnitude: 'many' },
  },
  // Saturday 8 January: the day of the report.
  {
    ...base, id: id('arrests-4400'), kind: 'arrests',
    headline: 'More than 4,400 people arrested nationwide',
    reportedAt: '2022-01-08T10:00:00+06:00', place: kazakhstan, sources: [interiorMinistryViaStateTv],
    verification: 'reported', urgency: 'urgent',
    payload: { count: { value: 4400, qualifier: 'more-than' }, tally: 'running-total' },
  },
  {
    ...base, id: id('fatalities-no-new-information'), kind: 'casualties',
    headline: 'No new official information on fatalities a day after the order to shoot',
    reportedAt: '2022-01-08T10:15:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: { status: 'no-new-information', about: 'killed', lastFigures: id('killed-more-than-40') },
  },
  {
    ...base, id: id('almaty-internet-off'), kind: 'connectivity',
    headline: 'Authorities have switched off the internet in Almaty',
    reportedAt: '2022-01-08T10:30:00+06:00', place: almaty, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: { service: 'internet', state: 'shut-down', cause: 'ordered-shutdown', imposedBy: authorities, impedesReporting: true },
  },
  {
    ...base, id: id('almaty-mobile-intermittent'), kind: 'connectivity',
    headline: 'Mobile phone connection in Almaty keeps breaking down',
    reportedAt: '2022-01-08T10:35:00+06:00', place: almaty, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: { service: 'mobile', state: 'intermittent', cause: 'unknown', impedesReporting: true },
  },
  {
    ...base, id: id('protesters-led-away'), kind: 'unrest',
    headline: 'Photos show armed security forces leading protesters away',
    reportedAt: '2022-01-08T11:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'unverified', urgency: 'routine',
    payload: {
      activity: 'detentions', actors: [{ title: 'armed security forces', country: 'KZ' }],
      evidence: [{ medium: 'photos', provenance: 'unverified' }],
    },
  },
  {
    ...base, id: id('almaty-gunfire-videos'), kind: 'unrest',
    headline: 'Gunshots heard on videos allegedly from Almaty',
    reportedAt: '2022-01-08T11:10:00+06:00', place: almaty, sources: [socialNetworks],
    verification: 'unverified', urgency: 'routine',
    payload: { activity: 'gunfire', evidence: [{ medium: 'videos', channel: 'social-networks', provenance: 'alleged' }] },
  },
  {
    ...base, id: id('anti-terrorist-operation-continues'), kind: 'security-measure',
    headline: 'So-called anti-terrorist operation continues, Khabar 24 reports',
    reportedAt: '2022-01-08T11:30:00+06:00', place: kazakhstan, sources: [khabar24],
    verification: 'reported', urgency: 'routine',
    payload: { measure: 'counter-terrorism-operation', status: 'ongoing', officialName: 'anti-terrorist operation' },
  },
  {
    ...base, id: id('boy-11-killed-almaty'), kind: 'casualties',
    headline: '11-year-old boy shot dead while walking with his parents in Almaty, child rights officer says',
    reportedAt: '2022-01-08T12:00:00+06:00', place: almaty, sources: [childRightsOfficer],
    verification: 'reported', urgency: 'urgent',
    payload: {
      status: 'figures',
      victims: [{
        age: 11, sex: 'male', group: 'children', outcome: 'killed', cause: 'shot',
        circumstances: 'walking with his parents', city: 'Almaty',
      }],
      perpetrator: { status: 'unknown' },
    },
  },
  {
    ...base, id: id('massimov-arrested'), kind: 'arrests',
    headline: 'Former intelligence chief Karim Massimov arrested for high treason',
    reportedAt: '2022-01-08T13:00:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'urgent',
    payload: {
      detainees: [{
        person: { name: 'Karim Massimov', title: 'former intelligence chief', country: 'KZ' },
        charges: ['high treason'], status: 'detained',
      }],
    },
  },
  {
    ...base, id: id('abdymomunov-dismissed'), kind: 'government-change',
    headline: 'Tokayev dismisses Security Council deputy secretary Asamat Abdymomunov, state media say',
    reportedAt: '2022-01-08T14:00:00+06:00', place: kazakhstan, sources: [stateMedia],
    verification: 'reported', urgency: 'routine',
    payload: {
      action: 'dismissed', body: 'Security Council', office: 'deputy secretary',
      person: { name: 'Asamat Abdymomunov', country: 'KZ' }, by: tokayev, previouslyAppointedBy: nazarbayev,
    },
  },
  {
    ...base, id: id('day-of-mourning'), kind: 'commemoration',
    headline: 'Tokayev orders nationwide day of mourning on Monday for the victims',
    reportedAt: '2022-01-08T14:30:00+06:00', place: kazakhstan, sources: [newsroom],
    verification: 'confirmed', urgency: 'routine',
    payload: { type: 'day-of-mourning', date: '2022-01-10', orderedBy: tokayev, honouring: 'the victims of the unrest' },
  },
  {
    ...base, id: id('putin-tokayev-call'), kind: 'diplomacy',
    headline: 'Putin holds long phone call with Tokayev, Kremlin says',
    occurredAt: '2022-01-08T16:00:00+06:00', reportedAt: '2022-01-08T17:00:00+06:00',
    place: kazakhstan, sources: [kremlin], verification: 'reported', urgency: 'urgent',
    payload: { action: 'phone-call', participants: [putin, tokayev], duration: 'long' },
  },
  {
    ...base, id: id('csto-video-summit'), kind: 'diplomacy',
    headline: 'Putin supports Tokayev’s proposal of a CSTO video summit in the coming days',
    reportedAt: '2022-01-08T17:10:00+06:00', place: kazakhstan, sources: [kremlinStatement],
    verification: 'reported', urgency: 'routine',
    payload: {
      action: 'summit-proposed', proposedBy: tokayev, supportedBy: [putin], organisation: csto,
      attendees: 'heads of state and government', format: 'video', expected: 'coming-days',
    },
  },
];
