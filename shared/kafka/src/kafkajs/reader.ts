/**
 * Group-less reading: the port's readRange and tail. Partitions are fetched
 * straight from their leaders (one fetch loop per leader broker, each with
 * a long poll), from positions newswire keeps itself; no consumer group is
 * joined, so a read starts at once on any Kafka and leaves nothing behind.
 *
 * A supervisor keeps the partition -> leader map fresh (and, for a tail,
 * finds topics and partitions that appear later); a fetch loop that fails
 * forgets its leaders and hands back to the supervisor, which refreshes the
 * metadata and starts loops again, with backoff. Handlers are called one at
 * a time across loops, and each loop waits for its handler before fetching
 * again, so a slow handler slows the read instead of piling up batches.
 *
 * What a fetched partition means for its position is in cursor.ts; the
 * health report and the failure streak (backoff, give-up) in read-health.ts.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '@newswire/config';
import { partitionKey } from '@newswire/schema';
import type { BatchHandler, FetchedBatch, OffsetRange, StartAt, TailHealth } from '../port.ts';
import { topicOffsets } from './admin.ts';
import { advance, fetchedBatch, fetchTopics, newCursor, type Cursor } from './cursor.ts';
import { createInternalCluster, offsetOutOfRange, READ_COMMITTED, type FetchResponse, type InternalCluster } from './internals.ts';
import { ReadHealth } from './read-health.ts';

export interface ReaderOptions {
  onBatch: BatchHandler;
  logger: Logger;
  maxWaitMs?: number;
  maxBytes?: number;
  maxBytesPerPartition?: number;
  wants?: (topic: string, partition: number) => boolean;
  /** Tail mode: follow these topics, finding partitions as they appear. */
  discover?: { topics: readonly string[]; startAt: (topic: string, partition: number) => StartAt; refreshMs: number };
  /** Range mode: give up after failing this long without a success. */
  giveUpAfterMs?: number;
}

export class GroupLessReader {
  private readonly cursors = new Map<string, Cursor>();
  private readonly loops = new Map<number, Promise<void>>();
  private cluster: InternalCluster | null = null;
  private stopped = false;
  private fatal: unknown = undefined;
  private chain: Promise<void> = Promise.resolve();
  private wakeSupervisor: (() => void) | null = null;
  private woken = false;
  private readonly sleepers = new Set<() => void>();
  private missingTopics: string[] = [];
  private readonly status: ReadHealth;
  private firstRoundDone = false;
  private readonly firstRoundWaiters: (() => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly o: ReaderOptions,
  ) {
    this.status = new ReadHealth(o.logger, o.giveUpAfterMs);
  }

  add(range: OffsetRange): void {
    const k = partitionKey(range.topic, range.partition);
    if (this.cursors.has(k)) throw new Error(`${range.topic}[${range.partition}] is named twice`);
    this.cursors.set(k, newCursor(range.topic, range.partition, range.from, range.to));
  }

  health(): TailHealth {
    return this.status.report(this.cursors.size, this.missingTopics);
  }

  firstRound(): Promise<void> {
    if (this.firstRoundDone) return Promise.resolve();
    return new Promise((resolve) => this.firstRoundWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.wake();
    for (const s of this.sleepers) s();
  }

  /** Runs until every range is done (range mode) or stop(); rejects on a handler error or when Kafka keeps failing. */
  async run(): Promise<void> {
    try {
      while (!this.stopped && this.fatal === undefined) {
        if (!this.o.discover && this.allDone()) break;
        try {
          await this.refresh();
          this.status.reachedKafka(this.activeCursors().length === 0);
        } catch (err) {
          this.failed(err);
          if (this.fatal !== undefined) break;
          await this.sleep(this.status.backoff());
          continue;
        }
        this.startLoops();
        if (this.activeCursors().length === 0) this.markFirstRound();
        // While a tailed topic is missing, look for it every second: it appears when someone creates it.
        const refreshMs = this.o.discover ? (this.missingTopics.length ? Math.min(1_000, this.o.discover.refreshMs) : this.o.discover.refreshMs) : 5_000;
        await this.waitForWake(refreshMs);
      }
    } finally {
      this.stopped = true;
      for (const s of this.sleepers) s();
      await Promise.allSettled([...this.loops.values()]);
      this.status.stopped();
      this.markFirstRound();
      const cluster = this.cluster;
      this.cluster = null;
      await cluster?.disconnect().catch(() => {});
    }
    if (this.fatal !== undefined) throw this.fatal;
  }

  private activeCursors(): Cursor[] {
    return [...this.cursors.values()].filter((c) => !c.done);
  }

  private allDone(): boolean {
    for (const c of this.cursors.values()) if (!c.done) return false;
    return true;
  }

  private async connectedCluster(): Promise<InternalCluster> {
    if (!this.cluster) {
      const cluster = createInternalCluster(this.kafka, { metadataMaxAge: this.o.discover?.refreshMs ?? 300_000 });
      await cluster.connect();
      this.cluster = cluster;
    }
    return this.cluster;
  }

  /** Learns every active partition's leader; in tail mode also finds topics and partitions. */
  private async refresh(): Promise<void> {
    const cluster = await this.connectedCluster();
    let topics: string[];
    if (this.o.discover) {
      const existing = new Set(await this.admin.listTopics());
      topics = this.o.discover.topics.filter((t) => existing.has(t));
      this.missingTopics = this.o.discover.topics.filter((t) => !existing.has(t));
      // A tailed topic that was deleted: forget its partitions (they start over if it comes back).
      for (const [k, c] of this.cursors) if (!existing.has(c.topic)) this.cursors.delete(k);
    } else {
      topics = [...new Set(this.activeCursors().map((c) => c.topic))];
      // kafkajs would retry metadata for a missing topic until the give-up time: say so at once.
      const existing = new Set(await this.admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length) {
        this.fatal = new Error(`cannot read ${missing.join(', ')}: no such topic`);
        this.stop();
        return;
      }
    }
    if (topics.length === 0) return;
    try {
      await cluster.addMultipleTargetTopics(topics);
      await cluster.refreshMetadata();
    } catch (err) {
      // kafkajs keeps asking for every topic it ever targeted; a deleted one fails every refresh. Start afresh.
      this.cluster = null;
      await cluster.disconnect().catch(() => {});
      throw err;
    }
    for (const topic of topics) {
      const partitions = cluster.findTopicPartitionMetadata(topic);
      if (this.o.discover) await this.discoverPartitions(topic, partitions.map((p) => p.partitionId));
      for (const p of partitions) {
        const c = this.cursors.get(partitionKey(topic, p.partitionId));
        if (c) c.leader = p.partitionErrorCode === 0 && p.leader >= 0 ? p.leader : null;
      }
      if (!this.o.discover) {
        const known = new Set(partitions.map((p) => p.partitionId));
        const absent = this.activeCursors().filter((c) => c.topic === topic && !known.has(c.partition));
        if (absent.length) {
          this.fatal = new Error(`cannot read ${absent.map((c) => `${topic}[${c.partition}]`).join(', ')}: no such partition`);
          this.stop();
          return;
        }
      }
    }
  }

  private async discoverPartitions(topic: string, partitions: number[]): Promise<void> {
    const fresh = partitions.filter((p) => !this.cursors.has(partitionKey(topic, p)));
    if (fresh.length === 0 || !this.o.discover) return;
    let offsets: Awaited<ReturnType<typeof topicOffsets>> | undefined;
    for (const partition of fresh) {
      const at = this.o.discover.startAt(topic, partition);
      let next: bigint;
      if (typeof at === 'bigint') next = at;
      else {
        offsets ??= await topicOffsets(this.admin, topic);
        const o = offsets.find((x) => x.partition === partition);
        if (!o) continue; // not visible to ListOffsets yet: next refresh
        next = at === 'earliest' ? o.low : o.high;
      }
      this.cursors.set(partitionKey(topic, partition), newCursor(topic, partition, next, undefined));
      this.o.logger.debug({ topic, partition, from: String(next) }, 'reading partition');
    }
  }

  private startLoops(): void {
    for (const c of this.activeCursors()) {
      if (c.leader === null || this.loops.has(c.leader)) continue;
      const nodeId = c.leader;
      this.loops.set(
        nodeId,
        this.fetchLoop(nodeId).finally(() => {
          this.loops.delete(nodeId);
          this.wake();
        }),
      );
    }
  }

  private async fetchLoop(nodeId: number): Promise<void> {
    while (!this.stopped && this.fatal === undefined) {
      const mine = this.activeCursors().filter((c) => c.leader === nodeId);
      if (mine.length === 0) return;
      const wanted = this.o.wants ? mine.filter((c) => this.o.wants!(c.topic, c.partition)) : mine;
      if (wanted.length === 0) {
        await this.sleep(25); // every partition of this leader is held back by its reader
        continue;
      }
      let response: FetchResponse;
      try {
        const broker = await (await this.connectedCluster()).findBroker({ nodeId: String(nodeId) });
        response = await broker.fetch({
          isolationLevel: READ_COMMITTED,
          maxWaitTime: this.o.maxWaitMs ?? 200,
          minBytes: 1,
          maxBytes: this.o.maxBytes ?? 8 * 1024 * 1024,
          topics: fetchTopics(wanted, this.o.maxBytesPerPartition ?? 1024 * 1024),
        });
      } catch (err) {
        const oor = offsetOutOfRange(err);
        if (oor && (await this.tryReset(oor.topic, oor.partition).catch(() => false))) continue;
        this.failed(err);
        // Leaders may have moved: the supervisor relearns them before these partitions are fetched again.
        for (const c of wanted) c.leader = null;
        await this.sleep(this.status.backoff());
        return;
      }
      this.status.fetched();
      try {
        await this.deliver(response, new Set(wanted));
      } catch (err) {
        this.handlerFailed(err);
        return;
      }
      this.markFirstRound();
      if (this.allDone()) this.wake();
    }
  }

  private async deliver(response: FetchResponse, wanted: Set<Cursor>): Promise<void> {
    for (const t of response.responses) {
      for (const p of t.partitions) {
        const c = this.cursors.get(partitionKey(t.topicName, p.partition));
        if (!c || c.done || !wanted.has(c)) continue;
        const { batch, next, hw } = fetchedBatch(c, p);
        if (batch) await this.serial(() => this.o.onBatch(batch));
        advance(c, next, hw);
      }
    }
  }

  /**
   * The fetch position is outside the log. Below the log start (retention)
   * or above its end (deleted and recreated): continue at the log start and
   * tell the handler. False when the position is valid after all (stale leader).
   */
  private async tryReset(topic: string, partition: number): Promise<boolean> {
    const c = this.cursors.get(partitionKey(topic, partition));
    if (!c) return false;
    const o = (await topicOffsets(this.admin, topic)).find((x) => x.partition === partition);
    if (!o || (c.next >= o.low && c.next <= o.high)) return false;
    const batch: FetchedBatch = { topic, partition, records: [], highWatermark: o.high, next: o.low, reset: { requested: c.next, available: o.low } };
    this.o.logger.debug({ topic, partition, requested: String(c.next), available: String(o.low) }, 'offset out of range; continuing at the log start');
    try {
      await this.serial(() => this.o.onBatch(batch));
    } catch (err) {
      this.handlerFailed(err);
      return true;
    }
    advance(c, o.low, o.high);
    return true;
  }

  /** A handler that throws ends the read (readRange rejects with its error; a tail stops and says why). */
  private handlerFailed(err: unknown): void {
    this.fatal = err;
    this.status.handlerFailed(err);
    this.o.logger.error({ err }, 'batch handler failed; reading stops');
    this.stop();
  }

  private serial(fn: () => void | Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => {});
    return run;
  }

  /** A failure the read retries, until ReadHealth says it has lasted too long. */
  private failed(err: unknown): void {
    const giveUp = this.status.failed(err);
    if (giveUp) {
      this.fatal = giveUp;
      this.stop();
    }
  }

  private markFirstRound(): void {
    if (this.firstRoundDone) return;
    this.firstRoundDone = true;
    for (const w of this.firstRoundWaiters.splice(0)) w();
  }

  /** Wakes the supervisor now, or at its next wait if it is busy (a wake is never lost). */
  private wake(): void {
    this.woken = true;
    this.wakeSupervisor?.();
  }

  private waitForWake(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSupervisor = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSupervisor = done;
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
