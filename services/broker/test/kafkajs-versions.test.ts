/**
 * Which protocol version kafkajs picks for each API against the dev broker.
 * kafkajs uses min(its highest version, the broker's maximum) per API; a
 * current Kafka (3.x, 4.x) advertises more than kafkajs implements for every
 * API kafkajs uses, so there kafkajs runs at its own maximums. The dev broker
 * must give the same: every request of a whole admin, idempotent producer and
 * consumer-group cycle is recorded and must be at kafkajs's highest version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { needsDevBroker, type TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, consumeN, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';

let kafka: TestKafka;
let client: Kafka;
let admin: Admin;
beforeAll(async () => ({ kafka, client, admin } = await openKafkaWithAdmin()));
afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

/** kafkajs's highest implemented version per API name, read from its own request modules. */
function kafkajsMaximums(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const requestsDir = join(dirname(require.resolve('kafkajs/src/protocol/requests/index.js')));
  const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as Record<string, number>;
  const dirByKey = new Map<number, string>();
  for (const dir of readdirSync(requestsDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    // kafkajs calls FindCoordinator by its old name.
    const name = dir.name === 'findCoordinator' ? 'GroupCoordinator' : dir.name[0]!.toUpperCase() + dir.name.slice(1);
    if (apiKeys[name] !== undefined) dirByKey.set(apiKeys[name], dir.name);
  }
  const max = new Map<string, number>();
  for (const [name, key] of Object.entries(apiKeys)) {
    const dir = dirByKey.get(key);
    if (!dir) continue;
    const versions = readdirSync(join(requestsDir, dir)).filter((f) => /^v\d+$/.test(f)).map((f) => Number(f.slice(1)));
    if (versions.length) max.set(name, Math.max(...versions));
  }
  return max;
}

/** What admin, producer and consumer share: a REQUEST instrumentation event. */
interface Instrumented {
  events: { REQUEST: string };
  on(event: string, listener: (e: { payload: { apiName: string; apiVersion: number } }) => void): unknown;
}

describe('kafkajs against the dev broker', () => {
  it.skipIf(needsDevBroker('its ApiVersions ranges; older real brokers advertise lower maximums'))('uses its highest version of every API, as against a current Kafka', async () => {
    // Older real brokers (2.x) advertise lower maximums for some APIs; the claim is about the dev broker.
    const used = new Map<string, Set<number>>();
    const record = (client: Admin | Producer | Consumer): void => {
      const c = client as unknown as Instrumented;
      c.on(c.events.REQUEST, (e) => {
        const s = used.get(e.payload.apiName) ?? new Set<number>();
        s.add(e.payload.apiVersion);
        used.set(e.payload.apiName, s);
      });
    };
    // A fresh admin, so its ApiVersions/Metadata handshake is recorded too.
    const a = client.admin();
    record(a);
    await a.connect();
    const topic = uniq('versions');
    const groupId = uniq('versions-group');
    await a.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });

    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    record(producer);
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }] });
    await producer.disconnect();

    const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100 });
    record(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got = await consumeN(consumer, 3);
    await consumer.disconnect();
    expect(got).toHaveLength(3);

    await a.fetchTopicOffsets(topic);
    await a.fetchTopicOffsetsByTimestamp(topic, Date.now() - 60_000);
    await a.fetchOffsets({ groupId, topics: [topic] });
    await a.describeGroups([groupId]);
    await a.listGroups();
    await a.fetchTopicMetadata({ topics: [topic] });
    await a.deleteTopics({ topics: [topic] });
    await a.disconnect();

    const max = kafkajsMaximums();
    const picked = Object.fromEntries([...used].map(([name, versions]) => [name, [...versions].sort((x, y) => x - y)]));
    const expected = Object.fromEntries([...used.keys()].map((name) => [name, [max.get(name)]]));
    expect(picked).toEqual(expected);
    // The whole cycle was spoken (Heartbeat too, when the consumer lived long enough to send one).
    expect(Object.keys(picked)).toEqual(
      expect.arrayContaining([
        'ApiVersions', 'CreateTopics', 'DeleteTopics', 'DescribeGroups', 'Fetch', 'GroupCoordinator', 'InitProducerId',
        'JoinGroup', 'LeaveGroup', 'ListGroups', 'ListOffsets', 'Metadata', 'OffsetCommit', 'OffsetFetch', 'Produce', 'SyncGroup',
      ]),
    );
    expect(picked).toMatchObject({ Produce: [7], Fetch: [11], Metadata: [6], JoinGroup: [5], OffsetCommit: [5], OffsetFetch: [4], ListOffsets: [3] });
  }, 60_000);
});
