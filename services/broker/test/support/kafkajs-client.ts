/** kafkajs clients for conformance tests, quiet and with test-friendly timeouts. */
import { randomBytes } from 'node:crypto';
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

/**
 * A topic or group name no other test uses, on this broker or a shared one:
 * the time, this process's own random token (two forks of one run may ask in
 * the same millisecond with the same count) and a count.
 */
const PROCESS_TOKEN = randomBytes(3).toString('hex');
let seq = 0;
export const uniq = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${PROCESS_TOKEN}-${seq++}`;

/**
 * Topic configs for tests whose records carry fixed timestamps from the past
 * (1.7e12 ms: November 2023). Time-based retention deletes a segment whose
 * newest record is older than retention.ms (7 days by default) at its next
 * pass: Kafka's every 5 minutes, the dev broker's every minute. On a
 * long-lived shared broker a pass could come between the produce and the read
 * and leave the test nothing to read. With retention.ms -1 no pass takes them.
 */
export const KEEP_OLD_RECORDS = [{ name: 'retention.ms', value: '-1' }];

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

/**
 * Run a consumer until `count` messages arrived (or the deadline), collecting
 * them in arrival order. kafkajs reports a consumer's crash as an event, not
 * through run(): a crash it will not restart from fails at once with its
 * error, and a timeout says how far the consumer got (group joins, fetches,
 * the last crash it restarted from), so a failure names its cause.
 */
export async function consumeN(
  consumer: Consumer,
  count: number,
  opts: { timeoutMs?: number; onMessage?: (r: Received) => void | Promise<void> } = {},
): Promise<Received[]> {
  const got: Received[] = [];
  const timeoutMs = opts.timeoutMs ?? 45_000;
  let joins = 0;
  let fetches = 0;
  let restartedFrom = 'none';
  const listeners = [
    consumer.on(consumer.events.GROUP_JOIN, () => joins++),
    consumer.on(consumer.events.FETCH, () => fetches++),
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out with ${got.length}/${count} messages (group joined ${joins} time(s), ${fetches} fetch(es) made, last crash restarted from: ${restartedFrom})`)),
        timeoutMs,
      );
      listeners.push(
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          if (payload.restart) {
            restartedFrom = payload.error.message;
            return;
          }
          clearTimeout(timer);
          reject(new Error(`the consumer crashed for good after ${got.length}/${count} messages: ${payload.error.message}`, { cause: payload.error }));
        }),
      );
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
  } finally {
    for (const remove of listeners) remove();
  }
  return got;
}
