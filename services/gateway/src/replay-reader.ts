/**
 * Reads offset ranges of partitions from Kafka for catch-up and replay,
 * through the Kafka port's range read: no consumer group, so a resume beyond
 * the memory window starts reading at once even on a Kafka whose
 * group.initial.rebalance.delay.ms is 3 s. A semaphore bounds how many run
 * at once; the rest wait their turn (the subscription stays in catch-up
 * meanwhile).
 */
import type { KafkaPort } from '@newswire/kafka';
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
}

export class ReplayReader {
  private readonly sem: Semaphore;

  constructor(
    private readonly kafka: KafkaPort,
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
      await this.readRanges(wanted, h, signal);
    } finally {
      this.metrics.replays.dec();
      release();
    }
  }

  private async readRanges(ranges: ReplayRange[], h: ReplayHandlers, signal: AbortSignal): Promise<void> {
    const states = new Map<string, RangeState>(ranges.map((r) => [partitionKey(r.topic, r.partition), { range: r, next: r.from }]));
    // One controller stops the read: the caller's abort, or no progress for idleTimeoutMs.
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let lastProgress = Date.now();
    let stalled = false;
    const idle = setInterval(() => {
      if (Date.now() - lastProgress <= this.idleTimeoutMs) return;
      stalled = true;
      stop.abort();
    }, 1_000);
    try {
      await this.kafka.readRange(
        ranges.map((r) => ({ topic: r.topic, partition: r.partition, from: BigInt(r.from), to: BigInt(r.to) })),
        async (batch) => {
          const st = states.get(partitionKey(batch.topic, batch.partition));
          if (!st) return;
          if (batch.reset) {
            // Retention removed the start of the range: say so, then go on from what is left.
            h.onGap(st.range, st.next, Number(batch.reset.available));
            st.next = Math.max(st.next, Number(batch.reset.available));
            lastProgress = Date.now();
          }
          for (const record of batch.records) {
            if (stop.signal.aborted) return;
            const offset = Number(record.offset);
            if (offset < st.next) continue;
            if (offset > st.next) h.onGap(st.range, st.next, offset);
            await h.onRecord(st.range, offset, entryFromRecord(record, this.epoch));
            st.next = offset + 1;
            lastProgress = Date.now();
          }
        },
        { signal: stop.signal, maxWaitMs: 100 },
      );
    } finally {
      clearInterval(idle);
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) throw new ReplayAbortedError('replay aborted');
    if (stalled) {
      this.logger.warn({ ranges: ranges.length, idleTimeoutMs: this.idleTimeoutMs }, 'replay made no progress; giving up');
      throw new Error('replay made no progress');
    }
  }
}
