/**
 * @platformatic/kafka against the broker: a maintained pure-TypeScript client
 * that speaks only the versions of Kafka 3.5+ (all flexible, KIP-482), with
 * no version pinned. Admin (create with explicit and default partitions,
 * list, offsets, groups, delete), an idempotent producer with headers, and a
 * consumer group of two members that split the partitions and commit. Every
 * request it sends is recorded (its own diagnostics channel): each must be at
 * its highest version of that API, as against a current Kafka.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracingChannel } from 'node:diagnostics_channel';
import * as pk from '@platformatic/kafka';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers, type Message } from '@platformatic/kafka';
import { startKafka, waitFor, type TestKafka } from '@newswire/test-support';
import { uniq } from './support/kafkajs-client.ts';
import { API_BY_KEY } from '../src/protocol/apis/index.ts';

let kafka: TestKafka;
beforeAll(async () => {
  kafka = await startKafka();
});
afterAll(() => kafka?.stop());

/** platformatic's highest implemented version per API key, from its exported per-version modules. */
function platformaticMaximums(): Map<number, number> {
  const max = new Map<number, number>();
  for (const value of Object.values(pk)) {
    const api = (value as { api?: { key?: unknown; version?: unknown } } | null)?.api;
    if (typeof api?.key === 'number' && typeof api.version === 'number') max.set(api.key, Math.max(max.get(api.key) ?? -1, api.version));
  }
  return max;
}

const used = new Map<number, Set<number>>();
const channel = tracingChannel<string, { apiKey: number; apiVersion: number }>('plt:kafka:connections:api');
const onStart = (ctx: { apiKey: number; apiVersion: number }): void => {
  const s = used.get(ctx.apiKey) ?? new Set<number>();
  s.add(ctx.apiVersion);
  used.set(ctx.apiKey, s);
};
channel.subscribe({ start: onStart, end: () => {}, asyncStart: () => {}, asyncEnd: () => {}, error: () => {} });

describe('@platformatic/kafka (flexible versions only, none pinned)', () => {
  it('admin, idempotent producer and a group of two with commits, each API at its highest version', async () => {
    const bootstrapBrokers = kafka.brokers;
    const topic = uniq('platformatic');
    const groupId = uniq('platformatic-group');
    const admin = new Admin({ clientId: 'pk-admin', bootstrapBrokers });
    const producer = new Producer({ clientId: 'pk-producer', bootstrapBrokers, serializers: stringSerializers, idempotent: true });
    const members = [1, 2].map((n) => new Consumer({ groupId, clientId: `pk-member-${n}`, bootstrapBrokers, deserializers: stringDeserializers, maxWaitTime: 200 }));
    try {
      // Admin: explicit partitions, and -1/-1 ("broker default", CreateTopics v4+), answered with the real numbers.
      const [created] = await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 });
      expect(created).toMatchObject({ name: topic, partitions: 2, replicas: 1 });
      expect(created!.id).toMatch(/^[0-9a-f-]{36}$/);
      const [byDefault] = await admin.createTopics({ topics: [`${topic}-default`], partitions: -1, replicas: -1 });
      expect(byDefault!.partitions).toBeGreaterThan(0);
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([topic, `${topic}-default`]));

      // Two members join before anything is produced, then split the two partitions.
      const received = new Map<string, Message<string, string, string, string>>();
      const streams = await Promise.all(
        members.map((c) => c.consume({ topics: [topic], mode: 'earliest', autocommit: false, sessionTimeout: 10_000, heartbeatInterval: 500 })),
      );
      for (const stream of streams) {
        stream.on('data', (m: Message<string, string, string, string>) => {
          received.set(`${m.partition}:${m.offset}`, m);
          void m.commit();
        });
      }
      const owned = (c: Consumer<string, string, string, string>) => (c.assignments ?? []).flatMap((a) => a.partitions);
      await waitFor(() => members.every((c) => owned(c).length === 1), 'one partition per member', 30_000);
      expect(members.flatMap(owned).sort()).toEqual([0, 1]);

      const sent = await producer.send({
        messages: Array.from({ length: 10 }, (_, i) => ({ topic, partition: i % 2, key: `k${i}`, value: `v${i}`, headers: new Map([['seq', String(i)]]) })),
      });
      expect(sent.offsets!.map((o) => [o.partition, Number(o.offset)]).sort()).toEqual([[0, 0], [1, 0]]);
      await waitFor(() => received.size === 10, 'all 10 messages', 30_000);
      for (let i = 0; i < 10; i++) {
        const m = received.get(`${i % 2}:${Math.floor(i / 2)}`)!;
        expect([m.key, m.value, m.headers.get('seq')]).toEqual([`k${i}`, `v${i}`, String(i)]);
      }

      // Commits, group listing and description, offsets: as another client sees them.
      const committedOffsets = async () => {
        const [g] = await admin.listConsumerGroupOffsets({ groups: [groupId] });
        return (g?.topics[0]?.partitions ?? []).map((p) => [p.partitionIndex, Number(p.committedOffset)]).sort();
      };
      await waitFor(async () => JSON.stringify(await committedOffsets()) === JSON.stringify([[0, 5], [1, 5]]), 'offsets 5 and 5 committed', 30_000);
      expect([...(await admin.listGroups()).keys()]).toContain(groupId);
      const described = (await admin.describeGroups({ groups: [groupId] })).get(groupId)!;
      expect(described.state).toBe('STABLE');
      expect(described.members.size).toBe(2);
      const [listed] = await admin.listOffsets({ topics: [{ name: topic, partitions: [{ partitionIndex: 1, timestamp: -1n }] }] });
      expect(Number(listed!.partitions[0]!.offset)).toBe(5);

      await Promise.all(streams.map((s) => s.close()));
      await admin.deleteTopics({ topics: [topic, `${topic}-default`] });
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await Promise.all(members.map((c) => c.close(true)));
      await producer.close();
      await admin.close();
    }

    // The versions it chose: its own highest for every API, all of them flexible.
    const max = platformaticMaximums();
    const picked = Object.fromEntries([...used].map(([key, versions]) => [API_BY_KEY.get(key)?.name ?? `key ${key}`, [...versions].sort((a, b) => a - b)]));
    // Except ApiVersions: the handshake that negotiates the rest, which it always opens with v3.
    const expected = Object.fromEntries([...used.keys()].map((key) => [API_BY_KEY.get(key)?.name ?? `key ${key}`, [key === 18 ? 3 : max.get(key)]]));
    expect(picked).toEqual(expected);
    for (const [key, versions] of used) for (const v of versions) expect(API_BY_KEY.get(key)!.codec(v)!.flexible).toBe(true);
    expect(Object.keys(picked)).toEqual(
      expect.arrayContaining(['ApiVersions', 'Metadata', 'CreateTopics', 'InitProducerId', 'Produce', 'FindCoordinator', 'JoinGroup', 'SyncGroup', 'Fetch', 'OffsetCommit', 'OffsetFetch', 'ListGroups', 'DescribeGroups', 'ListOffsets', 'DeleteTopics']),
    );
  }, 120_000);
});
