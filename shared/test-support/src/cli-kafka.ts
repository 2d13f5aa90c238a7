/**
 * Helpers for producer tests: end offsets of the newswire topics (to prove
 * that nothing was published), reading a topic back, creating a test's topics.
 */
import { openKafka, type KafkaPort } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { fromKafkaMessage, type Update } from '@newswire/schema/v2';

const quiet = createLogger('test', { level: 'error' });

/** The Kafka port on a test's brokers, for counting and reading; close() it when done. */
export type TestAdmin = KafkaPort;

export async function openAdmin(brokers: string[]): Promise<TestAdmin> {
  return openKafka({ brokers, logger: quiet, clientId: 'newswire-test', connectTimeoutMs: 20_000 });
}

/** "topic:partition" -> high watermark, for every partition of the given topics (a test's own: TestKafka.topics) that exist. */
export async function endOffsets(kafka: KafkaPort, topics: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of topics) for (const p of await kafka.topicOffsets(t)) out[`${t}:${p.partition}`] = p.high.toString();
  return out;
}

export async function totalMessages(kafka: KafkaPort, topics: readonly string[]): Promise<number> {
  const offsets = await endOffsets(kafka, topics);
  return Object.values(offsets).reduce((n, o) => n + Number(o), 0);
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Epoch ms, as a decimal string. */
  timestamp: string;
  key: string | null;
  headers: Record<string, string>;
  /** The update as v2 (a v1 record is upcast on read). */
  update: Update;
  /** The schema version the record was written in. */
  from: 1 | 2;
}

/** Reads every record currently in `topics` (up to their end offsets at call time), in offset order per partition. */
export async function readAll(brokers: string[], topics: readonly string[]): Promise<ReadRecord[]> {
  const kafka = await openAdmin(brokers);
  try {
    const ranges = [];
    for (const topic of topics) for (const p of await kafka.topicOffsets(topic)) if (p.high > p.low) ranges.push({ topic, partition: p.partition, from: p.low, to: p.high });
    const out: ReadRecord[] = [];
    await kafka.readRange(ranges, (batch) => {
      for (const r of batch.records) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = String(v);
        const parsed = fromKafkaMessage(r.value, r.headers);
        if (!parsed.ok) throw new Error(`invalid message at ${r.topic}:${r.partition}@${r.offset}: ${JSON.stringify(parsed.errors)}`);
        out.push({ topic: r.topic, partition: r.partition, offset: r.offset.toString(), timestamp: String(r.timestamp), key: r.key?.toString() ?? null, headers, update: parsed.update, from: parsed.from });
      }
    });
    return out;
  } finally {
    await kafka.close();
  }
}

/**
 * Creates a test Kafka's newswire topics: gateways do not create topics, so
 * a test that starts one creates them first, as `newswire start` does.
 */
export async function createTestTopics(kafka: { brokers: string[]; topics: readonly string[] }, partitions = 3): Promise<void> {
  const port = await openAdmin(kafka.brokers);
  try {
    await port.ensureTopics(kafka.topics, { partitions });
  } finally {
    await port.close();
  }
}
