/**
 * The dashboard's model of a story: every update received, once, with
 * corrections and retractions folded into the update they replace. The feed,
 * the tallies and the timeline are all computed from `effective()`, so a
 * retracted figure disappears from the tally and a corrected one replaces
 * the old one everywhere. Pure (no DOM), bounded, unit-tested.
 */
import type { Update } from '@newswire/schema';

/** One row of the feed: an original update and what happened to it since. */
export interface Entry {
  /** Id of the original update (the row's identity). */
  id: string;
  original: Update;
  /** The latest version: the last revision, else the original. */
  current: Update;
  /** Revising updates, oldest first. */
  revisions: Update[];
  /** The update that withdrew this one, if any. */
  retraction?: Update;
  /** Set when this update revises or retracts one we never received (filtered out or no longer retained). */
  orphanOf?: { id: string; action: 'revises' | 'retracts' };
  /** Arrival order of the original. */
  seq: number;
  /** Arrival order of the last change (revision or retraction). */
  changedSeq: number;
}

export type ApplyResult = 'added' | 'revised' | 'retracted' | 'duplicate';

export const DEFAULT_MAX_ENTRIES = 2000;

export class FeedStore {
  readonly #entries = new Map<string, Entry>();
  /** Every update id we hold (originals, revisions, retractions) -> the id of its entry. */
  readonly #rootOf = new Map<string, string>();
  #seq = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Has an update with this id been applied (as an original, revision or retraction)? */
  has(id: string): boolean {
    return this.#rootOf.has(id);
  }

  apply(u: Update): ApplyResult {
    if (this.#rootOf.has(u.id)) return 'duplicate';
    const seq = ++this.#seq;
    const targetId = u.revises ?? u.retracts;
    const rootId = targetId !== undefined ? this.#rootOf.get(targetId) : undefined;
    const target = rootId !== undefined ? this.#entries.get(rootId) : undefined;
    if (target) {
      this.#rootOf.set(u.id, target.id);
      target.changedSeq = seq;
      if (u.retracts !== undefined) {
        target.retraction = u;
        return 'retracted';
      }
      target.revisions.push(u);
      target.current = u;
      return 'revised';
    }
    const entry: Entry = { id: u.id, original: u, current: u, revisions: [], seq, changedSeq: seq };
    if (u.revises !== undefined) entry.orphanOf = { id: u.revises, action: 'revises' };
    if (u.retracts !== undefined) entry.orphanOf = { id: u.retracts, action: 'retracts' };
    this.#entries.set(u.id, entry);
    this.#rootOf.set(u.id, u.id);
    this.#evict();
    return 'added';
  }

  /** The entry an update id belongs to (original, revision or retraction id). */
  entryOf(id: string): Entry | undefined {
    const root = this.#rootOf.get(id);
    return root !== undefined ? this.#entries.get(root) : undefined;
  }

  /** Feed order: newest first by the time it was reported, then by arrival. */
  entries(): Entry[] {
    return [...this.#entries.values()].sort(
      (a, b) => reportedMs(b.original) - reportedMs(a.original) || b.seq - a.seq,
    );
  }

  /**
   * The facts as they stand: the current version of every update that was
   * not retracted. An orphan retraction withdraws something we never had, so
   * it contributes no facts either.
   */
  effective(): Update[] {
    const out: Update[] = [];
    for (const e of this.#entries.values()) {
      if (e.retraction || e.orphanOf?.action === 'retracts') continue;
      out.push(e.current);
    }
    return out;
  }

  /** Story ids present, sorted. */
  stories(): string[] {
    return [...new Set([...this.#entries.values()].map((e) => e.original.story))].sort();
  }

  clear(): void {
    this.#entries.clear();
    this.#rootOf.clear();
  }

  /** Forget one story (before replaying it). */
  clearStory(story: string): void {
    for (const [id, e] of this.#entries) {
      if (e.original.story === story) this.#drop(id, e);
    }
  }

  #drop(id: string, e: Entry): void {
    this.#entries.delete(id);
    this.#rootOf.delete(e.id);
    for (const r of e.revisions) this.#rootOf.delete(r.id);
    if (e.retraction) this.#rootOf.delete(e.retraction.id);
  }

  /** Bounded: past maxEntries the entries that arrived first go. */
  #evict(): void {
    while (this.#entries.size > this.maxEntries) {
      const first = this.#entries.entries().next();
      if (first.done) return;
      this.#drop(first.value[0], first.value[1]);
    }
  }
}

export function reportedMs(u: Update): number {
  const t = Date.parse(u.reportedAt);
  return Number.isNaN(t) ? 0 : t;
}
