/**
 * The one live reader of a gateway process: a tail of the Kafka port over
 * every partition of the served topics. Fan-out, not work sharing: a gateway
 * needs every partition, so it joins no consumer group (no rebalance, no
 * group.initial.rebalance.delay.ms at start) and two gateways each read
 * everything. The hub's `next` per partition is the truth: the tail starts
 * each partition there, and partitions found later (a topic created or grown
 * while running) start at their first record, since all they hold is new.
 *
 * The gateway creates no topics: a served topic that does not exist yet is
 * reported (log and /readyz) and read from its start once someone creates
 * it (`newswire topics create`, `newswire start`, or a publisher).
 */
import type { FetchedBatch, KafkaPort, Tail, TailHealth } from '@newswire/kafka';
import { type Logger } from '@newswire/config';
import { entryFromRecord } from './entry.ts';
import type { FanoutHub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';

export interface LiveConsumerOptions {
  kafka: KafkaPort;
  topics: readonly string[];
  hub: FanoutHub;
  epoch: string;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Records behind the high watermark still considered "caught up" for /readyz. */
  readyLag?: number;
  /**
   * Not ready when the last completed fetch is older than this. A healthy
   * tail completes a fetch at least every maxWaitMs (200 ms) per broker; a
   * broker that is frozen or partitioned away answers nothing and closes
   * nothing, so the age of the last fetch is the only sign. Default 5 s.
   */
  readyStaleMs?: number;
  /** Records per partition read back at start to fill the memory window. */
  warmEntries?: number;
  /**
   * The story state's floor: each partition starts at this offset at the
   * latest (still never below the log start), so the state misses nothing
   * since its checkpoint (services/gateway/src/story-state.ts).
   */
  startFloor?: (topic: string, partition: number, low: number) => number;
  /** How often to look for served topics and partitions that appeared. Default 10 s. */
  metadataRefreshMs?: number;
}


export interface Readiness {
  ready: boolean;
  /** The tail's state: starting, fetching (last round reached Kafka), retrying (see lastError), stopped. */
  state: TailHealth['state'];
  connected: boolean;
  partitions: number;
  /** Served topics that do not exist: the gateway waits for them. */
  missingTopics: string[];
  lag: number;
  lastFetchAt: string | null;
  /** Milliseconds since the last completed fetch (null before the first): past readyStaleMs, not ready. */
  lastFetchAgeMs: number | null;
  lastError: { message: string; at: string } | null;
}

export class LiveConsumer {
  private tail: Tail | null = null;
  private readonly warmTargets: { topic: string; partition: number; high: number }[] = [];
  private reportedMissing = '';

  constructor(private readonly o: LiveConsumerOptions) {}

  readiness(): Readiness {
    const lag = this.o.hub.lag();
    const h: TailHealth = this.tail?.health() ?? { state: 'starting', connected: false, partitions: 0, missingTopics: [], fetches: 0, lastFetchAt: null, lastError: null };
    // A fetch long-polls for at most 200 ms: a tail that completed none for a while is stuck, whatever it last said.
    const age = h.lastFetchAt === null ? null : Date.now() - h.lastFetchAt;
    const fresh = age !== null && age < (this.o.readyStaleMs ?? 5_000);
    const ready = h.state === 'fetching' && h.connected && fresh && h.missingTopics.length === 0 && lag <= (this.o.readyLag ?? 1000);
    return {
      ready,
      state: h.state,
      connected: h.connected,
      partitions: h.partitions,
      missingTopics: h.missingTopics,
      lag,
      lastFetchAt: h.lastFetchAt === null ? null : new Date(h.lastFetchAt).toISOString(),
      lastFetchAgeMs: age,
      lastError: h.lastError && { message: h.lastError.message, at: new Date(h.lastError.at).toISOString() },
    };
  }

  async start(): Promise<void> {
    const { kafka, topics, hub, logger } = this.o;
    // Start at the end: capture the high watermarks BEFORE reading, so the
    // hub knows exactly where live begins. With warmEntries > 0 it starts that
    // many records earlier to fill the memory window before clients connect,
    // so resumes right after a restart are served from memory.
    const missing: string[] = [];
    for (const topic of topics) {
      const offsets = await kafka.topicOffsets(topic);
      if (offsets.length === 0) missing.push(topic);
      for (const p of offsets) {
        const high = Number(p.high);
        const low = Number(p.low);
        const warmStart = Math.max(low, high - (this.o.warmEntries ?? 0));
        const start = this.o.startFloor ? Math.max(low, Math.min(warmStart, this.o.startFloor(topic, p.partition, low))) : warmStart;
        hub.ensurePartition(topic, p.partition, start, high);
        this.warmTargets.push({ topic, partition: p.partition, high });
      }
    }
    this.reportMissing(missing);
    this.tail = kafka.tail({
      topics,
      startAt: (topic, partition) => {
        const st = hub.partition(topic, partition);
        return st ? BigInt(st.next) : 'earliest';
      },
      onBatch: (batch) => this.onBatch(batch),
      maxWaitMs: 200,
      // Small fetches: one fetch is dispatched in one event-loop turn, so its
      // size is the largest burst a socket sees at once; it must stay well
      // under the per-connection send bound or healthy clients would be cut.
      maxBytes: 1024 * 1024,
      maxBytesPerPartition: 256 * 1024,
      metadataRefreshMs: this.o.metadataRefreshMs ?? 10_000,
    });
    logger.info({ topics, partitions: this.warmTargets.length }, 'live tail started');
  }

  /** Logs the served topics that do not exist, once per change of the list. */
  private reportMissing(missing: readonly string[]): void {
    const key = missing.join(',');
    if (key === this.reportedMissing) return;
    this.reportedMissing = key;
    if (missing.length) {
      this.o.logger.warn({ missing }, `served topics do not exist: ${missing.join(', ')}; the gateway is not ready until they do (create them with \`newswire topics create\`)`);
    } else this.o.logger.info('every served topic exists');
  }

  /** Resolves after the tail's first round that reached Kafka (or after timeoutMs). */
  async waitForFirstFetch(timeoutMs: number): Promise<void> {
    if (!this.tail) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.tail.firstRound(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** True once every partition reached the high watermark it had at start. */
  warmedUp(): boolean {
    return this.warmTargets.every((t) => (this.o.hub.partition(t.topic, t.partition)?.next ?? 0) >= t.high);
  }

  /** Waits (bounded) until the warm-up read back to the start-time high watermarks. */
  async waitWarm(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.warmedUp()) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  private onBatch(batch: FetchedBatch): void {
    const { hub, epoch, metrics, logger } = this.o;
    const { topic, partition } = batch;
    if (this.reportedMissing) this.reportMissing(this.tail?.health().missingTopics ?? []);
    const hw = Number(batch.highWatermark);
    let st = hub.partition(topic, partition);
    if (!st) {
      // A partition that appeared after start: everything it holds is new.
      const first = batch.records[0] ? Number(batch.records[0].offset) : Number(batch.next);
      st = hub.ensurePartition(topic, partition, first, hw);
      logger.info({ topic, partition, from: first }, 'new partition');
    }
    if (batch.reset) {
      const available = Number(batch.reset.available);
      if (batch.reset.requested > batch.highWatermark) {
        // The log is shorter than what we already delivered: the topic was recreated.
        logger.warn({ topic, partition, next: st.next, hw }, 'partition log was reset; restarting it from its first record');
        hub.resetPartition(st, available);
      } else {
        logger.warn({ topic, partition, expected: st.next, got: available }, 'records were removed by retention before the gateway read them');
      }
    }
    st.hw = Math.max(hw, st.next);
    const counter = metrics.updatesIn.labels(topic);
    for (const r of batch.records) {
      const offset = Number(r.offset);
      if (offset < st.next) continue;
      if (offset > st.next) logger.warn({ topic, partition, expected: st.next, got: offset }, 'offset gap in the live stream');
      const entry = entryFromRecord(r, epoch);
      if (entry) counter.inc();
      else metrics.invalidIn.inc();
      hub.ingest(st, offset, entry);
    }
    st.hw = Math.max(st.hw, st.next);
    metrics.consumerLag.labels(topic, String(partition)).set(Math.max(0, st.hw - st.next));
  }

  async stop(): Promise<void> {
    await this.tail?.stop();
  }
}
