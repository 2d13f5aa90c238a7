/** Sri Lanka, 9 to 12 May 2022: government supporters attack the Galle Face camp; the prime minister resigns; homes burned, a lawmaker killed, a shoot order, the toll; the curfew extended and eased; his successor sworn in. */
import type { Update } from '../../update.ts';
import { colombo, day, gotabaya, gotaGoGama, governmentSupporters, id, mahinda, military, nationwide, newsroom, police, police_, presidentsOffice, protesters, ranil, S, sriLanka, ZONE } from './cast.ts';

export const MAY: readonly Update[] = [
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
];
