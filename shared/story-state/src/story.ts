/**
 * The state of one story: what `fold` keeps of its updates, bounded. The
 * views (figures, measures, timeline, corrections) are derived from it on
 * demand by view.ts; the state itself only collects, so folding one update
 * costs a few Map and array operations whatever the story's size.
 *
 * Deterministic: `toData()` depends only on the set of records folded (see
 * BoundedById), never on wall-clock time, Map iteration order or the order
 * in which different partitions were read.
 */
import type { Kind, Update } from '@newswire/schema/v2';
import { BoundedById } from './bounded.ts';
import { CATEGORIES, itemOf, type Category, type Item } from './item.ts';
import { DEFAULT_STATE_LIMITS, type StateLimits } from './limits.ts';
import { compareAt, type RecordAt } from './position.ts';

export const STATE_FORMAT = 1 as const;

/** One of the most recent updates, as published (v1 updates read as v2). */
export interface RecentUpdate {
  at: RecordAt;
  update: Update;
}

/** The plain-JSON form of a story state: what snapshots hold. */
export interface StoryStateData {
  format: typeof STATE_FORMAT;
  story: string;
  /** Records folded, duplicates included. */
  records: number;
  /** Records folded per kind. */
  kinds: Partial<Record<Kind, number>>;
  /** Ascending by position (compareAt). */
  items: Item[];
  /** The most recent updates, ascending by position. */
  recent: RecentUpdate[];
  /** Entries dropped past the bounds, per list. */
  dropped: Record<Category | 'recent', number>;
  /**
   * True when the fold started on a log that retention had already cut: the
   * story may have had updates that no gateway can read any more.
   */
  partialHistory: boolean;
}

export class StoryState {
  records = 0;
  readonly kinds = new Map<Kind, number>();
  private readonly lists: Record<Category, BoundedById<Item>>;
  private readonly categoryOfId = new Map<string, Category>();
  readonly recent: BoundedById<RecentUpdate>;

  constructor(
    readonly story: string,
    readonly limits: StateLimits = DEFAULT_STATE_LIMITS,
    public partialHistory = false,
  ) {
    const list = () => new BoundedById<Item>(limits.maxItemsPerList, (i) => i.id);
    this.lists = { figures: list(), measures: list(), government: list(), other: list() };
    this.recent = new BoundedById<RecentUpdate>(limits.maxRecent, (r) => r.update.id);
  }

  /** Folds one update of this story, read at `at`. */
  apply(update: Update, at: RecordAt): void {
    if (update.story !== this.story) throw new Error(`update ${update.id} is of story ${update.story}, not ${this.story}`);
    this.records++;
    this.kinds.set(update.kind, (this.kinds.get(update.kind) ?? 0) + 1);
    this.recent.offer({ at, update });
    this.addItem(itemOf(update, at));
  }

  private addItem(item: Item): void {
    const previous = this.categoryOfId.get(item.id);
    if (previous !== undefined) {
      const existing = this.lists[previous].get(item.id)!;
      // Of two records with one id, the later position stands (see BoundedById).
      if (compareAt(item.at, existing.at) <= 0) return;
      if (previous !== item.category) {
        this.lists[previous].delete(item.id);
        this.categoryOfId.delete(item.id);
      }
    }
    const { added, removed } = this.lists[item.category].offer(item);
    for (const r of removed) if (r.id !== item.id) this.categoryOfId.delete(r.id);
    if (added) this.categoryOfId.set(item.id, item.category);
    else if (!this.lists[item.category].get(item.id)) this.categoryOfId.delete(item.id); // too old to keep
  }

  /** Every kept item, ascending by position. */
  items(): Item[] {
    return CATEGORIES.flatMap((c) => this.lists[c].values()).sort((a, b) => compareAt(a.at, b.at));
  }

  toData(): StoryStateData {
    const kinds: Partial<Record<Kind, number>> = {};
    for (const k of [...this.kinds.keys()].sort()) kinds[k] = this.kinds.get(k)!;
    return {
      format: STATE_FORMAT,
      story: this.story,
      records: this.records,
      kinds,
      items: this.items(),
      recent: [...this.recent.values()],
      dropped: {
        figures: this.lists.figures.dropped,
        measures: this.lists.measures.dropped,
        government: this.lists.government.dropped,
        other: this.lists.other.dropped,
        recent: this.recent.dropped,
      },
      partialHistory: this.partialHistory,
    };
  }

  /** A state from its data (a snapshot). Items past today's bounds are dropped oldest first, as folding would. */
  static fromData(data: StoryStateData, limits: StateLimits = DEFAULT_STATE_LIMITS): StoryState {
    const s = new StoryState(data.story, limits, data.partialHistory);
    s.records = data.records;
    for (const [k, n] of Object.entries(data.kinds)) s.kinds.set(k as Kind, n);
    for (const item of data.items) s.addItem(item);
    for (const r of data.recent) s.recent.offer(r);
    s.lists.figures.dropped += data.dropped.figures;
    s.lists.measures.dropped += data.dropped.measures;
    s.lists.government.dropped += data.dropped.government;
    s.lists.other.dropped += data.dropped.other;
    s.recent.dropped += data.dropped.recent;
    return s;
  }
}
