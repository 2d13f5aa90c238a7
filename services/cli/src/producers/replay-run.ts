/**
 * Runs a replay plan through the Kafka port's range read: each planned
 * partition is fetched from its start offset to its end (or on, when
 * following), no consumer group involved, so the replay starts at once on
 * any Kafka and leaves nothing behind. Records of all partitions are merged
 * by timestamp (merge.ts); a partition whose queue is full is not fetched
 * until it drains, so memory stays bounded.
 *
 * v1 and v2 records are read side by side: every update comes out as schema
 * v2 (a v1 record is upcast), so a replay never hands out v1.
 */
import type { FetchedBatch, KafkaPort } from '@newswire/kafka';
import { partitionKey } from '@newswire/schema';
import { fromKafkaMessage, type Update } from '@newswire/schema/v2';
import { Merger, type Replayed } from './merge.ts';
import type { PartitionPlan } from './replay-plan.ts';

export interface ReplayedUpdate {
  position: { topic: string; partition: number; offset: string; timestamp: string };
  /** The update as schema v2. */
  update: Update;
  /**
   * The v2 update's JSON text: a v2 record's value as stored (validated),
   * written out as is; a v1 record's upcast update, serialised.
   */
  json: string;
  /** The schema version the record was written in. */
  from: 1 | 2;
}

export interface ReplayRunOptions {
  kafka: KafkaPort;
  plans: PartitionPlan[];
  follow: boolean;
  /** With --follow and --to: stop once records pass this time. */
  followUntilMs?: number;
  kinds?: Set<string>;
  stories?: Set<string>;
  paceFactor: number;
  /** Called for every replayed update, in emission order; awaited (backpressure). */
  emit: (r: ReplayedUpdate, emittedAtMs: number) => Promise<void> | void;
  onProgress?: (emitted: number) => void;
  signal?: AbortSignal;
}

export interface ReplaySummary {
  emitted: number;
  filtered: number;
  invalid: number;
  seconds: number;
}

/** A v2 record's own text when it fits on one NDJSON line (another producer may have pretty-printed it). */
function storedText(value: Buffer, from: 1 | 2): string | undefined {
  if (from !== 2) return undefined;
  const text = value.toString().trim();
  return /[\r\n]/.test(text) ? undefined : text;
}

export async function runReplay(opts: ReplayRunOptions): Promise<ReplaySummary> {
  const started = Date.now();
  const summary: ReplaySummary = { emitted: 0, filtered: 0, invalid: 0, seconds: 0 };
  const plans = new Map(opts.plans.map((p) => [partitionKey(p.topic, p.partition), p]));
  const merger = new Merger<ReplayedUpdate>([...plans.keys()], { paceFactor: opts.paceFactor });
  // History ends at the end offset (or, following, where the log ended at the start);
  // past it, live records are emitted as they arrive.
  for (const p of opts.plans) if (p.start >= (p.end ?? p.caughtUp)) merger.finish(partitionKey(p.topic, p.partition));
  const done = () => !opts.follow && merger.drained();
  if (done() || opts.plans.length === 0) return { ...summary, seconds: (Date.now() - started) / 1000 };

  // One controller ends the read: the caller's signal, the end of the plan, or --to passed while following.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = () => stop.signal.aborted;

  const emit = async (r: Replayed<ReplayedUpdate>, at: number) => {
    if (opts.followUntilMs !== undefined && r.timestampMs > opts.followUntilMs) {
      stop.abort();
      return;
    }
    await opts.emit(r.item, at);
    summary.emitted++;
    opts.onProgress?.(summary.emitted);
  };
  const pump = () =>
    merger.pump(emit, stopped, async (ms) => {
      // Paced waits end early when the replay is stopped.
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    });

  const onBatch = async (batch: FetchedBatch) => {
    const key = partitionKey(batch.topic, batch.partition);
    const plan = plans.get(key);
    if (!plan || stopped()) return;
    if (batch.reset) {
      process.stderr.write(`${batch.topic}:${batch.partition}: offsets ${batch.reset.requested}..${batch.reset.available - 1n} are no longer stored; continuing at ${batch.reset.available}\n`);
    }
    for (const m of batch.records) {
      const at = `${batch.topic}:${batch.partition}@${m.offset}`;
      const parsed = fromKafkaMessage(m.value, m.headers);
      if (!parsed.ok) {
        summary.invalid++;
        process.stderr.write(`skipping invalid message at ${at}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}\n`);
        continue;
      }
      const u = parsed.update;
      if ((opts.kinds && !opts.kinds.has(u.kind)) || (opts.stories && !opts.stories.has(u.story))) {
        summary.filtered++;
        continue;
      }
      merger.push({
        key,
        timestampMs: m.timestamp,
        item: {
          position: { topic: batch.topic, partition: batch.partition, offset: m.offset.toString(), timestamp: new Date(m.timestamp).toISOString() },
          update: u,
          json: storedText(m.value!, parsed.from) ?? JSON.stringify(u),
          from: parsed.from,
        },
      });
    }
    if (batch.next >= (plan.end ?? plan.caughtUp)) merger.finish(key);
    await pump();
    if (done()) stop.abort();
  };

  let untilTimer: NodeJS.Timeout | undefined;
  if (opts.followUntilMs !== undefined) {
    // Nothing may arrive after --to: stop once the clock has passed it and everything before it was emitted.
    untilTimer = setTimeout(() => {
      if (merger.drained() || [...plans.keys()].every((k) => merger.isEmpty(k))) stop.abort();
    }, Math.max(0, opts.followUntilMs - Date.now()) + 2000);
    untilTimer.unref();
  }
  try {
    await opts.kafka.readRange(
      opts.plans.map((p) => ({ topic: p.topic, partition: p.partition, from: p.start, ...(p.end !== undefined ? { to: p.end } : {}) })),
      onBatch,
      {
        signal: stop.signal,
        maxWaitMs: opts.follow ? 1000 : 200,
        maxBytesPerPartition: 4 * 1024 * 1024,
        // A partition whose queue is full waits until the merge has room again.
        wants: (topic, partition) => !merger.isFull(partitionKey(topic, partition)),
      },
    );
    // Every range is read (a log may have ended before its planned end): what is queued is all there is.
    if (!stopped()) {
      for (const k of plans.keys()) merger.finish(k);
      await pump();
    }
  } finally {
    clearTimeout(untilTimer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
