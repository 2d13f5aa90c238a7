/**
 * Every story's state, as one gateway holds it. `apply` is called for every
 * record read, in partition order; a story loaded from a snapshot ignores
 * records at positions its snapshot already reflects (exactly once per
 * story), whatever position the reader restarted from.
 */
import type { Update } from '@newswire/schema/v2';
import { DEFAULT_STATE_LIMITS, type StateLimits } from './limits.ts';
import { compareOffsets, partitionKey, positionMap, type Position, type RecordAt } from './position.ts';
import type { StorySnapshot } from './snapshot.ts';
import { StoryState } from './story.ts';
import { viewOf, type StoryView } from './view.ts';

export type ApplyResult = 'applied' | 'reflected' | 'untracked';

/** Untracked story ids remembered, so a request for one is told so. Bounded. */
const MAX_UNTRACKED_IDS = 10_000;

export class StateStore {
  private readonly stories = new Map<string, StoryState>();
  /** Per story loaded from a snapshot: the positions it reflects (partition key -> next offset). */
  private readonly floors = new Map<string, Map<string, string>>();
  private readonly untracked = new Set<string>();
  /** Stories changed since the caller last took them (takeDirty). */
  private dirty = new Set<string>();
  /** Records applied, skipped as reflected, and of untracked stories. */
  readonly counts = { applied: 0, reflected: 0, untracked: 0 };
  /**
   * Set when the reader starts on a log that retention already cut (and no
   * checkpoint covers what is gone): stories first seen from then on are
   * marked partialHistory.
   */
  partialLog = false;

  constructor(readonly limits: StateLimits = DEFAULT_STATE_LIMITS) {}

  get size(): number {
    return this.stories.size;
  }

  storyIds(): string[] {
    return [...this.stories.keys()].sort();
  }

  get(story: string): StoryState | undefined {
    return this.stories.get(story);
  }

  isUntracked(story: string): boolean {
    return this.untracked.has(story);
  }

  /** Loads a story from its snapshot (replacing what was held). */
  load(snap: StorySnapshot): void {
    this.stories.set(snap.story, StoryState.fromData(snap.state, this.limits));
    this.floors.set(snap.story, positionMap(snap.positions));
    this.untracked.delete(snap.story);
  }

  /** Folds one update read at `at`. */
  apply(update: Update, at: RecordAt): ApplyResult {
    const floor = this.floors.get(update.story);
    if (floor) {
      const reflected = floor.get(partitionKey(at.topic, at.partition));
      if (reflected !== undefined && compareOffsets(at.offset, reflected) < 0) {
        this.counts.reflected++;
        return 'reflected';
      }
    }
    let state = this.stories.get(update.story);
    if (!state) {
      if (this.stories.size >= this.limits.maxStories) {
        this.counts.untracked++;
        if (this.untracked.size < MAX_UNTRACKED_IDS) this.untracked.add(update.story);
        return 'untracked';
      }
      state = new StoryState(update.story, this.limits, this.partialLog);
      this.stories.set(update.story, state);
    }
    state.apply(update, at);
    this.dirty.add(update.story);
    this.counts.applied++;
    return 'applied';
  }

  /** Stories changed since the last call, sorted; the set starts empty again. */
  takeDirty(): string[] {
    const out = [...this.dirty].sort();
    this.dirty = new Set();
    return out;
  }

  /** Puts stories back as changed (a snapshot write failed). */
  markDirty(stories: Iterable<string>): void {
    for (const s of stories) if (this.stories.has(s)) this.dirty.add(s);
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }

  view(story: string): StoryView | undefined {
    const s = this.stories.get(story);
    return s ? viewOf(s.toData()) : undefined;
  }
}

/** The floor positions of a set of snapshots, for tests and tools: per partition, the lowest. */
export function lowestPositions(snapshots: readonly { positions: readonly Position[] }[]): Position[] {
  const low = new Map<string, Position>();
  for (const s of snapshots)
    for (const p of s.positions) {
      const k = partitionKey(p.topic, p.partition);
      const cur = low.get(k);
      if (!cur || compareOffsets(p.offset, cur.offset) < 0) low.set(k, p);
    }
  return [...low.values()];
}
