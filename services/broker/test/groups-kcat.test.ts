/**
 * librdkafka's balanced consumer (`kcat -C -G <group> <topic>`) against the
 * broker: two kcat members split the partitions, one leaves and the other
 * takes over, and their commits are visible to kafkajs's admin. Skipped with
 * a message where kcat is not installed (CI installs it).
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, type Admin, type Kafka, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, waitFor, type TestKafka } from '@newswire/test-support';
import { testKafka } from './support/kafkajs-client.ts';

function kcatInstalled(): boolean {
  try {
    execFileSync('kcat', ['-V'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
const hasKcat = kcatInstalled();
if (!hasKcat) console.warn('[groups-kcat] kcat is not installed: skipping the librdkafka consumer-group tests (apt-get install -y kcat)');

interface KcatMember {
  proc: ChildProcessWithoutNullStreams;
  lines: { partition: number; value: string }[];
  exited: Promise<number | null>;
}

let kafka: TestKafka;
let client: Kafka;
let producer: Producer;
let admin: Admin;
const procs: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  if (!hasKcat) return;
  kafka = await startKafka();
  client = testKafka(kafka.brokers, 'groups-kcat-test');
  producer = client.producer();
  admin = client.admin();
  await Promise.all([producer.connect(), admin.connect()]);
});

afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  await producer?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  await kafka?.stop();
});

/** Group changes take seconds; the checks ask the broker, so not too often. */
const POLL = { timeoutMs: 60_000, intervalMs: 200 };

function startKcat(groupId: string, topic: string, clientId: string): KcatMember {
  const proc = spawn('kcat', [
    '-b', kafka.brokers.join(','),
    '-G', groupId,
    '-X', `client.id=${clientId}`,
    '-X', 'auto.offset.reset=earliest',
    '-X', 'session.timeout.ms=6000',
    '-X', 'heartbeat.interval.ms=500',
    '-q', '-u',
    '-f', '%p %s\\n',
    topic,
  ]);
  procs.push(proc);
  const member: KcatMember = { proc, lines: [], exited: new Promise((r) => proc.on('exit', (code) => r(code))) };
  let buf = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const sp = line.indexOf(' ');
      if (sp > 0) member.lines.push({ partition: Number(line.slice(0, sp)), value: line.slice(sp + 1) });
    }
  });
  proc.stderr.resume();
  return member;
}

/** Partitions each member holds, by client id, as the coordinator reports them. */
async function assignmentsByClient(groupId: string): Promise<{ state: string; protocol: string; byClient: Map<string, number[]> }> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0]!;
  const byClient = new Map<string, number[]>();
  for (const m of g.members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
    byClient.set(m.clientId, Object.values(decoded?.assignment ?? {}).flat().sort());
  }
  return { state: g.state, protocol: g.protocol, byClient };
}

describe.skipIf(!hasKcat)('kcat balanced consumer (-C -G)', () => {
  it('two kcat members share the partitions, one leaves, the other takes over; commits are visible to kafkajs', async () => {
    const topic = `kcat-groups-${randomUUID().slice(0, 8)}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    const groupId = `kcat-${randomUUID()}`;
    const a = startKcat(groupId, topic, 'kcat-a');
    const b = startKcat(groupId, topic, 'kcat-b');

    let split = new Map<string, number[]>();
    await waitFor(async () => {
      const d = await assignmentsByClient(groupId);
      split = d.byClient;
      const all = [...d.byClient.values()].flat();
      return d.state === 'Stable' && d.byClient.size === 2 && [...d.byClient.values()].every((p) => p.length > 0) && all.length === 3 && new Set(all).size === 3;
    }, 'a stable group of two kcat members with disjoint shares', POLL);
    expect(['range', 'roundrobin']).toContain((await assignmentsByClient(groupId)).protocol);

    const firstValues: string[] = [];
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2].flatMap((p) => [0, 1].map((i) => {
        const value = `one-p${p}-${i}`;
        firstValues.push(value);
        return { partition: p, value };
      })),
    });
    await waitFor(() => {
      const got = new Set([...a.lines, ...b.lines].map((l) => l.value));
      return firstValues.every((v) => got.has(v));
    }, 'both kcat members to print every message', POLL);
    for (const [m, id] of [[a, 'kcat-a'], [b, 'kcat-b']] as const) {
      for (const line of m.lines) expect(split.get(id)).toContain(line.partition);
    }

    // b leaves cleanly (SIGTERM: librdkafka commits and sends LeaveGroup); a gets every partition.
    b.proc.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    await waitFor(async () => {
      const d = await assignmentsByClient(groupId);
      return d.state === 'Stable' && d.byClient.size === 1 && d.byClient.get('kcat-a')?.join() === '0,1,2';
    }, 'kcat-a to own all three partitions', POLL);
    await producer.send({ topic, acks: -1, messages: [0, 1, 2].map((p) => ({ partition: p, value: `two-p${p}` })) });
    await waitFor(() => [0, 1, 2].every((p) => a.lines.some((l) => l.value === `two-p${p}`)), 'kcat-a to print the messages produced after the rebalance', POLL);

    a.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    // librdkafka committed what it consumed: 3 messages per partition.
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([[0, '3'], [1, '3'], [2, '3']]);
    const { groups } = await admin.describeGroups([groupId]);
    expect(groups[0]).toMatchObject({ state: 'Empty', protocolType: 'consumer', members: [] });
  }, 150_000);

  it('a kcat member refuses to share a group with a kafkajs member offering no common protocol', async () => {
    // kafkajs offers "RoundRobinAssigner", librdkafka "range"/"roundrobin": the broker answers 23.
    const topic = `kcat-mixed-${randomUUID().slice(0, 8)}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const groupId = `mixed-${randomUUID()}`;
    const k = startKcat(groupId, topic, 'kcat-only');
    await waitFor(async () => (await assignmentsByClient(groupId)).state === 'Stable', 'kcat to be Stable in the group', POLL);
    const consumer = client.consumer({ groupId, retry: { retries: 0 } });
    await consumer.connect();
    try {
      let crashed: Error | undefined;
      consumer.on(consumer.events.CRASH, (e) => {
        crashed = e.payload.error;
      });
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ eachMessage: async () => {} });
      await waitFor(() => crashed !== undefined, 'the kafkajs member to be refused', POLL);
      expect(crashed!.message).toMatch(/protocol/i);
    } finally {
      await consumer.disconnect().catch(() => {});
      k.proc.kill('SIGTERM');
      await k.exited;
    }
  }, 150_000);
});
