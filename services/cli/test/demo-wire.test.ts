/**
 * The demo wire against real Kafka: the seed story arrives exactly, each
 * update in its kind's topic, keyed by story, in story order per topic.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { startKafka, type TestKafka } from '@newswire/test-support';
import { createAdmin, createConsumer, createKafka } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { NEWSWIRE_TOPICS, fromKafkaMessage, topicForKind, type Update } from '@newswire/schema';
import { runDemoWire } from '../src/producers/demo-wire.ts';
import { KAZAKHSTAN_SEED } from '@newswire/schema/seed';

const logger = createLogger('demo-wire-test', { level: 'silent' });
let kafka: TestKafka;
let admin: Admin;

interface Received {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  update: Update;
}

async function totalEndOffsets(): Promise<number> {
  let total = 0;
  for (const topic of NEWSWIRE_TOPICS) {
    const offsets = await admin.fetchTopicOffsets(topic);
    for (const o of offsets) total += Number(o.high) - Number(o.low);
  }
  return total;
}

/** Reads every newswire topic from the beginning until `count` messages arrived. */
async function readAll(count: number): Promise<Received[]> {
  const consumer = createConsumer(createKafka({ brokers: kafka.brokers, logger }), { groupId: `demo-test-${randomUUID()}` });
  const received: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...NEWSWIRE_TOPICS], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out with ${received.length}/${count} messages`)), 60_000);
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const parsed = fromKafkaMessage(message.value, message.headers);
            if (!parsed.ok) throw new Error(`invalid message at ${topic}[${partition}]@${message.offset}: ${JSON.stringify(parsed.errors)}`);
            received.push({ topic, partition, offset: message.offset, key: message.key?.toString(), update: parsed.update });
            if (received.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

beforeAll(async () => {
  kafka = await startKafka({ partitions: 3 });
  admin = createAdmin(createKafka({ brokers: kafka.brokers, logger }));
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await kafka?.stop();
});

describe('demo wire over Kafka', () => {
  it('publishes exactly the seed story once, each update in its kind’s topic, keyed by story, in order', async () => {
    const positions: { id: string; topic: string; partition: number; offset: string }[] = [];
    const result = await runDemoWire({
      brokers: kafka.brokers,
      pace: 'max',
      logger,
      partitions: 3,
      onPublished: (_u, p) => positions.push(p),
    });
    expect(result).toEqual({ published: KAZAKHSTAN_SEED.length, passes: 1, aborted: false });
    expect(positions.map((p) => p.id)).toEqual(KAZAKHSTAN_SEED.map((u) => u.id));

    const received = await readAll(KAZAKHSTAN_SEED.length);
    expect(await totalEndOffsets()).toBe(KAZAKHSTAN_SEED.length); // nothing else was written
    expect(received.map((r) => r.update).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...KAZAKHSTAN_SEED].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const r of received) {
      expect(r.topic).toBe(topicForKind(r.update.kind));
      expect(r.key).toBe(r.update.story);
      const p = positions.find((x) => x.id === r.update.id)!;
      expect([r.topic, r.partition, r.offset]).toEqual([p.topic, p.partition, p.offset]);
    }
    // Within each topic the story is on one partition, in the order the seed tells it.
    for (const topic of NEWSWIRE_TOPICS) {
      const inTopic = received.filter((r) => r.topic === topic).sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(new Set(inTopic.map((r) => r.partition)).size).toBeLessThanOrEqual(1);
      expect(inTopic.map((r) => r.update.id)).toEqual(KAZAKHSTAN_SEED.filter((u) => topicForKind(u.kind) === topic).map((u) => u.id));
    }
  });

  it('loops with fresh ids per pass, and stops when aborted', async () => {
    const before = await totalEndOffsets();
    const ids: string[] = [];
    const looped = await runDemoWire({ brokers: kafka.brokers, pace: 'max', loop: true, maxPasses: 2, logger, onPublished: (u) => ids.push(u.id) });
    expect(looped).toEqual({ published: 2 * KAZAKHSTAN_SEED.length, passes: 2, aborted: false });
    expect(ids).toEqual([...KAZAKHSTAN_SEED.map((u) => u.id), ...KAZAKHSTAN_SEED.map((u) => `${u.id}:p2`)]);
    expect(await totalEndOffsets()).toBe(before + 2 * KAZAKHSTAN_SEED.length);

    const controller = new AbortController();
    let seen = 0;
    const aborted = await runDemoWire({
      brokers: kafka.brokers,
      pace: '20ms',
      loop: true,
      signal: controller.signal,
      logger,
      onPublished: () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect(aborted).toEqual({ published: 3, passes: 1, aborted: true });
  });
});
