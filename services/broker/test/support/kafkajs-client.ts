/** kafkajs clients for conformance tests, quiet and with test-friendly timeouts. */
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { startKafka, type TestKafka } from '@newswire/test-support';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

export function testKafka(brokers: string[], clientId = 'broker-conformance', retries = 8): Kafka {
  return new Kafka({
    brokers,
    clientId,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 10_000,
    requestTimeout: 30_000,
    retry: { retries, initialRetryTime: 100 },
  });
}

/** A topic or group name no other test (or earlier run on the same broker) uses. */
let seq = 0;
export const uniq = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${seq++}`;

export interface KafkaWithAdmin {
  kafka: TestKafka;
  client: Kafka;
  admin: Admin;
}

/** Kafka from startKafka(), a quiet client for it and a connected admin: a test file's usual beforeAll. */
export async function openKafkaWithAdmin(): Promise<KafkaWithAdmin> {
  const kafka = await startKafka();
  const client = testKafka(kafka.brokers);
  const admin = client.admin();
  await admin.connect();
  return { kafka, client, admin };
}

/** The matching afterAll: safe when openKafkaWithAdmin never finished. */
export async function closeKafkaWithAdmin(k: Partial<KafkaWithAdmin>): Promise<void> {
  await k.admin?.disconnect();
  await k.kafka?.stop();
}

export interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  timestamp: string;
  headers: Record<string, string>;
}

function toReceived(topic: string, partition: number, m: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString() : null,
    value: m.value ? m.value.toString() : null,
    timestamp: m.timestamp,
    headers,
  };
}

/** Run a consumer until `count` messages arrived (or the deadline), collecting them in arrival order. */
export async function consumeN(
  consumer: Consumer,
  count: number,
  opts: { timeoutMs?: number; onMessage?: (r: Received) => void | Promise<void> } = {},
): Promise<Received[]> {
  const got: Received[] = [];
  const timeoutMs = opts.timeoutMs ?? 45_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out with ${got.length}/${count} messages`)), timeoutMs);
    void consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const r = toReceived(topic, partition, message);
          got.push(r);
          await opts.onMessage?.(r);
          if (got.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  return got;
}
