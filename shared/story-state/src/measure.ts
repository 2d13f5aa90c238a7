/**
 * Hooks for the benchmark (`npm run bench -- dashboard`): what a story's
 * state costs in memory and how long folding a history takes. Measuring is
 * the caller's job (process.memoryUsage, timers); these give it the pieces.
 */
import type { Update } from '@newswire/schema/v2';
import { canonicalJson } from './canonical.ts';
import { DEFAULT_STATE_LIMITS, type StateLimits } from './limits.ts';
import type { RecordAt } from './position.ts';
import { StoryState } from './story.ts';

/** Folds `records` into a fresh state of `story`. */
export function foldAll(story: string, records: Iterable<{ update: Update; at: RecordAt }>, limits: StateLimits = DEFAULT_STATE_LIMITS): StoryState {
  const s = new StoryState(story, limits);
  for (const { update, at } of records) s.apply(update, at);
  return s;
}

/** Bytes of a story's snapshot state (canonical JSON): what it costs in Kafka, and a floor of its heap size. */
export function stateBytes(state: StoryState): number {
  return Buffer.byteLength(canonicalJson(state.toData()));
}
