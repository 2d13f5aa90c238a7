/**
 * Reads offset ranges of partitions from Kafka for catch-up and replay.
 * Each read is a short-lived kafkajs consumer in a group of its own, seeking
 * each wanted partition to its start on every join and pausing partitions
 * as they reach their end. A semaphore bounds how many run at once; the
 * rest wait their turn (the subscription stays in catch-up meanwhile).
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { createConsumer } from '@newswire/kafka';
import { type Logger } from '@newswire/config';
import { entryFromRecord, partitionKey, type Entry } from './entry.ts';
import type { GatewayMetrics } from './metrics.ts';
import { Semaphore } from './semaphore.ts';

export interface ReplayRange {
  topic: string;
  partition: number;
  /** First offset wanted. */
  from: number;
  /** First offset NOT wanted. */
  to: number;
}

export interface ReplayHandlers {
  /** Every record in order; entry null = not a valid update (skipped). May wait (pacing). */
  onRecord(range: ReplayRange, offset: number, entry: Entry | null): Promise<void>;
  /** The log no longer holds [requested, available): retention removed it. */
  onGap(range: ReplayRange, requested: number, available: number): void;
}

export class ReplayAbortedError extends Error {}

interface RangeState {
  range: ReplayRange;
  next: number;
  done: boolean;
}

export class ReplayReader {
  private readonly sem: Semaphore;

  constructor(
    private readonly kafka: Kafka,
    private readonly epoch: string,
    private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
    concurrency: number,
    /** Give up when a replay makes no progress for this long. */
    private readonly idleTimeoutMs = 60_000,
  ) {
    this.sem = new Semaphore(concurrency);
  }

  async read(ranges: ReplayRange[], h: ReplayHandlers, signal: AbortSignal): Promise<void> {
    const wanted = ranges.filter((r) => r.from < r.to);
    if (wanted.length === 0) return;
    this.metrics.replaysWaiting.inc();
    let release: () => void;
    try {
      release = await this.sem.acquire(signal);
    } catch {
      throw new ReplayAbortedError('replay aborted while waiting for a slot');
    } finally {
      this.metrics.replaysWaiting.dec();
    }
    this.metrics.replays.inc();
    try {
      await this.readWithConsumer(wanted, h, signal);
    } finally {
      this.metrics.replays.dec();
      release();
    }
  }

  private async readWithConsumer(ranges: ReplayRange[], h: ReplayHandlers, signal: AbortSignal): Promise<void> {
    const states = new Map<string, RangeState>(ranges.map((r) => [partitionKey(r.topic, r.partition), { range: r, next: r.from, done: false }]));
    const topics = [...new Set(ranges.map((r) => r.topic))];
    const consumer: Consumer = createConsumer(this.kafka, {
      groupId: `newswire-gateway-replay-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      retry: { retries: 5 },
    });
    let finish!: (err?: Error) => void;
    const finished = new Promise<void>((resolve, reject) => {
      finish = (err) => (err ? reject(err) : resolve());
    });
    let lastProgress = Date.now();
    const idle = setInterval(() => {
      if (Date.now() - lastProgress > this.idleTimeoutMs) finish(new Error('replay made no progress'));
    }, 1_000);
    const onAbort = () => finish(new ReplayAbortedError('replay aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    const allDone = () => [...states.values()].every((s) => s.done);

    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) {
        for (const partition of partitions) {
          const st = states.get(partitionKey(topic, partition));
          if (st && !st.done) consumer.seek({ topic, partition, offset: String(st.next) });
          else consumer.pause([{ topic, partitions: [partition] }]);
        }
      }
    });
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart) finish(e.payload.error instanceof Error ? e.payload.error : new Error('replay consumer crashed'));
    });

    const onBatch = async ({ batch, heartbeat, isRunning, isStale }: EachBatchPayload) => {
      const st = states.get(partitionKey(batch.topic, batch.partition));
      if (!st || st.done) return;
      let sinceHeartbeat = 0;
      for (const m of batch.messages) {
        if (signal.aborted || !isRunning() || isStale()) return;
        const offset = Number(m.offset);
        if (offset < st.next) continue;
        if (offset >= st.range.to) break;
        if (offset > st.next) h.onGap(st.range, st.next, offset);
        const entry = entryFromRecord({ topic: batch.topic, partition: batch.partition, offset, timestamp: m.timestamp, value: m.value, headers: m.headers }, this.epoch);
        await h.onRecord(st.range, offset, entry);
        st.next = offset + 1;
        lastProgress = Date.now();
        // Pacing can hold a batch for a while; keep the group membership alive.
        if (++sinceHeartbeat >= 200) {
          sinceHeartbeat = 0;
          await heartbeat();
        }
      }
      await heartbeat();
      const hw = Number(batch.highWatermark);
      // Done at the end of the range, or at the end of the log (nothing more to read).
      if (st.next >= st.range.to || st.next >= hw) {
        st.done = true;
        consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
        if (allDone()) finish();
      }
    };

    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatch: onBatch });
      await finished;
    } finally {
      clearInterval(idle);
      signal.removeEventListener('abort', onAbort);
      consumer.disconnect().catch((err: unknown) => this.logger.warn({ err }, 'replay consumer disconnect failed'));
    }
  }
}
