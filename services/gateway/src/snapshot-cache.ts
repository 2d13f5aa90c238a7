/**
 * The serialised parts of story snapshots, kept between a story's changes:
 * its board (what a dashboard draws), its whole view when someone asked for
 * it, and its recent updates, each as canonical JSON bytes. A story's view is
 * derived from its whole state (every figure, measure, change kept), which
 * costs far more than sending bytes: with this, a story costs one derivation
 * per change, however many clients open it, and a request only copies bytes.
 *
 * Canonical JSON (sorted keys) because a state loaded from a snapshot and one
 * folded from the log hold the same values with keys in another order: two
 * gateways at the same positions send the same bytes.
 *
 * Bounded: past MAX_CACHED_BYTES the least recently used stories go (and are
 * derived again when next asked).
 */
import { boardOf, canonicalJson, viewOf, type StoryState } from '@newswire/story-state';

export type SnapshotViewKind = 'board' | 'full';

export const NULL_JSON = Buffer.from('null');

/** Bytes of serialised parts kept for every story together. */
export const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** The serialised parts of one story at one version; each derived on first use. */
export class StoryParts {
  #board: Buffer | null = null;
  #full: Buffer | null = null;
  #recent: Buffer[] | null = null;
  #view: ReturnType<typeof viewOf> | null = null;

  constructor(
    readonly state: StoryState,
    /** The story's records folded when these parts were made: a fold changes it. */
    readonly records: number,
    private readonly grew: (parts: StoryParts, bytes: number) => void,
  ) {}

  view(kind: SnapshotViewKind): Buffer {
    if (kind === 'full') return (this.#full ??= this.#keep(Buffer.from(canonicalJson(this.#wholeView()))));
    return (this.#board ??= this.#keep(Buffer.from(canonicalJson(boardOf(this.#wholeView())))));
  }

  /** Each recent update as a snapshot frame holds it, oldest first. */
  recent(): readonly Buffer[] {
    if (!this.#recent) {
      const list = this.state.recent.values().map((r) => Buffer.from(canonicalJson({ topic: r.at.topic, partition: r.at.partition, offset: r.at.offset, ts: r.at.ts, update: r.update })));
      this.#keep(...list);
      this.#recent = list;
    }
    return this.#recent;
  }

  get bytes(): number {
    return (this.#board?.length ?? 0) + (this.#full?.length ?? 0) + (this.#recent ?? []).reduce((n, b) => n + b.length, 0);
  }

  #wholeView() {
    return (this.#view ??= viewOf(this.state.toData()));
  }

  #keep<T extends Buffer>(...bufs: T[]): T {
    this.grew(this, bufs.reduce((n, b) => n + b.length, 0));
    return bufs[0]!;
  }
}

export class SnapshotCache {
  /** Story -> parts; Map order is use order (least recent first). */
  readonly #stories = new Map<string, StoryParts>();
  #bytes = 0;
  /** Derivations and hits, for tests and the benchmark. */
  readonly counts = { derived: 0, hits: 0 };

  constructor(private readonly maxBytes = MAX_CACHED_BYTES) {}

  /** The parts of `story` as `state` holds it now (new ones after any fold since the last call). */
  parts(story: string, state: StoryState): StoryParts {
    const cur = this.#stories.get(story);
    this.#stories.delete(story);
    if (cur && cur.state === state && cur.records === state.records) {
      this.counts.hits++;
      this.#stories.set(story, cur);
      return cur;
    }
    if (cur) this.#bytes -= cur.bytes;
    this.counts.derived++;
    const parts = new StoryParts(state, state.records, (p, n) => this.#grew(story, p, n));
    this.#stories.set(story, parts);
    return parts;
  }

  get bytes(): number {
    return this.#bytes;
  }

  #grew(story: string, parts: StoryParts, n: number): void {
    if (this.#stories.get(story) !== parts) return; // replaced or evicted meanwhile: not counted, not kept
    this.#bytes += n;
    // The parts just made stay (they are being sent); older stories make room.
    for (const [story, parts] of this.#stories) {
      if (this.#bytes <= this.maxBytes || this.#stories.size <= 1) break;
      this.#bytes -= parts.bytes;
      this.#stories.delete(story);
    }
  }
}
