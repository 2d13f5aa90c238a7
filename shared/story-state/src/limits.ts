/**
 * Bounds on what the state keeps. Every list of a story is capped; past a cap
 * the OLDEST entries (by Kafka timestamp, then position) are dropped and
 * counted in `dropped`, never the newest. Dropping incident figures keeps
 * every "at least" sum true (all counts are non-negative, so the sum of a part
 * is a lower bound of the whole); it only stops the sum being exact.
 */
export interface StateLimits {
  /** Stories held at once; updates of further stories are counted and not folded. */
  maxStories: number;
  /** Most recent updates kept per story (the snapshot's `recent`). */
  maxRecent: number;
  /** Entries kept per story in each list: figures, measures, government changes, other updates. */
  maxItemsPerList: number;
}

export const DEFAULT_STATE_LIMITS: StateLimits = {
  maxStories: 1000,
  maxRecent: 200,
  maxItemsPerList: 1000,
};
