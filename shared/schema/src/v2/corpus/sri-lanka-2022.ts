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
import type { Update } from '../update.ts';
import type { CorpusStory } from './story.ts';
import { APRIL } from './sri-lanka-2022/april.ts';
import { ZONE, SRI_LANKA_STORY } from './sri-lanka-2022/cast.ts';
import { JULY } from './sri-lanka-2022/july.ts';
import { MAY } from './sri-lanka-2022/may.ts';

export { SRI_LANKA_STORY } from './sri-lanka-2022/cast.ts';

/** In the order the desk reported them, chapter by chapter (sri-lanka-2022/). */
export const SRI_LANKA_2022_UPDATES: readonly Update[] = [...APRIL, ...MAY, ...JULY];

export const SRI_LANKA_2022: CorpusStory = {
  id: SRI_LANKA_STORY,
  title: 'Sri Lanka: protests, curfews and the president’s flight (March–July 2022)',
  shape: 'street-protests',
  zone: ZONE,
  updates: SRI_LANKA_2022_UPDATES,
};
