/**
 * Durability of the dev broker (issue 2, item 6): a broker PROCESS with
 * flush `always`, a kafkajs producer with acks=-1 sending a numbered stream,
 * kill -9 mid-stream, restart on the same data dir: every acknowledged
 * message is there exactly once and in order, and the log takes new writes.
 *
 * This test deliberately bypasses startKafka(): it must SIGKILL the broker,
 * which needs a broker in a separate process of its own (startKafka gives an
 * in-process broker, a container or an external cluster, none killable here).
 * It is therefore specific to the dev broker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { RawConnection } from '../services/broker/test/support/raw-connection.ts';
import { fetchFrame } from '../services/broker/test/support/wire-frames.ts';
import { testKafka } from '../services/broker/test/support/kafkajs-client.ts';
import { waitFor } from '@newswire/test-support/wait';

const ROOT = resolve(import.meta.dirname, '..');
const MAIN = join(ROOT, 'services/broker/src/main.ts');
const TOPIC = 'durability';
const BATCH = 10;

interface BrokerProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: string[];
}

const started: BrokerProcess[] = [];
const dataDirs: string[] = [];

/** Each test gets its own data dir (a dir is locked by the broker using it). */
function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newswire-durability-'));
  dataDirs.push(dir);
  return dir;
}

/** Spawn `main.ts` and wait for its "broker listening" log line, which carries the bound port. */
async function spawnBroker(dataDir: string, askPort = 0, extraArgs: string[] = []): Promise<BrokerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--host', '127.0.0.1', '--port', String(askPort), '--data-dir', dataDir, '--flush', 'always', ...extraArgs], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const proc: BrokerProcess = { child, port: 0, exited, output };
  started.push(proc);
  createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`broker did not start in time:\n${output.slice(-20).join('\n')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'broker listening' && typeof entry.port === 'number') {
          clearTimeout(timer);
          res(entry.port);
        }
      } catch {
        /* not a JSON log line */
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`broker exited with ${code} before listening:\n${output.slice(-20).join('\n')}`));
    });
  });
  proc.port = port;
  return proc;
}

function client(port: number, retries = 0) {
  return testKafka([`127.0.0.1:${port}`], 'durability-test', retries);
}

/** Read the whole partition from the beginning: values in offset order (`lost`: offsets known to be gone). */
async function readAll(port: number, topic = TOPIC, lost = 0): Promise<{ offsets: number[]; values: string[] }> {
  const kafka = client(port);
  const admin = kafka.admin();
  await admin.connect();
  const [p0] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const high = Number(p0!.high) - lost;
  const consumer = kafka.consumer({ groupId: `durability-reader-${Date.now()}` });
  const offsets: number[] = [];
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      offsets.push(Number(message.offset));
      values.push(message.value!.toString());
    },
  });
  try {
    await waitFor(() => offsets.length >= high, () => `reading ${high} messages (got ${offsets.length})`, 60_000);
  } finally {
    await consumer.disconnect();
  }
  return { offsets, values };
}

afterAll(async () => {
  for (const b of started) {
    if (b.child.exitCode === null && b.child.signalCode === null) {
      b.child.kill('SIGTERM');
      await Promise.race([b.exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGKILL');
    }
  }
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

describe('dev broker durability (separate process, flush always, kill -9)', () => {
  it('keeps every acknowledged message exactly once and in order across kill -9, then takes new writes', async () => {
    const dataDir = newDataDir();
    const first = await spawnBroker(dataDir);
    const kafka = client(first.port);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // Fail fast: a send to the killed broker must reject, not retry into the restarted one.
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    const acked: number[] = [];
    let sendError: unknown = null;
    // A numbered stream, one batch in flight at a time: acks arrive in order.
    const stream = (async () => {
      for (let n = 0; ; n += BATCH) {
        const messages = Array.from({ length: BATCH }, (_, i) => ({ key: `k${n + i}`, value: String(n + i) }));
        try {
          await producer.send({ topic: TOPIC, acks: -1, messages });
        } catch (err) {
          sendError = err;
          return;
        }
        for (const m of messages) acked.push(Number(m.value));
      }
    })();

    await waitFor(() => acked.length >= 1500 || sendError !== null, '1500 acknowledged messages', 60_000);
    expect(sendError).toBeNull();
    first.child.kill('SIGKILL'); // mid-stream: the next send is already on the wire
    expect(await first.exited).toBeNull();
    await stream;
    expect(sendError).not.toBeNull();
    await producer.disconnect().catch(() => {});
    const ackedCount = acked.length;
    expect(acked).toEqual(Array.from({ length: ackedCount }, (_, i) => i));

    const second = await spawnBroker(dataDir);
    const { offsets, values } = await readAll(second.port);
    // Offsets 0..k-1 and values 0..k-1: nothing lost, nothing twice, nothing reordered.
    expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => String(i)));
    // Every acknowledged message is there; at most the one unacknowledged in-flight batch more.
    expect(values.length).toBeGreaterThanOrEqual(ackedCount);
    expect(values.length).toBeLessThanOrEqual(ackedCount + BATCH);

    // The recovered log takes new writes after what survived.
    const after = client(second.port).producer({ allowAutoTopicCreation: false });
    await after.connect();
    const res = await after.send({ topic: TOPIC, acks: -1, messages: [{ value: 'after-restart-0' }, { value: 'after-restart-1' }] });
    await after.disconnect();
    expect(Number(res[0]!.baseOffset)).toBe(values.length);
    const again = await readAll(second.port);
    expect(again.values.slice(-2)).toEqual(['after-restart-0', 'after-restart-1']);
    expect(again.values.length).toBe(values.length + 2);
  }, 180_000);

  it('an idempotent producer retrying a stored but unacknowledged batch across kill -9 gets it deduplicated', async () => {
    const topic = 'durability-idempotent';
    const dataDir = newDataDir();
    const first = await spawnBroker(dataDir);
    const port = first.port;
    const kafka = client(port, 20);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // Retries span the restart (same port): the batch in flight at the kill is resent with
    // the same producer id and sequence, and the recovered broker must recognise it.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    await producer.connect();
    const batchOf = (n: number) => Array.from({ length: BATCH }, (_, i) => ({ value: String(n + i) }));
    const total = 2000;
    const crashAt = 1000;
    for (let n = 0; n < crashAt; n += BATCH) await producer.send({ topic, acks: -1, messages: batchOf(n) });

    // Make the crash land exactly between "stored" and "acknowledged": send one batch, then
    // block this event loop (so kafkajs cannot read the ack) until the batch shows up in the
    // segment file, and SIGKILL the broker from inside that synchronous wait.
    const segment = join(dataDir, `${topic}-0`, '00000000000000000000.log');
    const sizeBefore = statSync(segment).size;
    const inFlight = producer.send({ topic, acks: -1, messages: batchOf(crashAt) });
    let killed = false;
    for (let attempt = 0; attempt < 200 && !killed; attempt++) {
      await new Promise((r) => setImmediate(r)); // let kafkajs put the request on the wire
      const until = Date.now() + 50;
      while (!killed && Date.now() < until) {
        if (statSync(segment).size > sizeBefore) {
          process.kill(first.child.pid!, 'SIGKILL');
          killed = true;
        }
      }
    }
    expect(killed).toBe(true);
    expect(await first.exited).toBeNull();
    const restarted = await spawnBroker(dataDir, port);
    await inFlight; // retried into the restarted broker and acknowledged
    for (let n = crashAt + BATCH; n < total; n += BATCH) await producer.send({ topic, acks: -1, messages: batchOf(n) });
    await producer.disconnect();

    const { offsets, values } = await readAll(restarted.port, topic);
    expect(values).toEqual(Array.from({ length: total }, (_, i) => String(i)));
    expect(offsets).toEqual(Array.from({ length: total }, (_, i) => i));
  }, 180_000);
});

/** Run the broker on a data dir it must refuse: resolves with its exit code and everything it printed. */
async function brokerRefuses(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, port: 0, exited: new Promise((r) => child.once('exit', r)), output: [] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
    // It started after all: stop it so the assertion on the exit code fails at once.
    if (output.includes('"broker listening"')) child.kill('SIGKILL');
  });
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((res) => child.once('exit', (c) => res(c)));
  return { code, output };
}

/** SIGTERM, and the broker exits by itself (its exit code is the process contract's, not checked here). */
async function stopBroker(b: BrokerProcess): Promise<void> {
  b.child.kill('SIGTERM');
  expect(await b.exited).not.toBeNull();
}

/** Batches of a partition directory, read straight from its segment files. */
interface StoredBatch {
  file: string;
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

function storedBatches(partitionDir: string): StoredBatch[] {
  const out: StoredBatch[] = [];
  for (const name of readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort()) {
    const file = join(partitionDir, name);
    const bytes = readFileSync(file);
    for (let pos = 0; pos < bytes.length; ) {
      const size = 12 + bytes.readInt32BE(pos + 8);
      const baseOffset = Number(bytes.readBigInt64BE(pos));
      out.push({ file, position: pos, size, baseOffset, lastOffset: baseOffset + bytes.readInt32BE(pos + 23) });
      pos += size;
    }
  }
  return out;
}

function sizes(partitionDir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(partitionDir).sort().map((f) => [f, statSync(join(partitionDir, f)).size]));
}

function overwrite(file: string, position: number, bytes: number[]): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from(bytes), 0, bytes.length, position);
  closeSync(fd);
}

describe('dev broker recovery never deletes intact data (issue 13)', () => {
  it('refuses to start on damage in an older segment, naming it; --repair loses only the damaged batch', async () => {
    const topic = 'durability-damage';
    const dataDir = newDataDir();
    const partitionDir = join(dataDir, `${topic}-0`);
    const first = await spawnBroker(dataDir, 0, ['--segment-bytes', '4096', '--partitions', '1']);
    const kafka = client(first.port, 5);
    const producer = kafka.producer(); // auto-creates the topic with 1 partition
    await producer.connect();
    for (let n = 0; n < 1600; n += BATCH) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: BATCH }, (_, i) => ({ value: String(n + i) })) });
    }
    await producer.disconnect();
    await stopBroker(first);

    // One corrupt length field in an older segment (before the fix: every later segment deleted, HW 1600 -> ~60).
    const batches = storedBatches(partitionDir);
    const files = [...new Set(batches.map((b) => b.file))];
    expect(files.length).toBeGreaterThan(5);
    const victim = batches.find((b) => b.file === files[2] && b.position > 0)!;
    overwrite(victim.file, victim.position + 8, [0x7f, 0xff, 0xff, 0xff]);
    const before = sizes(partitionDir);

    const refused = await brokerRefuses(dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(victim.file);
    expect(refused.output).toContain(`byte ${victim.position}`);
    expect(refused.output).toContain(`offsets ${victim.baseOffset}..${victim.lastOffset}`);
    expect(refused.output).toContain('--repair');
    expect(sizes(partitionDir)).toEqual(before);

    // The operator's explicit choice: only the damaged batch's offsets are lost.
    const repaired = await spawnBroker(dataDir, 0, ['--repair']);
    const lost = (v: number) => v >= victim.baseOffset && v <= victim.lastOffset;
    const expected = Array.from({ length: 1600 }, (_, i) => i).filter((i) => !lost(i));
    const got = await readAll(repaired.port, topic, victim.lastOffset - victim.baseOffset + 1);
    expect(got.offsets).toEqual(expected);
    expect(got.values).toEqual(expected.map(String));
    await stopBroker(repaired);

    // The repaired log is consistent: a normal start takes it as it is, high watermark still 1600.
    const normal = await spawnBroker(dataDir);
    const admin2 = client(normal.port).admin();
    await admin2.connect();
    const [p0] = await admin2.fetchTopicOffsets(topic);
    await admin2.disconnect();
    expect(Number(p0!.high)).toBe(1600);
    await stopBroker(normal);

    // Flipped payload bytes in another older segment are caught by the CRC-32C at start.
    const other = storedBatches(partitionDir).find((b) => b.file === files[4])!;
    const bytes = readFileSync(other.file);
    overwrite(other.file, other.position + other.size - 2, [bytes[other.position + other.size - 2]! ^ 0x01]);
    const refusedAgain = await brokerRefuses(dataDir);
    expect(refusedAgain.code).toBe(1);
    expect(refusedAgain.output).toContain('CRC-32C');
    expect(refusedAgain.output).toContain(`byte ${other.position}`);
  }, 180_000);
});

describe('dev broker shutdown (issue 13)', () => {
  it('SIGTERM stops the broker whatever its clients do, with a clean-shutdown marker, and it restarts', async () => {
    const topic = 'durability-shutdown';
    const dataDir = newDataDir();
    const b = await spawnBroker(dataDir, 0, ['--partitions', '1']);
    const kafka = client(b.port, 5);
    const producer = kafka.producer();
    await producer.connect();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 40; i++) await producer.send({ topic, messages: [{ value: big }] });

    // Clients in every state: a socket that never speaks, a half-sent frame, a long-polling
    // Fetch, a reader that stopped reading with megabytes of responses queued, a consumer group.
    const conns: RawConnection[] = [];
    const open = async () => {
      const c = await RawConnection.open(b.port);
      conns.push(c);
      return c;
    };
    await open();
    const half = Buffer.alloc(10);
    half.writeInt32BE(1000, 0);
    (await open()).send(half);
    (await open()).send(fetchFrame(1, topic, 0, 40, 25_000));
    const stalled = await open();
    stalled.pause();
    for (let i = 0; i < 30; i++) stalled.send(fetchFrame(100 + i, topic, 0, 0, 0));
    const consumer = kafka.consumer({ groupId: 'shutdown-group' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    void consumer.run({ eachMessage: async () => void consumed++ });
    await waitFor(() => consumed > 0, 'the consumer group to read', 60_000);

    b.child.kill('SIGTERM');
    expect(await b.exited).not.toBeNull(); // it exited by itself
    expect(existsSync(join(dataDir, '.clean-shutdown'))).toBe(true);
    for (const c of conns) c.destroy();
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});

    const again = await spawnBroker(dataDir);
    const admin = client(again.port).admin();
    await admin.connect();
    const [p0] = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(Number(p0!.high)).toBe(40);
    await stopBroker(again);
  }, 120_000);
});
