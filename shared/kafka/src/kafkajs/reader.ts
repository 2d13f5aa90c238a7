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
 */
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '@newswire/config';
import { partitionKey } from '@newswire/schema';
import type { BatchHandler, FetchedBatch, KafkaRecord, OffsetRange, StartAt, TailHealth } from '../port.ts';
import { topicOffsets } from './admin.ts';
import { createInternalCluster, offsetOutOfRange, READ_COMMITTED, visibleRecords, type FetchResponse, type InternalCluster, type InternalRecord } from './internals.ts';

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

interface Cursor {
  topic: string;
  partition: number;
  next: bigint;
  to: bigint | undefined;
  done: boolean;
  /** Leader broker id; null until (re)learnt from metadata. */
  leader: number | null;
  lastHw: bigint | null;
}

const toRecord = (topic: string, partition: number, m: InternalRecord): KafkaRecord => ({
  topic,
  partition,
  offset: BigInt(m.offset),
  timestamp: Number(m.timestamp),
  key: m.key,
  value: m.value,
  headers: m.headers,
});

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
  private failures = 0;
  private failingSince: number | null = null;
  private readonly h: TailHealth = { state: 'starting', connected: false, partitions: 0, missingTopics: [], fetches: 0, lastFetchAt: null, lastError: null };
  private firstRoundDone = false;
  private readonly firstRoundWaiters: (() => void)[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly o: ReaderOptions,
  ) {}

  add(range: OffsetRange): void {
    const k = partitionKey(range.topic, range.partition);
    if (this.cursors.has(k)) throw new Error(`${range.topic}[${range.partition}] is named twice`);
    const done = range.to !== undefined && range.from >= range.to;
    this.cursors.set(k, { topic: range.topic, partition: range.partition, next: range.from, to: range.to, done, leader: null, lastHw: null });
  }

  health(): TailHealth {
    return { ...this.h, partitions: this.cursors.size, missingTopics: [...this.h.missingTopics] };
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
          this.reachedKafka();
        } catch (err) {
          this.failed(err);
          if (this.fatal !== undefined) break;
          await this.sleep(this.backoff());
          continue;
        }
        this.startLoops();
        if (this.activeCursors().length === 0) this.markFirstRound();
        // While a tailed topic is missing, look for it every second: it appears when someone creates it.
        const refreshMs = this.o.discover ? (this.h.missingTopics.length ? Math.min(1_000, this.o.discover.refreshMs) : this.o.discover.refreshMs) : 5_000;
        await this.waitForWake(refreshMs);
      }
    } finally {
      this.stopped = true;
      for (const s of this.sleepers) s();
      await Promise.allSettled([...this.loops.values()]);
      this.h.state = 'stopped';
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
      this.h.missingTopics = this.o.discover.topics.filter((t) => !existing.has(t));
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
      this.cursors.set(partitionKey(topic, partition), { topic, partition, next, to: undefined, done: false, leader: null, lastHw: null });
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
          topics: this.fetchTopics(wanted),
        });
      } catch (err) {
        const oor = offsetOutOfRange(err);
        if (oor && (await this.tryReset(oor.topic, oor.partition).catch(() => false))) continue;
        this.failed(err);
        // Leaders may have moved: the supervisor relearns them before these partitions are fetched again.
        for (const c of wanted) c.leader = null;
        await this.sleep(this.backoff());
        return;
      }
      this.succeeded();
      this.h.fetches++;
      this.h.lastFetchAt = Date.now();
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

  private fetchTopics(cursors: Cursor[]) {
    const byTopic = new Map<string, { partition: number; fetchOffset: string; maxBytes: number }[]>();
    for (const c of cursors) {
      let list = byTopic.get(c.topic);
      if (!list) byTopic.set(c.topic, (list = []));
      list.push({ partition: c.partition, fetchOffset: c.next.toString(), maxBytes: this.o.maxBytesPerPartition ?? 1024 * 1024 });
    }
    return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
  }

  private async deliver(response: FetchResponse, wanted: Set<Cursor>): Promise<void> {
    for (const t of response.responses) {
      for (const p of t.partitions) {
        const c = this.cursors.get(partitionKey(t.topicName, p.partition));
        if (!c || c.done || !wanted.has(c)) continue;
        const hw = BigInt(p.highWatermark);
        const { records, lastOffset } = visibleRecords(c.topic, c.next, p);
        let next = lastOffset !== null && lastOffset >= c.next ? lastOffset + 1n : c.next;
        let out = records.map((m) => toRecord(c.topic, c.partition, m));
        if (c.to !== undefined && next > c.to) {
          next = c.to;
          const to = c.to;
          out = out.filter((r) => r.offset < to);
        }
        if (out.length > 0 || next !== c.next || hw !== c.lastHw) {
          const batch: FetchedBatch = { topic: c.topic, partition: c.partition, records: out, highWatermark: hw, next };
          await this.serial(() => this.o.onBatch(batch));
        }
        c.next = next;
        c.lastHw = hw;
        if (c.to !== undefined && (next >= c.to || next >= hw)) c.done = true;
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
    c.next = o.low;
    c.lastHw = o.high;
    if (c.to !== undefined && (c.next >= c.to || c.next >= o.high)) c.done = true;
    return true;
  }

  /** A handler that throws ends the read (readRange rejects with its error; a tail stops and says why). */
  private handlerFailed(err: unknown): void {
    this.fatal = err;
    this.h.lastError = { message: err instanceof Error ? err.message : String(err), at: Date.now() };
    this.o.logger.error({ err }, 'batch handler failed; reading stops');
    this.stop();
  }

  private serial(fn: () => void | Promise<void>): Promise<void> {
    const run = this.chain.then(fn);
    this.chain = run.catch(() => {});
    return run;
  }

  /**
   * Metadata answered. That clears a failure only when there is nothing to
   * fetch: partitions that keep failing to fetch stay `retrying` (and a range
   * read still gives up) however well metadata works.
   */
  private reachedKafka(): void {
    this.h.connected = true;
    if (this.failures === 0 || this.activeCursors().length === 0) this.succeeded();
  }

  /** A fetch answered. */
  private succeeded(): void {
    this.failures = 0;
    this.failingSince = null;
    this.h.connected = true;
    if (this.h.state !== 'stopped') this.h.state = 'fetching';
  }

  private failed(err: unknown): void {
    this.failures++;
    this.failingSince ??= Date.now();
    const message = err instanceof Error ? err.message : String(err);
    this.h.connected = false;
    this.h.state = 'retrying';
    this.h.lastError = { message, at: Date.now() };
    this.o.logger.warn({ err: message, failures: this.failures }, 'kafka read failed; retrying');
    const giveUp = this.o.giveUpAfterMs;
    if (giveUp !== undefined && Date.now() - this.failingSince >= giveUp) {
      this.fatal = new Error(`reading from Kafka kept failing for ${giveUp} ms: ${message}`, { cause: err });
      this.stop();
    }
  }

  private backoff(): number {
    return Math.min(5_000, 100 * 2 ** Math.min(this.failures, 6));
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
