/**
 * The one live consumer of a gateway process. Fan-out, not work sharing:
 * every gateway uses a group id of its own (host, pid, random), so it is the
 * only member of its group and is assigned every partition; on real Kafka and
 * on the dev broker alike two gateways each read everything. Correctness does
 * not depend on the group's committed offsets at all (autoCommit off): the
 * hub's `next` per partition is the truth, and after every (re)join each
 * partition is sought to it. Partitions found later (topic grew) have no
 * `next` yet and start at the earliest offset, which for a new partition is
 * everything it ever held. A low metadataMaxAge makes kafkajs notice new
 * partitions and rejoin within seconds.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { createConsumer, ensureTopics } from '@newswire/kafka';
import { type Logger } from '@newswire/config';
import { entryFromRecord } from './entry.ts';
import type { FanoutHub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';

export interface LiveConsumerOptions {
  kafka: Kafka;
  admin: Admin;
  topics: readonly string[];
  hub: FanoutHub;
  epoch: string;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Partitions for topics the gateway has to create (they did not exist). */
  createPartitions: number;
  /** Records behind the high watermark still considered "caught up" for /readyz. */
  readyLag?: number;
  /** Records per partition read back at start to fill the memory window. */
  warmEntries?: number;
}

export class LiveConsumer {
  private consumer: Consumer | null = null;
  private joined = false;
  private fetchedSinceJoin = false;
  private running = false;
  private crashed: string | null = null;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly warmTargets: { topic: string; partition: number; high: number }[] = [];

  constructor(private readonly o: LiveConsumerOptions) {}

  readiness(): { ready: boolean; joined: boolean; fetched: boolean; running: boolean; lag: number; crashed: string | null } {
    const lag = this.o.hub.lag();
    const ready = this.running && this.joined && this.fetchedSinceJoin && lag <= (this.o.readyLag ?? 1000);
    return { ready, joined: this.joined, fetched: this.fetchedSinceJoin, running: this.running, lag, crashed: this.crashed };
  }

  async start(): Promise<void> {
    const { admin, topics, hub } = this.o;
    await ensureTopics(admin, topics, this.o.createPartitions);
    // Start at the end: capture the high watermarks BEFORE consuming, so the
    // hub knows exactly where live begins. With warmEntries > 0 it starts that
    // many records earlier to fill the memory window before clients connect,
    // so resumes right after a restart are served from memory.
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const high = Number(p.high);
        const start = Math.max(Number(p.low), high - (this.o.warmEntries ?? 0));
        hub.ensurePartition(topic, p.partition, start, high);
        this.warmTargets.push({ topic, partition: p.partition, high });
      }
    }
    const groupId = `newswire-gateway-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    const consumer = createConsumer(this.o.kafka, {
      groupId,
      maxWaitTimeInMs: 200,
      // Small fetches: one fetch is dispatched in one event-loop turn, so its
      // size is the largest burst a socket sees at once; it must stay well
      // under the per-connection send bound or healthy clients would be cut.
      maxBytes: 1024 * 1024,
      maxBytesPerPartition: 256 * 1024,
      metadataMaxAge: 10_000,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 1000, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    this.consumer = consumer;
    const { GROUP_JOIN, FETCH, CRASH, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, (e) => {
      // Synchronous, before the first fetch of this generation: seek every
      // known partition to the hub's next offset.
      for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) {
        for (const partition of partitions) {
          const st = hub.partition(topic, partition);
          if (st) consumer.seek({ topic, partition, offset: String(st.next) });
        }
      }
      this.joined = true;
      this.fetchedSinceJoin = false;
      this.o.logger.info({ groupId, assignment: e.payload.memberAssignment }, 'live consumer joined');
    });
    consumer.on(FETCH, () => {
      if (!this.fetchedSinceJoin) {
        this.fetchedSinceJoin = true;
        for (const w of this.readyWaiters.splice(0)) w();
      }
    });
    consumer.on(CRASH, (e) => {
      this.crashed = String(e.payload.error?.message ?? e.payload.error);
      this.joined = false;
      this.o.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'live consumer crashed');
    });
    consumer.on(STOP, () => {
      this.running = false;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.onBatch(payload) });
    this.running = true;
  }

  /** Resolves after the first fetch since the last join (or after timeoutMs). */
  waitForFirstFetch(timeoutMs: number): Promise<void> {
    if (this.fetchedSinceJoin) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
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

  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const { hub, epoch, metrics, logger } = this.o;
    const { topic, partition } = batch;
    const hw = Number(batch.highWatermark);
    let st = hub.partition(topic, partition);
    if (!st) {
      // A partition that appeared after start: everything it holds is new.
      const first = batch.messages[0] ? Number(batch.messages[0].offset) : hw;
      st = hub.ensurePartition(topic, partition, first, hw);
      logger.info({ topic, partition, from: first }, 'new partition');
    }
    if (hw < st.next) {
      // The log is shorter than what we already delivered: the topic was recreated.
      logger.warn({ topic, partition, next: st.next, hw }, 'partition log was reset; restarting it from its first record');
      const first = batch.messages[0] ? Number(batch.messages[0].offset) : 0;
      hub.resetPartition(st, first);
    }
    st.hw = Math.max(hw, st.next);
    const counter = metrics.updatesIn.labels(topic);
    for (const m of batch.messages) {
      const offset = Number(m.offset);
      if (offset < st.next) continue;
      if (offset > st.next) logger.warn({ topic, partition, expected: st.next, got: offset }, 'offset gap in the live stream');
      const entry = entryFromRecord({ topic, partition, offset, timestamp: m.timestamp, value: m.value, headers: m.headers }, epoch);
      if (entry) counter.inc();
      else metrics.invalidIn.inc();
      hub.ingest(st, offset, entry);
    }
    metrics.consumerLag.labels(topic, String(partition)).set(Math.max(0, st.hw - st.next));
  }

  async stop(): Promise<void> {
    const c = this.consumer;
    this.consumer = null;
    this.running = false;
    if (c) await c.disconnect().catch(() => {});
  }
}
