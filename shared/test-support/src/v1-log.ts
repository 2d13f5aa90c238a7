/**
 * The v1 fixture log (shared/schema/test/fixtures/v1-log.ndjson): real v1
 * records as the v1 publisher wrote them, dumped with kcat — key, headers
 * and value exactly as stored. Readers must keep reading them as v2 for
 * the retention period, so tests write them back RAW (not through the
 * publisher, which now writes v2) into a test's own topics and read them
 * through the gateway, the SDK and `newswire replay`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@newswire/config';
import { openKafka, partitionForKey } from '@newswire/kafka';
import { ROOT } from './cli-kafka.ts';

export const V1_LOG_PATH = join(ROOT, 'shared', 'schema', 'test', 'fixtures', 'v1-log.ndjson');

export interface V1LogRecord {
  /** The topic it was dumped from (prefix `newswire`). */
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  /** The stored value: a v1 update's JSON text. */
  value: string;
}

export function readV1Log(): V1LogRecord[] {
  return readFileSync(V1_LOG_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as V1LogRecord);
}

/** The record's topic under another prefix: newswire.arrests -> <prefix>.arrests. */
export function v1TopicUnder(topic: string, prefix: string): string {
  return `${prefix}.${topic.slice(topic.indexOf('.') + 1)}`;
}

export interface WrittenV1Record extends V1LogRecord {
  /** Where it is now: the test's topic, partition and offset (decimal string). */
  at: { topic: string; partition: number; offset: string };
}

/**
 * Writes the fixture's records, as they are (value, key and v1 headers, in
 * log order), into `<prefix>.<family>` topics through the Kafka port's
 * sender, creating the topics when missing. Partitioned by key as the
 * publisher does, so one story stays in order on one partition.
 */
export async function writeV1Log(brokers: string[], prefix: string, opts: { partitions?: number; records?: V1LogRecord[] } = {}): Promise<WrittenV1Record[]> {
  const records = opts.records ?? readV1Log();
  const kafka = await openKafka({ brokers, logger: createLogger('test-v1-log', { level: 'error' }), clientId: 'newswire-test-v1-log', connectTimeoutMs: 20_000 });
  try {
    const topics = [...new Set(records.map((r) => v1TopicUnder(r.topic, prefix)))];
    await kafka.ensureTopics(topics, { partitions: opts.partitions ?? 3 });
    const counts = await kafka.partitionCounts(topics);
    const sender = await kafka.openSender();
    const out: WrittenV1Record[] = [];
    // One record per send keeps the log's order across partitions too.
    for (const r of records) {
      const topic = v1TopicUnder(r.topic, prefix);
      const partition = r.key === null ? 0 : partitionForKey(r.key, counts.get(topic)!);
      const [offset] = await sender.send([{ topic, partition, key: r.key, value: r.value, headers: r.headers }]);
      out.push({ ...r, at: { topic, partition, offset: offset!.toString() } });
    }
    await sender.close();
    return out;
  } finally {
    await kafka.close();
  }
}
