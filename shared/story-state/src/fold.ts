/**
 * The pure form of the fold: data in, new data out, the input untouched.
 * Gateways fold in place (StoryState.apply: copying a whole story per update
 * would cost O(size) each time); this form is for tests, tools and anyone
 * who wants the state as a value. Both give the same data.
 */
import { parseAnyUpdate, type Update } from '@newswire/schema/v2';
import { DEFAULT_STATE_LIMITS, type StateLimits } from './limits.ts';
import type { RecordAt } from './position.ts';
import { StoryState, type StoryStateData } from './story.ts';

export function emptyState(story: string, limits: StateLimits = DEFAULT_STATE_LIMITS): StoryStateData {
  return new StoryState(story, limits).toData();
}

/** `state` with `update` (read at `at`) folded in. */
export function fold(state: StoryStateData, update: Update, at: RecordAt, limits: StateLimits = DEFAULT_STATE_LIMITS): StoryStateData {
  const s = StoryState.fromData(structuredClone(state), limits);
  s.apply(update, at);
  return s.toData();
}

/**
 * An update as published, v1 or v2, read as v2 (v1 upcast); throws with every
 * problem listed when it is neither. For callers holding raw JSON.
 */
export function asV2(json: unknown): Update {
  const r = parseAnyUpdate(json);
  if (!r.ok) throw new Error(`not an update: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.update;
}
