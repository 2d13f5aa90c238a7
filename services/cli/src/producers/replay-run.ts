/**
 * Runs a replay plan with a kafkajs consumer that never commits: a fresh
 * random group (so it gets every partition of the topics, alone) with
 * autoCommit off, positioned with seek() per partition. This works the same
 * on Apache Kafka and the dev broker, leaves no offsets that matter behind,
 * and never disturbs another consumer's group.
 */
import { randomUUID } from 'node:crypto';
import { connectWithin, createConsumer, createKafka, type Consumer, type EachBatchPayload } from '@newswire/kafka';
import type { Logger } from '@newswire/config';
import { fromKafkaMessage, type Update } from '@newswire/schema';
import { Merger, type Replayed } from './merge.ts';
import type { PartitionPlan } from './replay-plan.ts';

export interface ReplayedUpdate {
  position: { topic: string; partition: number; offset: string; timestamp: string };
  update: Update;
  /** The update's JSON text as stored (validated): written out as is, not re-serialised. */
  json: string;
}

export interface ReplayRunOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectTimeoutMs: number;
  kafkaRetries: number;
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

const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

export async function runReplay(opts: ReplayRunOptions): Promise<ReplaySummary> {
  const started = Date.now();
  const summary: ReplaySummary = { emitted: 0, filtered: 0, invalid: 0, seconds: 0 };
  const plans = new Map(opts.plans.map((p) => [keyOf(p.topic, p.partition), p]));
  /** Next offset expected per partition: anything below it is a redelivery and is dropped. */
  const next = new Map(opts.plans.map((p) => [keyOf(p.topic, p.partition), p.start]));
  const merger = new Merger<ReplayedUpdate>([...plans.keys()], { paceFactor: opts.paceFactor });
  // History ends at the end offset (or, following, where the log ended at the start);
  // past it, live records are emitted as they arrive.
  for (const p of opts.plans) if (p.start >= (p.end ?? p.caughtUp)) merger.finish(keyOf(p.topic, p.partition));
  const done = () => !opts.follow && merger.drained();
  if (done() || opts.plans.length === 0) return { ...summary, seconds: (Date.now() - started) / 1000 };

  const kafka = createKafka({
    brokers: opts.brokers,
    clientId: opts.clientId,
    logger: opts.logger,
    retries: opts.kafkaRetries,
    maxRetryTimeMs: 2000,
  });
  const consumer: Consumer = createConsumer(kafka, {
    groupId: `newswire-replay-${randomUUID()}`,
    maxWaitTimeInMs: opts.follow ? 1000 : 200,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  await connectWithin(consumer, opts.brokers, opts.connectTimeoutMs);

  let finish!: (err?: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve());
  });
  const stopped = () => opts.signal?.aborted === true || stopping;
  let stopping = false;
  opts.signal?.addEventListener('abort', () => finish(), { once: true });
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) finish(e.payload.error);
  });

  const emit = async (r: Replayed<ReplayedUpdate>, at: number) => {
    if (opts.followUntilMs !== undefined && r.timestampMs > opts.followUntilMs) {
      stopping = true;
      return;
    }
    await opts.emit(r.item, at);
    summary.emitted++;
    opts.onProgress?.(summary.emitted);
  };

  const eachBatch = async ({ batch, heartbeat }: EachBatchPayload) => {
    const key = keyOf(batch.topic, batch.partition);
    const plan = plans.get(key);
    if (!plan) {
      // A partition --from did not name: never read it.
      consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
      return;
    }
    if (stopped()) return;
    let expected = next.get(key)!;
    for (const m of batch.messages) {
      const offset = BigInt(m.offset);
      if (offset < expected) continue;
      if (plan.end !== undefined && offset >= plan.end) break;
      expected = offset + 1n;
      const parsed = fromKafkaMessage(m.value, m.headers);
      if (!parsed.ok) {
        summary.invalid++;
        process.stderr.write(`skipping invalid message at ${key}@${m.offset}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}\n`);
        continue;
      }
      const u = parsed.update;
      if ((opts.kinds && !opts.kinds.has(u.kind)) || (opts.stories && !opts.stories.has(u.story))) {
        summary.filtered++;
        continue;
      }
      const timestampMs = Number(m.timestamp);
      merger.push({
        key,
        timestampMs,
        item: {
          position: { topic: batch.topic, partition: batch.partition, offset: m.offset, timestamp: new Date(timestampMs).toISOString() },
          update: u,
          json: m.value!.toString(),
        },
      });
    }
    // Offsets can have gaps (compaction, transaction markers): the batch's
    // last offset says how far the partition has been read.
    const last = BigInt(batch.lastOffset());
    if (last + 1n > expected) expected = last + 1n;
    next.set(key, expected);
    if (expected >= (plan.end ?? plan.caughtUp)) merger.finish(key);
    if (plan.end !== undefined && expected >= plan.end) {
      consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
    } else if (merger.isFull(key)) {
      consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
    }
    // Long paced waits keep the group session alive with heartbeats.
    const sleep = async (ms: number) => {
      const until = Date.now() + ms;
      for (let left = ms; left > 0 && !stopped(); left = until - Date.now()) {
        await new Promise((r) => setTimeout(r, Math.min(left, 1000)));
        await heartbeat().catch(() => {});
      }
    };
    await merger.pump(emit, stopped, sleep);
    await heartbeat();
    // Resume partitions that were paused for a full queue and have room again.
    for (const [k, p] of plans) {
      const ended = p.end !== undefined && (next.get(k) ?? 0n) >= p.end;
      if (!ended && !merger.isFull(k)) consumer.resume([{ topic: p.topic, partitions: [p.partition] }]);
    }
    if (done() || stopping) finish();
  };

  try {
    const topics = [...new Set(opts.plans.map((p) => p.topic))];
    await consumer.subscribe({ topics, fromBeginning: true });
    void consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch }).catch((err: unknown) => finish(err));
    // run() creates the group synchronously, so seeks land before the first fetch.
    for (const p of opts.plans) consumer.seek({ topic: p.topic, partition: p.partition, offset: p.start.toString() });
    if (opts.followUntilMs !== undefined) {
      // Nothing may arrive after --to: stop once the clock has passed it and everything before it was emitted.
      const wait = Math.max(0, opts.followUntilMs - Date.now()) + 2000;
      const t = setTimeout(() => {
        if (merger.drained() || [...plans.keys()].every((k) => merger.isEmpty(k))) finish();
      }, wait);
      t.unref();
    }
    await finished;
  } finally {
    stopping = true;
    await consumer.disconnect().catch(() => {});
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
