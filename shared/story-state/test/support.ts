/** Places updates on Kafka-like positions (per topic offsets, rising timestamps) for fold tests. */
import { topicForKind, type Update } from '@newswire/schema/v2';
import type { RecordAt } from '../src/index.ts';

export interface Placed {
  update: Update;
  at: RecordAt;
}

/** Each update on its kind's topic, partition 0, the next offset of that topic; ts rises by 1 s from t0. */
export function place(updates: readonly Update[], t0 = Date.UTC(2022, 0, 8, 6)): Placed[] {
  const next = new Map<string, number>();
  return updates.map((update, i) => {
    const topic = topicForKind(update.kind);
    const offset = next.get(topic) ?? 0;
    next.set(topic, offset + 1);
    return { update, at: { topic, partition: 0, offset: String(offset), ts: t0 + i * 1000 } };
  });
}

/** A different interleaving of the same records: each topic's records stay in order, topics are read round-robin from the back. */
export function interleaveOtherwise(placed: readonly Placed[]): Placed[] {
  const byTopic = new Map<string, Placed[]>();
  for (const p of placed) {
    const list = byTopic.get(p.at.topic) ?? [];
    list.push(p);
    byTopic.set(p.at.topic, list);
  }
  const queues = [...byTopic.values()].reverse();
  const out: Placed[] = [];
  while (queues.some((q) => q.length > 0)) for (const q of queues) if (q.length > 0) out.push(q.shift()!);
  return out;
}
