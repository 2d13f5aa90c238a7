import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type TestAdmin, type TestKafka } from '@newswire/test-support';
import { createPublisher, PublishValidationError, type Publisher } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { topicForKind } from '@newswire/schema/v2';
import { makeUpdates } from '@newswire/test-support';
import { endOffsets, openAdmin, readAll } from '@newswire/test-support';

let kafka: TestKafka;
let admin: TestAdmin;
let publisher: Publisher;

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  publisher = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, logger: createLogger('test', { level: 'warn' }) });
});

afterAll(async () => {
  await publisher?.close();
  await admin?.close();
  await kafka?.stop();
});

describe('publisher', () => {
  it('creates the newswire topics under its prefix at startup', async () => {
    const topics = await admin.listTopics();
    for (const t of kafka.topics) expect(topics).toContain(t);
    const counts = await admin.partitionCounts(kafka.topics);
    for (const t of kafka.topics) expect(counts.get(t)).toBe(3);
  });

  it('routes by kind, keys by story, returns the position of every update', async () => {
    const updates = makeUpdates(40, { stories: 5 });
    const positions = await publisher.publish(updates);
    expect(positions.map((p) => p.id)).toEqual(updates.map((u) => u.id));
    updates.forEach((u, i) => expect(positions[i]!.topic).toBe(topicForKind(u.kind, kafka.prefix)));

    const records = await readAll(kafka.brokers, kafka.topics);
    const byId = new Map(records.map((r) => [r.update.id, r]));
    for (const [i, p] of positions.entries()) {
      const r = byId.get(p.id);
      expect(r, `update ${p.id} read back`).toBeDefined();
      expect({ topic: r!.topic, partition: r!.partition, offset: r!.offset }).toEqual({ topic: p.topic, partition: p.partition, offset: p.offset });
      expect(r!.update).toEqual(updates[i]);
      expect(r!.headers.ce_id).toBe(p.id);
      expect(r!.headers.ce_specversion).toBe('1.0');
    }
    // One story, one partition per topic.
    const partitionsOfStory = new Map<string, Set<number>>();
    for (const p of positions) {
      const story = updates.find((u) => u.id === p.id)!.story;
      const key = `${p.topic}/${story}`;
      partitionsOfStory.set(key, (partitionsOfStory.get(key) ?? new Set()).add(p.partition));
    }
    for (const set of partitionsOfStory.values()) expect(set.size).toBe(1);
  });

  it('refuses a batch with any invalid update and sends none of it', async () => {
    const before = await endOffsets(admin, kafka.topics);
    const updates: unknown[] = makeUpdates(5);
    updates[3] = { ...(updates[3] as object), kind: 'weather' };
    const err = await publisher.publish(updates).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublishValidationError);
    expect((err as PublishValidationError).errors[0]).toMatchObject({ index: 3, path: 'kind' });
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('with two producers, gives exact positions in input order and keeps each story in order', async () => {
    const two = await createPublisher({ brokers: kafka.brokers, topicPrefix: kafka.prefix, partitions: 3, producers: 2, logger: createLogger('test', { level: 'warn' }) });
    try {
      // Several calls in flight at once, over many stories (so every partition and both producers are used).
      const calls = Array.from({ length: 6 }, (_, c) => makeUpdates(60, { stories: 12, prefix: `lanes${c}` }));
      const results = await Promise.all(calls.map((u) => two.publish(u)));
      const records = await readAll(kafka.brokers, kafka.topics);
      const byId = new Map(records.map((r) => [r.update.id, r]));
      calls.forEach((updates, c) => {
        const positions = results[c]!;
        expect(positions.map((p) => p.id)).toEqual(updates.map((u) => u.id));
        for (const p of positions) {
          const r = byId.get(p.id);
          expect(r, `update ${p.id} read back`).toBeDefined();
          expect({ topic: r!.topic, partition: r!.partition, offset: r!.offset }).toEqual({ topic: p.topic, partition: p.partition, offset: p.offset });
        }
      });
      // Each story reads back in the order it was published (calls were queued in array order).
      const published = calls.flat();
      const storyOrder = (ids: string[]) => {
        const m = new Map<string, string[]>();
        for (const id of ids) {
          const u = published.find((x) => x.id === id)!;
          const k = `${topicForKind(u.kind, kafka.prefix)}/${u.story}`;
          m.set(k, [...(m.get(k) ?? []), id]);
        }
        return m;
      };
      const mine = new Set(published.map((u) => u.id));
      const readOrder = records
        .filter((r) => mine.has(r.update.id))
        .sort((a, b) => (a.topic + a.partition).localeCompare(b.topic + b.partition) || Number(BigInt(a.offset) - BigInt(b.offset)))
        .map((r) => r.update.id);
      expect(storyOrder(readOrder)).toEqual(storyOrder(published.map((u) => u.id)));
    } finally {
      await two.close();
    }
  });

  it('keeps order and positions under concurrent publish calls', async () => {
    const calls = Array.from({ length: 10 }, (_, c) => makeUpdates(30, { stories: 3, prefix: `conc${c}` }));
    const results = await Promise.all(calls.map((u) => publisher.publish(u)));
    const seen = new Set<string>();
    for (const positions of results) {
      for (const p of positions) {
        const k = `${p.topic}:${p.partition}:${p.offset}`;
        expect(seen.has(k), `position ${k} given twice`).toBe(false);
        seen.add(k);
      }
      // Within one call, a story's updates have increasing offsets.
      const last = new Map<string, bigint>();
      for (const p of positions) {
        const k = `${p.topic}:${p.partition}`;
        const prev = last.get(k);
        if (prev !== undefined) expect(BigInt(p.offset)).toBeGreaterThan(prev);
        last.set(k, BigInt(p.offset));
      }
    }
  });

  it('fails within a bounded time when Kafka is unreachable', async () => {
    const started = Date.now();
    const err = await createPublisher({ brokers: ['127.0.0.1:1'], connectTimeoutMs: 1500, logger: createLogger('t', { level: 'silent' }) }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('KafkaUnreachableError');
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
