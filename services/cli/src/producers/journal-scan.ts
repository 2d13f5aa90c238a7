/**
 * The Kafka side of a resumed `publish --file --journal`: where the newswire
 * topics end now (a run's `base`), and which update ids were stored since an
 * earlier run's base, read back from the log. Those are the updates a failed
 * run sent but never saw acknowledged: Kafka may or may not have them, and
 * only the log can say.
 */
import type { Admin } from '@newswire/kafka';
import { NEWSWIRE_TOPICS } from '@newswire/schema';
import type { Logger } from '@newswire/config';
import { runReplay } from './replay-run.ts';
import type { PartitionPlan } from './replay-plan.ts';

/** "topic:partition" -> end offset, for every partition of the newswire topics that exist. */
export async function endOffsets(admin: Admin): Promise<Record<string, string>> {
  const existing = new Set(await admin.listTopics());
  const out: Record<string, string> = {};
  for (const topic of NEWSWIRE_TOPICS) {
    if (!existing.has(topic)) continue;
    for (const p of await admin.fetchTopicOffsets(topic)) out[`${topic}:${p.partition}`] = p.high;
  }
  return out;
}

export interface ScanOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  connectTimeoutMs: number;
  kafkaRetries: number;
  /** Read from here (an earlier run's base) ... */
  from: Record<string, string>;
  /** ... up to here (exclusive: where the log ends now). */
  to: Record<string, string>;
}

/** How many times each update id occurs between `from` and `to`; and how many records were read. */
export async function storedIdsBetween(opts: ScanOptions): Promise<{ ids: Map<string, number>; read: number }> {
  const plans: PartitionPlan[] = [];
  for (const [key, end] of Object.entries(opts.to)) {
    const at = key.lastIndexOf(':');
    // A partition the earlier run did not know existed got nothing from it before this run's base...
    // unless the topic was created by it: then it starts at 0.
    const start = BigInt(opts.from[key] ?? '0');
    if (BigInt(end) > start) plans.push({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), start, end: BigInt(end), caughtUp: BigInt(end) });
  }
  const ids = new Map<string, number>();
  if (plans.length === 0) return { ids, read: 0 };
  const summary = await runReplay({
    brokers: opts.brokers,
    clientId: opts.clientId,
    logger: opts.logger,
    connectTimeoutMs: opts.connectTimeoutMs,
    kafkaRetries: opts.kafkaRetries,
    plans,
    follow: false,
    paceFactor: Infinity,
    emit: (r) => {
      ids.set(r.update.id, (ids.get(r.update.id) ?? 0) + 1);
    },
  });
  return { ids, read: summary.emitted };
}
