/**
 * The Kafka side of a resumed `publish --file --journal`: where the newswire
 * topics end now (a run's `base`), and which update ids were stored since an
 * earlier run's base, read back from the log. Those include the updates a
 * failed run sent but never saw acknowledged: Kafka may or may not have
 * them, and only the log can say.
 */
import type { KafkaPort, KafkaRecord, OffsetRange } from '@newswire/kafka';

/** "topic:partition" -> end offset, for every partition of these topics that exist. */
export async function endOffsets(kafka: KafkaPort, topics: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const topic of topics) {
    for (const p of await kafka.topicOffsets(topic)) out[`${topic}:${p.partition}`] = String(p.high);
  }
  return out;
}

/** The update id of a stored record: its CloudEvents id header (every newswire producer sets it). */
function idOf(record: KafkaRecord): string | undefined {
  const h = record.headers.ce_id;
  const v = Array.isArray(h) ? h[0] : h;
  return v?.toString('utf8');
}

/**
 * How many times each update id occurs between `from` (an earlier run's
 * base) and `to` (where the log ends now), and how many records were read.
 * A partition missing from `from` was created after that base: read it whole.
 */
export async function storedIdsBetween(
  kafka: KafkaPort,
  from: Record<string, string>,
  to: Record<string, string>,
): Promise<{ ids: Map<string, number>; read: number }> {
  const ranges: OffsetRange[] = [];
  for (const [key, end] of Object.entries(to)) {
    const at = key.lastIndexOf(':');
    const start = BigInt(from[key] ?? '0');
    if (BigInt(end) > start) ranges.push({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), from: start, to: BigInt(end) });
  }
  const ids = new Map<string, number>();
  let read = 0;
  if (ranges.length === 0) return { ids, read };
  await kafka.readRange(ranges, (batch) => {
    for (const r of batch.records) {
      read++;
      const id = idOf(r);
      if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
    }
  });
  return { ids, read };
}
