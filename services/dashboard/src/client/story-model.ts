/**
 * What the dashboard holds of one story:
 *  - the story state (@newswire/story-state, the same fold the gateway runs):
 *    from the gateway's snapshot when there is one, with every live update
 *    folded in after it; the totals, the board of measures and the
 *    government timeline are views of it;
 *  - the rows of the feed: the updates received (the snapshot's most recent
 *    ones, live ones, and older pages loaded on demand), each once, with
 *    corrections folded into the row they correct, ordered by event time.
 * Pure (no DOM), bounded, unit-tested.
 */
import type { Update } from '@newswire/schema/v2';
import { StoryState, compareOffsets, viewOf, type DrawnView, type Position, type RecordAt, type StoryStateData } from '@newswire/story-state';
import { rowTimes, type RowTimes } from './when.ts';

/** One received update and where it was read. */
export interface Received {
  update: Update;
  at: RecordAt;
}

/** One row of the feed: an update as first reported and what happened to it since. */
export interface Entry {
  /** Id of the update first reported (the row's identity). */
  id: string;
  original: Received;
  /** The version that stands: the last revision, else the original. */
  current: Update;
  /** Revising updates, oldest first. */
  revisions: Received[];
  /** The update that withdrew this one. */
  retraction?: Received;
  /** Set when this update corrects one the page does not hold (older than what is loaded). */
  orphanOf?: { id: string; action: 'revises' | 'retracts' };
  /** Times of the current version: the row sits at its event time. */
  times: RowTimes;
}

export const DEFAULT_MAX_ROWS = 5000;

/** A state as plain data (StoryStateData): it can be folded on. */
export function isStateData(x: unknown): x is StoryStateData {
  return typeof x === 'object' && x !== null && Array.isArray((x as { items?: unknown }).items) && Array.isArray((x as { recent?: unknown }).recent);
}

/** A state's view as the gateway derived it (its board, or the whole StoryView): shown as it is. */
export function isStoryView(x: unknown): x is DrawnView {
  return typeof x === 'object' && x !== null && typeof (x as { figures?: unknown }).figures === 'object' && Array.isArray((x as { measures?: unknown }).measures);
}

export class StoryModel {
  state: StoryState;
  readonly #received = new Map<string, Received>();
  #entries: Entry[] | null = null;
  #view: DrawnView | null = null;
  /** Per partition, the lowest offset of a row held: "load older" continues below it. */
  readonly #oldest = new Map<string, Position>();
  /** The snapshot's positions: nothing below them is missing from the state. */
  snapshotPositions: Position[] = [];
  /**
   * A view the gateway derived (a snapshot that carries the view, not the
   * state's data): shown as it is, and replaced by a fresh one after live
   * updates, since a view cannot be folded on.
   */
  #gatewayView: DrawnView | null = null;

  constructor(
    readonly story: string,
    private readonly maxRows = DEFAULT_MAX_ROWS,
  ) {
    this.state = new StoryState(story);
  }

  /**
   * Start from a snapshot: the state as the gateway holds it (its data, to
   * fold live updates on, or its view), and its most recent updates as rows.
   */
  loadSnapshot(state: StoryStateData | DrawnView | null, positions: readonly Position[], recent: readonly Received[]): void {
    this.snapshotPositions = [...positions];
    if (isStateData(state)) this.state = StoryState.fromData(state);
    else if (state !== null) this.#gatewayView = state;
    for (const r of recent) this.#addRow(r.update, r.at);
    this.#changed();
  }

  /** True when live updates are folded here; false when the gateway's view is shown (and refreshed). */
  get foldsLocally(): boolean {
    return this.#gatewayView === null;
  }

  /** A fresher view from the gateway. */
  setGatewayView(view: DrawnView): void {
    this.#gatewayView = view;
    this.#view = null;
  }

  /** A live update: folded into the state and shown as a row. Returns false for one already held. */
  applyLive(update: Update, at: RecordAt): boolean {
    if (update.story !== this.story) return false;
    if (this.#received.has(update.id)) return false;
    if (this.foldsLocally) this.state.apply(update, at);
    this.#addRow(update, at);
    this.#changed();
    return true;
  }

  /**
   * An older update paged in on demand: a row only. The state already
   * reflects it (the snapshot covers everything below its positions).
   */
  addOlder(update: Update, at: RecordAt): boolean {
    if (update.story !== this.story || this.#received.has(update.id)) return false;
    this.#addRow(update, at);
    this.#changed();
    return true;
  }

  has(id: string): boolean {
    return this.#received.has(id);
  }

  get size(): number {
    return this.#received.size;
  }

  /** Where "load older" starts: per partition, the offset of the oldest row held. */
  oldestPositions(): Position[] {
    return [...this.#oldest.values()];
  }

  view(): DrawnView {
    return (this.#view ??= this.#gatewayView ?? viewOf(this.state.toData()));
  }

  /** Feed rows, newest event first; rows whose event time is not given sit at their report time. */
  entries(): Entry[] {
    return (this.#entries ??= this.#buildEntries());
  }

  /** The IANA zone the story's times are given in (its latest report's), for reading a date the user types as the place's date. */
  zone(): string | undefined {
    let best: Received | undefined;
    for (const r of this.#received.values()) if (r.update.reported.zone && (!best || r.at.ts >= best.at.ts)) best = r;
    return best?.update.reported.zone;
  }

  /** Title of an update held in the state or the feed, for labels ("the Mirihana protest"). */
  headlineOf(id: string): string | undefined {
    return this.#received.get(id)?.update.headline ?? this.state.items().find((i) => i.id === id)?.headline;
  }

  #addRow(update: Update, at: RecordAt): void {
    if (this.#received.has(update.id)) return;
    this.#received.set(update.id, { update, at });
    const key = `${at.topic}:${at.partition}`;
    const cur = this.#oldest.get(key);
    if (!cur || compareOffsets(at.offset, cur.offset) < 0) this.#oldest.set(key, { topic: at.topic, partition: at.partition, offset: at.offset });
    this.#evict();
  }

  #changed(): void {
    this.#entries = null;
    this.#view = null;
  }

  /** Bounded: past maxRows the rows read first (lowest Kafka time) go. */
  #evict(): void {
    if (this.#received.size <= this.maxRows) return;
    const byTime = [...this.#received.values()].sort((a, b) => a.at.ts - b.at.ts);
    for (const r of byTime.slice(0, this.#received.size - this.maxRows)) this.#received.delete(r.update.id);
  }

  #buildEntries(): Entry[] {
    const all = [...this.#received.values()].sort((a, b) => a.at.ts - b.at.ts || compareOffsets(a.at.offset, b.at.offset));
    const entries = new Map<string, Entry>();
    const rootOf = new Map<string, string>();
    const pending: Received[] = [];
    for (const r of all) {
      const target = r.update.revises ?? r.update.retracts;
      if (target === undefined) {
        entries.set(r.update.id, { id: r.update.id, original: r, current: r.update, revisions: [], times: rowTimes(r.update) });
        rootOf.set(r.update.id, r.update.id);
      } else pending.push(r);
    }
    // Corrections in the order they were published: a correction of a correction lands on the same row.
    for (const r of pending) {
      const target = (r.update.revises ?? r.update.retracts)!;
      const root = rootOf.get(target);
      const e = root !== undefined ? entries.get(root) : undefined;
      if (!e) {
        const action = r.update.revises !== undefined ? 'revises' : 'retracts';
        entries.set(r.update.id, { id: r.update.id, original: r, current: r.update, revisions: [], orphanOf: { id: target, action }, times: rowTimes(r.update) });
        rootOf.set(r.update.id, r.update.id);
        continue;
      }
      rootOf.set(r.update.id, e.id);
      if (r.update.retracts !== undefined) e.retraction = r;
      else {
        e.revisions.push(r);
        e.current = r.update;
        // The row stays where the story puts it: at the corrected version's event time, not the correction's report time.
        e.times = { ...rowTimes(r.update), reported: e.times.reported };
      }
    }
    return [...entries.values()].sort(
      (a, b) => b.times.sortKey - a.times.sortKey || b.original.at.ts - a.original.at.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
}
