/**
 * Consumer groups through real TCP with kafkajs: partitions shared by two
 * members and rebalanced when one leaves, commits that survive a broker
 * restart, admin.fetchOffsets / describeGroups / listGroups. Runs against
 * whatever startKafka() provides (the restart case needs the dev broker).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsDevBroker, startKafka, waitFor, type TestKafka } from '@newswire/test-support';
import { testKafka } from './support/kafkajs-client.ts';

let kafka: TestKafka;
let client: Kafka;
let producer: Producer;
const consumers: Consumer[] = [];

beforeAll(async () => {
  kafka = await startKafka();
  // Silent: the restart tests make kafkajs log every refused reconnect.
  client = testKafka(kafka.brokers, 'groups-test');
  producer = client.producer({ allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  for (const c of consumers) await c.disconnect().catch(() => {});
  await producer?.disconnect().catch(() => {});
  await kafka?.stop();
});

/** Group changes take seconds; some checks ask the broker, so not too often. */
const POLL = { timeoutMs: 45_000, intervalMs: 100 };

async function createTopic(partitions: number): Promise<string> {
  const topic = `groups-${randomUUID().slice(0, 8)}`;
  const admin = client.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** A group member that records what it was assigned and every message it saw. */
function member(groupId: string, name: string) {
  const consumer = client.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, rebalanceTimeout: 15_000, maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  const state = { name, consumer, assigned: [] as number[], seen: [] as { partition: number; value: string }[] };
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    state.assigned = [...Object.values(e.payload.memberAssignment).flat()].sort((a, b) => a - b);
  });
  return state;
}

async function runMember(m: ReturnType<typeof member>, topic: string): Promise<void> {
  await m.consumer.connect();
  await m.consumer.subscribe({ topics: [topic], fromBeginning: true });
  await m.consumer.run({
    eachMessage: async ({ partition, message }) => {
      m.seen.push({ partition, value: message.value!.toString() });
    },
  });
}

async function produceToEach(topic: string, partitions: number, tag: string, perPartition: number): Promise<string[]> {
  const values: string[] = [];
  const messages = [];
  for (let p = 0; p < partitions; p++) {
    for (let i = 0; i < perPartition; i++) {
      const value = `${tag}-p${p}-${i}`;
      values.push(value);
      messages.push({ partition: p, value });
    }
  }
  await producer.send({ topic, acks: -1, messages });
  return values;
}

describe('kafkajs consumer group', () => {
  it('two members split the partitions; when one leaves the other takes them all and keeps consuming', async () => {
    const topic = await createTopic(4);
    const groupId = `g-${randomUUID()}`;
    const a = member(groupId, 'a');
    const b = member(groupId, 'b');
    await runMember(a, topic);
    await waitFor(() => a.assigned.length === 4, 'a to own all partitions', POLL);
    await runMember(b, topic);

    // Both members hold a disjoint, non-empty share that together covers every partition.
    await waitFor(() => {
      const all = [...a.assigned, ...b.assigned].sort();
      return a.assigned.length > 0 && b.assigned.length > 0 && all.length === 4 && new Set(all).size === 4;
    }, 'a balanced split', POLL);
    const before = { a: a.seen.length, b: b.seen.length };
    const split = await produceToEach(topic, 4, 'split', 5);
    await waitFor(() => {
      const got = new Set([...a.seen.slice(before.a), ...b.seen.slice(before.b)].map((m) => m.value));
      return split.every((v) => got.has(v));
    }, 'every message of the split phase', POLL);
    // Each member read only from its own partitions, so no message reached both.
    for (const m of [a, b]) {
      const mine = m.seen.slice(m === a ? before.a : before.b);
      expect(mine.length).toBeGreaterThan(0);
      for (const msg of mine) expect(m.assigned).toContain(msg.partition);
    }
    const aValues = new Set(a.seen.slice(before.a).map((m) => m.value));
    expect(b.seen.slice(before.b).filter((m) => aValues.has(m.value))).toEqual([]);

    const admin = client.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0]!;
      expect(g.state).toBe('Stable');
      expect(g.protocolType).toBe('consumer');
      expect(g.protocol).toBe('RoundRobinAssigner');
      expect(g.members).toHaveLength(2);
      const assignedViaAdmin = g.members
        .flatMap((mem) => Object.values(AssignerProtocol.MemberAssignment.decode(mem.memberAssignment)?.assignment ?? {}).flat())
        .sort();
      expect(assignedViaAdmin).toEqual([0, 1, 2, 3]);
      expect((await admin.listGroups()).groups).toContainEqual({ groupId, protocolType: 'consumer' });
    } finally {
      await admin.disconnect();
    }

    // b leaves (LeaveGroup on disconnect): a rebalances to all four partitions.
    await b.consumer.disconnect();
    await waitFor(() => a.assigned.length === 4, 'a to take over every partition', POLL);
    const afterLeave = await produceToEach(topic, 4, 'after-leave', 3);
    await waitFor(() => {
      const got = new Set(a.seen.map((m) => m.value));
      return afterLeave.every((v) => got.has(v));
    }, 'a to consume the new messages on all partitions', POLL);
  }, 150_000);

  it('a member whose process is killed (no LeaveGroup) is dropped when its session times out', async () => {
    const topic = await createTopic(2);
    const groupId = `g-${randomUUID()}`;
    const a = member(groupId, 'a');
    await runMember(a, topic);
    await waitFor(() => a.assigned.length === 2, 'a to own both partitions', POLL);

    // The other member lives in its own process so it can die without a word.
    const script = `
      import { Kafka, logLevel } from 'kafkajs';
      const kafka = new Kafka({ brokers: ${JSON.stringify(kafka.brokers)}, clientId: 'doomed', logLevel: logLevel.NOTHING });
      const c = kafka.consumer({ groupId: ${JSON.stringify(groupId)}, sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 15000, maxWaitTimeInMs: 200 });
      c.on(c.events.GROUP_JOIN, (e) => console.log('assigned ' + JSON.stringify(Object.values(e.payload.memberAssignment).flat())));
      await c.connect();
      await c.subscribe({ topics: [${JSON.stringify(topic)}] });
      await c.run({ eachMessage: async () => {} });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.on('exit', r));
    let childAssigned: number[] = [];
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.startsWith('assigned ')) childAssigned = JSON.parse(line.slice(9)) as number[];
    });
    try {
      await waitFor(() => a.assigned.length === 1 && childAssigned.length === 1, 'the two processes to split the partitions', POLL);
      child.kill('SIGKILL');
      await exited;
      // a gets 27 on a heartbeat once the dead member's 6 s session has run out, rejoins and takes both partitions.
      await waitFor(() => a.assigned.length === 2, 'a to own both partitions again', { ...POLL, timeoutMs: 60_000 });
      const after = await produceToEach(topic, 2, 'after-crash', 2);
      await waitFor(() => after.every((v) => a.seen.some((s) => s.value === v)), 'a to consume from both partitions', POLL);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 150_000);

  it.skipIf(needsDevBroker('a restart of the broker'))('commits survive a broker restart: a new member resumes after the last committed message', async () => {
    const topic = await createTopic(2);
    const groupId = `g-${randomUUID()}`;
    const first = await produceToEach(topic, 2, 'first', 5);
    const m1 = member(groupId, 'm1');
    await runMember(m1, topic);
    await waitFor(() => first.every((v) => m1.seen.some((s) => s.value === v)), 'the first batch', POLL);
    await m1.consumer.disconnect(); // commits what it processed and leaves

    const admin = client.admin();
    await admin.connect();
    const committed = async () =>
      (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]!.partitions.map((p) => [p.partition, p.offset]).sort();
    expect(await committed()).toEqual([[0, '5'], [1, '5']]);
    await admin.disconnect();

    await kafka.restart();

    const admin2 = client.admin();
    await admin2.connect();
    try {
      const after = (await admin2.fetchOffsets({ groupId, topics: [topic] }))[0]!.partitions.map((p) => [p.partition, p.offset]).sort();
      expect(after).toEqual([[0, '5'], [1, '5']]);
      const { groups } = await admin2.describeGroups([groupId]);
      expect(groups[0]).toMatchObject({ groupId, state: 'Empty', members: [] });
    } finally {
      await admin2.disconnect();
    }

    const second = await produceToEach(topic, 2, 'second', 2);
    const m2 = member(groupId, 'm2');
    await runMember(m2, topic);
    await waitFor(() => second.every((v) => m2.seen.some((s) => s.value === v)), 'the second batch', POLL);
    // Nothing committed before the restart is delivered again.
    expect(m2.seen.map((s) => s.value).sort()).toEqual([...second].sort());
  }, 150_000);

  it.skipIf(needsDevBroker('a restart of the broker'))('a member running across a broker restart rejoins and continues after its committed offsets', async () => {
    const topic = await createTopic(2);
    const groupId = `g-${randomUUID()}`;
    const first = await produceToEach(topic, 2, 'before', 3);
    const m = member(groupId, 'm');
    let joins = 0;
    m.consumer.on(m.consumer.events.GROUP_JOIN, () => joins++);
    await runMember(m, topic);
    await waitFor(() => first.every((v) => m.seen.some((s) => s.value === v)), 'the first batch', POLL);
    const admin = client.admin();
    await admin.connect();
    try {
      await waitFor(async () => {
        const res = await admin.fetchOffsets({ groupId, topics: [topic] });
        return res[0]!.partitions.every((p) => p.offset === '3');
      }, 'the first batch to be committed', POLL);
    } finally {
      await admin.disconnect();
    }
    const joinsBefore = joins;

    await kafka.restart();

    const second = await produceToEach(topic, 2, 'after', 3);
    await waitFor(() => second.every((v) => m.seen.some((s) => s.value === v)), 'the member to read the new messages', { ...POLL, timeoutMs: 60_000 });
    // The restarted coordinator (groups are not persisted) makes it join again. Not necessarily
    // before the messages above: a Fetch does not depend on group membership (in Kafka neither),
    // so the member may read them before its heartbeat or commit learns that the group is gone.
    await waitFor(() => joins > joinsBefore, 'the member to rejoin the restarted coordinator', POLL);
    const values = m.seen.map((s) => s.value);
    expect(values.filter((v) => v.startsWith('before')).sort()).toEqual([...first].sort()); // nothing delivered twice
  }, 150_000);

  it('deleting a topic drops the offsets committed for it', async () => {
    const topic = await createTopic(1);
    const groupId = `g-${randomUUID()}`;
    const values = await produceToEach(topic, 1, 'del', 2);
    const m = member(groupId, 'm');
    await runMember(m, topic);
    await waitFor(() => values.every((v) => m.seen.some((s) => s.value === v)), 'both messages', POLL);
    await m.consumer.disconnect();
    const admin = client.admin();
    await admin.connect();
    try {
      const offsetOf = async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]!.partitions[0]!.offset;
      expect(await offsetOf()).toBe('2');
      await admin.deleteTopics({ topics: [topic] });
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      await waitFor(async () => (await offsetOf()) === '-1', 'the old commit to be gone', POLL);
    } finally {
      await admin.disconnect();
    }
  }, 150_000);

  it('fetchOffsets answers -1 for partitions never committed, and describes unknown groups as Dead', async () => {
    const topic = await createTopic(3);
    const admin = client.admin();
    await admin.connect();
    try {
      const res = await admin.fetchOffsets({ groupId: `never-${randomUUID()}`, topics: [topic] });
      expect(res[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1', '-1']);
      const { groups } = await admin.describeGroups([`unknown-${randomUUID()}`]);
      expect(groups[0]).toMatchObject({ errorCode: 0, state: 'Dead', members: [] });
    } finally {
      await admin.disconnect();
    }
  }, 150_000);
});
