/** Sri Lanka, 31 March to 9 April 2022: the night at Mirihana, curfews, the state of emergency, the social-media block, the Cabinet resigning, the GotaGoGama camp. */
import type { Update } from '../../update.ts';
import { day, gazette, gotabaya, gotaGoGama, government, id, mahinda, nationwide, netblocks, newsroom, police, police_, presidentsOffice, protesters, S, sriLanka, ZONE } from './cast.ts';

export const APRIL: readonly Update[] = [
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
];
