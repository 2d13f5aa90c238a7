/**
 * The demo wire against real Kafka: the v2 seed story arrives exactly, as
 * schema v2 records (v2 type and dataschema), each update in its kind's
 * topic, keyed by story, in story order per topic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdmin, readAll, startKafka, totalMessages, type TestAdmin, type TestKafka } from '@newswire/test-support';
import { createLogger } from '@newswire/config';
import { topicForKind } from '@newswire/schema/v2';
import { runDemoWire } from '../src/producers/demo-wire.ts';
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';

const logger = createLogger('demo-wire-test', { level: 'silent' });
let kafka: TestKafka;
let admin: TestAdmin;

beforeAll(async () => {
  kafka = await startKafka({ partitions: 3 });
  admin = await openAdmin(kafka.brokers);
});

afterAll(async () => {
  await admin?.close();
  await kafka?.stop();
});

describe('demo wire over Kafka', () => {
  it('publishes exactly the seed story once, each update in its kind’s topic, keyed by story, in order', async () => {
    const positions: { id: string; topic: string; partition: number; offset: string }[] = [];
    const result = await runDemoWire({
      brokers: kafka.brokers,
      topicPrefix: kafka.prefix,
      pace: 'max',
      logger,
      partitions: 3,
      onPublished: (_u, p) => positions.push(p),
    });
    expect(result).toEqual({ published: KAZAKHSTAN_SEED.length, passes: 1, aborted: false });
    expect(positions.map((p) => p.id)).toEqual(KAZAKHSTAN_SEED.map((u) => u.id));

    const received = await readAll(kafka.brokers, kafka.topics);
    expect(await totalMessages(admin, kafka.topics)).toBe(KAZAKHSTAN_SEED.length); // nothing else was written
    expect(received.map((r) => r.update).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...KAZAKHSTAN_SEED].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const r of received) {
      expect(r.from).toBe(2);
      expect(r.headers.ce_type).toBe(`org.newswire.${r.update.kind}.v2`);
      expect(r.headers.ce_dataschema).toBe('https://newswire.dev/schema/v2/update.schema.json');
      expect(r.topic).toBe(topicForKind(r.update.kind, kafka.prefix));
      expect(r.key).toBe(r.update.story);
      const p = positions.find((x) => x.id === r.update.id)!;
      expect([r.topic, r.partition, r.offset]).toEqual([p.topic, p.partition, p.offset]);
    }
    // Within each topic the story is on one partition, in the order the seed tells it.
    for (const topic of kafka.topics) {
      const inTopic = received.filter((r) => r.topic === topic).sort((a, b) => Number(a.offset) - Number(b.offset));
      expect(new Set(inTopic.map((r) => r.partition)).size).toBeLessThanOrEqual(1);
      expect(inTopic.map((r) => r.update.id)).toEqual(KAZAKHSTAN_SEED.filter((u) => topicForKind(u.kind, kafka.prefix) === topic).map((u) => u.id));
    }
  });

  it('loops with fresh ids per pass, and stops when aborted', async () => {
    const before = await totalMessages(admin, kafka.topics);
    const ids: string[] = [];
    const looped = await runDemoWire({ brokers: kafka.brokers, topicPrefix: kafka.prefix, pace: 'max', loop: true, maxPasses: 2, logger, onPublished: (u) => ids.push(u.id) });
    expect(looped).toEqual({ published: 2 * KAZAKHSTAN_SEED.length, passes: 2, aborted: false });
    expect(ids).toEqual([...KAZAKHSTAN_SEED.map((u) => u.id), ...KAZAKHSTAN_SEED.map((u) => `${u.id}:p2`)]);
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 2 * KAZAKHSTAN_SEED.length);

    const controller = new AbortController();
    let seen = 0;
    const aborted = await runDemoWire({
      brokers: kafka.brokers,
      topicPrefix: kafka.prefix,
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
