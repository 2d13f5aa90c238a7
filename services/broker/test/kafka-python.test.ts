/**
 * kafka-python (Debian's python3-kafka; CI installs it) against the broker,
 * with no api_version pinned: its version probe (ApiVersions, then Metadata
 * v0), admin create and list topics, a gzip producer with headers, a consumer
 * group of two members that split the partitions and commit, and offsets for
 * times. A Python script drives kafka-python (support/kafka_python_cycle.py);
 * this test checks what it reports against what the broker stored, read by
 * other clients (kafkajs, and a raw Fetch for the batches' codec).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import type { TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { readFetchV4 } from './support/wire-frames.ts';

const SCRIPT = join(import.meta.dirname, 'support/kafka_python_cycle.py');

/** A Python that can import kafka-python: Debian's own first (python3-kafka installs there). */
function findPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import kafka'], { stdio: 'ignore', timeout: 20_000 });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}

const python = findPython();
if (!python) console.warn('[kafka-python] skipped: no python3 with kafka-python (apt-get install python3-kafka)');

interface Step {
  step: string;
  [k: string]: unknown;
}

function runCycle(bootstrap: string, topic: string, group: string): Promise<Step[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python!, [SCRIPT, bootstrap, topic, group], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`kafka-python cycle exited ${code}:\n${err.slice(-3000)}\n${out.slice(-2000)}`));
      else resolve(out.trim().split('\n').map((l) => JSON.parse(l) as Step));
    });
  });
}

let kafka: TestKafka;
let admin: Admin;
beforeAll(async () => {
  if (python) ({ kafka, admin } = await openKafkaWithAdmin());
});
afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

describe.skipIf(!python)('kafka-python (no version pinned)', () => {
  it('probes, creates and lists, produces gzip with headers, shares a group of two with commits, finds offsets for times', async () => {
    const topic = uniq('kafka-python');
    const group = uniq('kafka-python-group');
    const steps = await runCycle(kafka.brokers[0]!, topic, group);
    const step = (name: string): Step => steps.find((s) => s.step === name)!;

    expect(step('api_version').version).toEqual(expect.any(Array));
    expect(step('created').topics).toEqual([topic]);
    expect(step('produced').offsets).toEqual([0, 1].flatMap((p) => [0, 1, 2, 3, 4].map((o) => [p, o])));

    // Two members, one partition each, each committed at the end of its partition.
    const members = steps.filter((s) => s.step === 'member') as unknown as {
      assigned: number[];
      committed: Record<string, number>;
      records: { partition: number; offset: number; key: string; value: string; headers: [string, string][]; timestamp: number }[];
    }[];
    expect(members.map((m) => m.assigned).flat().sort()).toEqual([0, 1]);
    for (const m of members) expect(m.committed).toEqual({ [String(m.assigned[0])]: 5 });
    // Everything produced was read, with its key, value, headers and timestamp (1 s apart per partition).
    const read = new Map(members.flatMap((m) => m.records).map((r) => [`${r.partition}:${r.offset}`, r]));
    expect(read.size).toBe(10);
    for (const p of [0, 1]) {
      const first = read.get(`${p}:0`)!.timestamp;
      for (let i = 0; i < 5; i++) {
        expect(read.get(`${p}:${i}`)).toMatchObject({ key: `k${p}-${i}`, value: `v${p}-${i}`, headers: [['source', 'kafka-python'], ['seq', String(i)]], timestamp: first + i * 1000 });
      }
    }
    expect(step('offsets_for_times').offsets).toMatchObject({ 0: [3, expect.any(Number)], 1: [3, expect.any(Number)] });
    expect(step('end_offsets').offsets).toEqual({ 0: 5, 1: 5 });
    expect(step('done')).toBeDefined();

    // Another client sees the group's commits.
    const committed = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(committed[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([[0, '5'], [1, '5']]);
    // The batches are stored as kafka-python sent them: gzip (codec 1).
    const conn = await RawConnection.open(Number(kafka.brokers[0]!.split(':').pop()), kafka.brokers[0]!.split(':')[0]);
    conn.send(await kafkajsRequestFrame('fetch', 4, { replicaId: -1, maxWaitTime: 0, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic, partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }] }, 9));
    const [p0] = readFetchV4((await conn.next()).body);
    conn.destroy();
    expect(p0!.batches.length).toBeGreaterThan(0);
    expect(p0!.batches.every((b) => (b.attributes & 0x7) === 1)).toBe(true);
  }, 180_000);
});
