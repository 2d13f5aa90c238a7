/**
 * Sri Lanka, 2022 (sri-lanka-2022.ts): the story's id and zone, and who and
 * where its updates name: actors, places and sources, shared by its chapters.
 */
import type { Actor } from '../../actor.ts';
import type { Place } from '../../place.ts';
import type { Source } from '../../source.ts';
import { storyHelpers } from '../story.ts';

export const SRI_LANKA_STORY = 'lk-crisis-2022';
export const ZONE = 'Asia/Colombo';
export const { id, day } = storyHelpers(SRI_LANKA_STORY, ZONE);
export const S = { schema: 2, story: SRI_LANKA_STORY } as const;

// ---------------------------------------------------------------- actors

export const gotabaya: Actor = {
  type: 'government', ref: 'lk:gotabaya-rajapaksa', name: 'Gotabaya Rajapaksa',
  title: 'President of Sri Lanka', roles: ['head-of-state'], country: 'LK',
};
export const mahinda: Actor = {
  type: 'government', ref: 'lk:mahinda-rajapaksa', name: 'Mahinda Rajapaksa',
  title: 'Prime Minister of Sri Lanka', roles: ['head-of-government'], country: 'LK',
};
export const ranil: Actor = { type: 'government', ref: 'lk:ranil-wickremesinghe', name: 'Ranil Wickremesinghe', roles: ['politician'], country: 'LK' };
export const government: Actor = { type: 'government', title: 'the government', country: 'LK' };
export const parliament: Actor = { type: 'legislature', name: 'Parliament of Sri Lanka', country: 'LK' };
export const police: Actor = { type: 'state-forces', branch: 'police', country: 'LK' };
export const military: Actor = { type: 'state-forces', branch: 'military', country: 'LK' };
export const protesters: Actor = { type: 'protesters', title: 'anti-government protesters', country: 'LK' };
export const governmentSupporters: Actor = {
  type: 'ruling-party', title: 'supporters of the government', affiliation: 'Sri Lanka Podujana Peramuna', country: 'LK',
};

// ---------------------------------------------------------------- places

export const nationwide: Place = { country: 'LK', extent: 'whole' };
export const sriLanka: Place = { country: 'LK' };
export const colombo: Place = { country: 'LK', city: 'Colombo' };
export const presidentsHouse: Place = { country: 'LK', city: 'Colombo', sites: [{ type: 'residence', name: 'President’s House' }] };
export const gotaGoGama: Place = {
  country: 'LK', city: 'Colombo', sites: [{ type: 'protest-camp', name: 'GotaGoGama' }, { type: 'other', name: 'Galle Face Green' }],
};

// ---------------------------------------------------------------- sources

export const newsroom: Source = { name: 'newswire desk', role: 'newsroom' };
export const netblocks: Source = { name: 'NetBlocks', role: 'monitoring-group', title: 'internet observatory' };
export const gazette: Source = { name: 'Government Gazette', role: 'government', title: 'gazette notification' };
export const police_: Source = { name: 'Sri Lanka Police', role: 'police', title: 'police spokesman' };
export const presidentsOffice: Source = { name: 'President’s Media Division', role: 'government' };
export const speaker: Source = { name: 'Mahinda Yapa Abeywardena', role: 'legislature', title: 'Speaker of Parliament' };
