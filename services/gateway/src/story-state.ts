/**
 * The story state a gateway hosts (docs/story-state.md): every update the
 * hub dispatches is folded into @newswire/story-state in the same call, so
 * at any moment between event-loop turns the state reflects exactly the
 * hub's positions. A snapshot taken at subscribe time and a subscription
 * registered in the same turn therefore meet with no gap and no duplicate.
 *
 * Durability without a database: changed stories are written to the
 * compacted topic `<prefix>.story-state` (every N updates or T ms), then a
 * checkpoint saying every update below its positions is in a snapshot. On
 * start the gateway loads the latest snapshot of every story, reads the
 * update topics again only from the checkpoint (lower where a snapshot is
 * not vouched for), and folds into a story only records past the positions
 * its snapshot reflects.
 */
import { createHash } from 'node:crypto';
import { Gauge, type Registry } from 'prom-client';
import type { KafkaPort, Sender } from '@newswire/kafka';
import type { Logger } from '@newswire/config';
import { parseAnyUpdate, type Update } from '@newswire/schema/v2';
import {
  CHECKPOINT_KEY,
  compareOffsets,
  decodeStateRecord,
  dominates,
  encodeCheckpoint,
  encodeSnapshot,
  partitionKey,
  StateStore,
  type Checkpoint,
  type Position,
  type StateLimits,
  type StorySnapshot,
} from '@newswire/story-state';
import type { Entry } from './entry.ts';
import { NULL_JSON, SnapshotCache, type SnapshotViewKind } from './snapshot-cache.ts';

export interface StoryStateOptions {
  limits: StateLimits;
  /** Snapshot every changed story after this many folded updates... */
  snapshotEvery: number;
  /** ...or after this long. */
  snapshotMs: number;
  /** `<prefix>.story-state`. */
  topic: string;
}

/** What a restart cost: the benchmark and /metrics read it. */
export interface RebuildStats {
  snapshotRecordsRead: number;
  snapshotsLoaded: number;
  invalidSnapshots: number;
  checkpoint: boolean;
  /** Per partition, where reading the update topics started again (absent: from the first record). */
  resumeFrom: Position[];
  /** Update records read (folded, or skipped as already reflected) until the start-time end of the log. */
  recordsRead: number;
  /** From the start of the snapshot load until the state reached the log end seen at start. */
  ms: number | null;
}

const SEND_CHUNK = 100;
/**
 * Uncompressed bytes of snapshots per send. Kafka refuses a record batch over
 * message.max.bytes (1 MB by default), checked after compression: snapshots
 * go gzip'd (JSON shrinks several times), in chunks of at most this much, and
 * a story larger than a chunk goes alone.
 */
const SEND_CHUNK_BYTES = 768 * 1024;
/** A flush yields to the event loop after encoding for this long, so live delivery is not held up. */
const ENCODE_SLICE_MS = 20;

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

export class StoryStateHost {
  readonly store: StateStore;
  /** Serialised views and recent updates per story, between its changes. */
  readonly cache = new SnapshotCache();
  /** Story -> digest of the snapshot last written or loaded for it. */
  private readonly digests = new Map<string, string>();
  private sinceFlush = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private sender: Sender | null = null;
  private resume = new Map<string, string>();
  private readonly started = Date.now();
  private stopped = false;
  readonly rebuild: RebuildStats = { snapshotRecordsRead: 0, snapshotsLoaded: 0, invalidSnapshots: 0, checkpoint: false, resumeFrom: [], recordsRead: 0, ms: null };
  /** Snapshots written and failed writes, for tests and metrics. */
  readonly writes = { snapshots: 0, checkpoints: 0, failures: 0 };

  constructor(
    private readonly kafka: KafkaPort,
    private readonly epoch: string,
    private readonly logger: Logger,
    private readonly opts: StoryStateOptions,
    /** The hub's positions over every served topic: what the state reflects. */
    private readonly positions: () => Position[],
    registry?: Registry,
  ) {
    this.store = new StateStore(opts.limits);
    if (registry) this.registerMetrics(registry);
  }

  // ---- start: load snapshots, decide where reading resumes ------------------------------

  /** Reads the snapshot topic to its end and loads the best snapshot of every story. */
  async load(): Promise<void> {
    const { kafka, opts } = this;
    // One partition: snapshots and the checkpoint after them stay in the order written.
    await kafka.ensureTopics([opts.topic], { partitions: 1, configs: { 'cleanup.policy': 'compact' } });
    const chosen = new Map<string, { snap: StorySnapshot; value: string }>();
    let checkpoint: Checkpoint | null = null;
    for (const p of await kafka.topicOffsets(opts.topic)) {
      if (p.high <= p.low) continue;
      await kafka.readRange([{ topic: opts.topic, partition: p.partition, from: p.low, to: p.high }], (batch) => {
        for (const r of batch.records) {
          this.rebuild.snapshotRecordsRead++;
          const key = r.key?.toString('utf8') ?? null;
          const decoded = decodeStateRecord(key, r.value);
          if (!decoded.ok) {
            this.rebuild.invalidSnapshots++;
            this.logger.warn({ offset: String(r.offset), key, error: decoded.error }, 'skipping a record of the story-state topic');
            continue;
          }
          const v = decoded.value;
          if (v.epoch !== this.epoch) continue; // positions of another log
          // Of two records for one key, the one at or past the other's positions wins; else the later.
          if (v.kind === 'checkpoint') {
            if (!checkpoint || dominates(v.positions, checkpoint.positions) || !dominates(checkpoint.positions, v.positions)) checkpoint = v;
          } else {
            const cur = chosen.get(v.story);
            if (!cur || dominates(v.positions, cur.snap.positions) || !dominates(cur.snap.positions, v.positions)) chosen.set(v.story, { snap: v, value: r.value!.toString('utf8') });
          }
        }
      });
    }
    for (const { snap, value } of [...chosen.values()].sort((a, b) => (a.snap.story < b.snap.story ? -1 : 1))) {
      if (this.store.size >= opts.limits.maxStories) break;
      this.store.load(snap);
      this.digests.set(snap.story, digest(value));
      this.rebuild.snapshotsLoaded++;
    }
    // Where to read the update topics again from: the checkpoint, lower for a snapshot it does not vouch for.
    const cp = checkpoint as Checkpoint | null;
    if (cp) {
      this.rebuild.checkpoint = true;
      const vouched = new Map(cp.stories);
      const resume = new Map(cp.positions.map((p) => [partitionKey(p.topic, p.partition), p.offset]));
      for (const { snap } of chosen.values()) {
        if (vouched.get(snap.story) === this.digests.get(snap.story) || dominates(snap.positions, cp.positions)) continue;
        for (const p of snap.positions) {
          const k = partitionKey(p.topic, p.partition);
          const cur = resume.get(k);
          if (cur === undefined || compareOffsets(p.offset, cur) < 0) resume.set(k, p.offset);
        }
      }
      this.resume = resume;
      this.rebuild.resumeFrom = cp.positions.map((p) => ({ ...p, offset: resume.get(partitionKey(p.topic, p.partition)) ?? p.offset }));
    }
    this.logger.info({ topic: opts.topic, snapshots: this.rebuild.snapshotsLoaded, records: this.rebuild.snapshotRecordsRead, checkpoint: this.rebuild.checkpoint }, 'story state loaded');
  }

  /**
   * The offset the live reader must start `topic/partition` at, at the latest,
   * for the state to miss nothing (0 without a checkpoint: the whole log). When
   * retention already removed records below it, stories first seen from now on
   * are marked partialHistory.
   */
  startFloor(topic: string, partition: number, low: number): number {
    const floor = Number(this.resume.get(partitionKey(topic, partition)) ?? '0');
    if (floor < low) this.store.partialLog = true;
    return floor;
  }

  /** Called once the live reader reached the log end seen at start. */
  markCaughtUp(): void {
    if (this.rebuild.ms === null) this.rebuild.ms = Date.now() - this.started;
  }

  // ---- folding -----------------------------------------------------------------------------

  /** Folds one dispatched entry (the hub's onDispatch: the same call as its dispatch). */
  onEntry(entry: Entry): void {
    if (this.rebuild.ms === null) this.rebuild.recordsRead++;
    const update = this.updateOf(entry);
    if (!update) return;
    const result = this.store.apply(update, { topic: entry.topic, partition: entry.partition, offset: String(entry.offset), ts: entry.ts });
    if (result !== 'applied') return;
    if (++this.sinceFlush >= this.opts.snapshotEvery) void this.flush();
  }

  /** The entry's update as v2: the frame holds it as validated at the edge (v1 records upcast here). */
  private updateOf(entry: Entry): Update | null {
    const u = (JSON.parse(entry.frame.toString('utf8')) as { update: { schema?: number } }).update;
    if (u.schema === 2) return u as Update;
    const r = parseAnyUpdate(u);
    return r.ok ? r.update : null;
  }

  // ---- snapshots ---------------------------------------------------------------------------

  start(): void {
    this.timer = setInterval(() => {
      if (this.store.dirtyCount > 0) void this.flush();
    }, this.opts.snapshotMs);
    this.timer.unref();
  }

  /**
   * Writes every changed story, then a checkpoint at the positions taken when
   * the flush began. A story is encoded at the positions of the moment it is
   * encoded (the flush yields between stories), which are at or past the
   * checkpoint's, so each snapshot is exact and the checkpoint stays true.
   * One flush at a time; a failed write puts its stories back as changed and
   * writes no checkpoint.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const checkpointAt = this.positions();
    const stories = this.store.takeDirty();
    this.sinceFlush = 0;
    this.flushing = this.write(stories, checkpointAt).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async write(stories: string[], checkpointAt: Position[]): Promise<void> {
    const { topic } = this.opts;
    const written = new Map<string, string>();
    try {
      this.sender ??= await this.kafka.openSender({ compression: 'gzip' });
      let pending: { story: string; value: string }[] = [];
      let pendingBytes = 0;
      let sliceStart = Date.now();
      for (const story of stories) {
        const state = this.store.get(story);
        if (!state) continue;
        const value = encodeSnapshot(state.toData(), this.positions(), this.epoch);
        if (pending.length > 0 && pendingBytes + value.length > SEND_CHUNK_BYTES) {
          await this.send(pending, written);
          pending = [];
          pendingBytes = 0;
        }
        pending.push({ story, value });
        pendingBytes += value.length;
        if (pending.length >= SEND_CHUNK || Date.now() - sliceStart > ENCODE_SLICE_MS) {
          await this.send(pending, written);
          pending = [];
          pendingBytes = 0;
          sliceStart = Date.now();
        }
      }
      await this.send(pending, written);
      for (const [story, d] of written) this.digests.set(story, d);
      const value = encodeCheckpoint(checkpointAt, [...this.digests.entries()].filter(([s]) => this.store.get(s)), this.epoch);
      await this.sender.send([{ topic, partition: 0, key: CHECKPOINT_KEY, value }]);
      this.writes.checkpoints++;
    } catch (err) {
      this.writes.failures++;
      this.store.markDirty(stories.filter((s) => !written.has(s)));
      if (!this.stopped) this.logger.warn({ err, stories: stories.length }, 'story snapshots not written; will try again');
    }
  }

  private async send(batch: { story: string; value: string }[], written: Map<string, string>): Promise<void> {
    if (batch.length === 0) return;
    await this.sender!.send(batch.map((b) => ({ topic: this.opts.topic, partition: 0, key: b.story, value: b.value })));
    for (const b of batch) written.set(b.story, digest(b.value));
    this.writes.snapshots += batch.length;
  }

  /** The snapshot bytes of a story at the hub's positions now (what a flush would write). */
  snapshotBytes(story: string): string | null {
    const state = this.store.get(story);
    return state ? encodeSnapshot(state.toData(), this.positions(), this.epoch) : null;
  }

  /**
   * The serialised parts of a snapshot frame of `story`: its view (the board,
   * or the whole view) and its `recent` most recent updates, as canonical JSON.
   * Synchronous, so the parts reflect exactly the hub's positions of this turn.
   * Computed once per change of the story and kept (see SnapshotCache), so a
   * request costs a copy of bytes, not a view.
   */
  snapshot(story: string, recent: number, view: SnapshotViewKind) {
    const state = this.store.get(story);
    const parts = state ? this.cache.parts(story, state) : null;
    return {
      tracked: !this.store.isUntracked(story),
      state: parts ? parts.view(view) : NULL_JSON,
      // slice(-0) would be every entry: ask for none, get none.
      recent: parts && recent > 0 ? parts.recent().slice(-recent) : [],
      partialHistory: state?.partialHistory ?? this.store.partialLog,
      building: this.rebuild.ms === null,
    };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    // Best effort: what was folded since the last flush is written now, so a restart reads less.
    if (this.store.dirtyCount > 0 || this.flushing) await this.flush();
    this.stopped = true;
    await this.sender?.close();
  }

  // ---- metrics -------------------------------------------------------------------------------

  private registerMetrics(registry: Registry): void {
    const host = this; // eslint-disable-line @typescript-eslint/no-this-alias
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({ name, help, registers: [registry], collect() { this.set(value()); } });
    gauge('newswire_gateway_state_stories', 'Stories held in the story state', () => host.store.size);
    gauge('newswire_gateway_state_rebuild_records', 'Update records read at start until the state reached the log end seen at start', () => host.rebuild.recordsRead);
    gauge('newswire_gateway_state_rebuild_seconds', 'Time from start until the state reached the log end seen at start (-1: not yet)', () => (host.rebuild.ms === null ? -1 : host.rebuild.ms / 1000));
    gauge('newswire_gateway_state_snapshots_loaded', 'Story snapshots loaded at start', () => host.rebuild.snapshotsLoaded);
    gauge('newswire_gateway_state_snapshots_written', 'Story snapshots written since start', () => host.writes.snapshots);
    gauge('newswire_gateway_state_views_derived', 'Story views derived for snapshot frames since start (once per change of a story that a client asked for)', () => host.cache.counts.derived);
    gauge('newswire_gateway_state_view_cache_bytes', 'Bytes of serialised boards, whole views and recent updates kept for snapshot frames', () => host.cache.bytes);
    gauge('newswire_gateway_state_untracked_records', 'Records of stories not held (past GATEWAY_STATE_MAX_STORIES)', () => host.store.counts.untracked);
  }
}
