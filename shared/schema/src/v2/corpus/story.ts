/**
 * A corpus story: one public crisis told fact by fact in v2 updates, from
 * general knowledge of what was widely reported. The stories are fixtures
 * (tests check each fact's structured meaning), the examples of
 * docs/updates.md, and NDJSON files under shared/schema/corpus/ that
 * `newswire publish --file` takes as they are.
 */
import type { Instant } from '../time.ts';
import type { Update } from '../update.ts';

/** The shapes of crisis the corpus covers, one story each at least. */
export const STORY_SHAPES = [
  'street-protests',
  'military-coup',
  'contested-election',
  'armed-conflict',
  'natural-disaster',
  'mass-casualty-attack',
] as const;
export type StoryShape = (typeof STORY_SHAPES)[number];

export interface CorpusStory {
  /** The story id every update carries; also the NDJSON file name. */
  id: string;
  title: string;
  shape: StoryShape;
  /** The IANA time zone of the place, carried by every local date and time of the story. */
  zone: string;
  /** In the order the desk reported them: a link always points at an earlier update. */
  updates: readonly Update[];
}

/** `<story>:<slug>` ids and date-only instants in the story's zone. */
export function storyHelpers(story: string, zone: string) {
  return {
    id: (slug: string) => `${story}:${slug}`,
    day: (date: string): Instant => ({ date, zone }),
  };
}
