/**
 * Turns replay arguments into exact per-partition offsets, asking Kafka:
 * start offsets (earliest, by timestamp per partition, or given) and, unless
 * following, end offsets captured now (or by the --to timestamp), so a replay
 * without --follow always stops at a well-defined point.
 */
import type { KafkaPort } from '@newswire/kafka';
import { UsageError } from '../command.ts';
import type { From } from './replay-args.ts';

export interface PartitionPlan {
  topic: string;
  partition: number;
  start: bigint;
  /** Exclusive; undefined when following. */
  end: bigint | undefined;
  /** The end offset when the replay started: up to here is history, beyond it live updates. */
  caughtUp: bigint;
}

export async function planReplay(
  kafka: KafkaPort,
  topics: string[],
  from: From,
  opts: { follow: boolean; toMs?: number },
): Promise<PartitionPlan[]> {
  const existing = new Set(await kafka.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length) throw new UsageError(`no such topic: ${missing.join(', ')} (see \`newswire topics\`)`);
  const plans: PartitionPlan[] = [];
  for (const topic of topics) {
    const offsets = await kafka.topicOffsets(topic);
    // Per partition, the first offset at or after the time (the end offset when none).
    const byTime = from.kind === 'time' ? await kafka.offsetsAt(topic, from.ms) : undefined;
    // --to is inclusive: stop before the first message later than it.
    const toOffsets = opts.toMs !== undefined && !opts.follow ? await kafka.offsetsAt(topic, opts.toMs + 1) : undefined;
    for (const o of offsets) {
      const { low, high } = o;
      let start: bigint;
      if (from.kind === 'earliest') start = low;
      else if (from.kind === 'time') start = byTime!.get(o.partition) ?? high;
      else {
        const given = from.offsets.find((x) => x.topic === topic && x.partition === o.partition);
        if (!given) continue; // only the partitions named in --from are replayed
        if (given.offset < low || given.offset > high) {
          throw new UsageError(`--from ${topic}:${o.partition}:${given.offset} is outside the stored range ${low}..${high}`);
        }
        start = given.offset;
      }
      let end: bigint | undefined = opts.follow ? undefined : high;
      const to = toOffsets?.get(o.partition);
      if (end !== undefined && to !== undefined && to < end) end = to;
      plans.push({ topic, partition: o.partition, start, end, caughtUp: end ?? high });
    }
  }
  if (from.kind === 'offsets') {
    for (const o of from.offsets) {
      if (!topics.includes(o.topic)) throw new UsageError(`--from names ${o.topic}, which is not among the replayed topics`);
      if (!plans.some((p) => p.topic === o.topic && p.partition === o.partition)) {
        throw new UsageError(`${o.topic} has no partition ${o.partition}`);
      }
    }
  }
  return plans;
}
