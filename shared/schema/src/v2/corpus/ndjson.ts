/** A corpus story as NDJSON: one update per line, in story order, as `newswire publish --file` reads it. */
import type { CorpusStory } from './story.ts';

export function storyNdjson(story: CorpusStory): string {
  return story.updates.map((u) => JSON.stringify(u)).join('\n') + '\n';
}

/** The file a story is kept in, relative to shared/schema/corpus/. */
export function storyFileName(story: CorpusStory): string {
  return `${story.id}.ndjson`;
}
