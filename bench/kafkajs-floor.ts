/**
 * What kafkajs alone can send on this machine: the ceiling for any newswire
 * producer, since every one of them publishes through kafkajs. It sends
 * through the Kafka port's sender (a thin layer on kafkajs's sendBatch that
 * only maps the response to per-record offsets), so no bench imports kafkajs.
 *
 * `runKafkajsFloor(brokers, n, processes)` spawns `processes` copies of this
 * file. Each builds its share of the N messages in memory first, exactly as
 * `publish --file` sends them (the update's JSON bytes as value, the story as
 * key, the five CloudEvents headers, the partition computed as the publisher
 * does), connects one idempotent sender, waits for "go" on stdin, then
 * sends them in requests of 1,000, acks=-1. No file, no
 * validation, no process start-up is measured: only the client's own work.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
// The same v2 values and headers the publisher sends.
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';
import { cloudEventHeaders, topicForKind } from '@newswire/schema/v2';
import { openKafka, partitionForKey, type OutgoingRecord } from '@newswire/kafka';
import { createLogger } from '@newswire/config';

export interface FloorResult {
  processes: number;
  updates: number;
  /** From "go" to the last acknowledgement. */
  seconds: number;
  /** CPU the senders used while sending (user + system, all processes). */
  cpuSeconds: number;
}

const BATCH = 1000;

async function child(brokers: string[], index: number, processes: number, n: number): Promise<void> {
  const logger = createLogger('kafkajs-floor', { level: 'warn' });
  const kafka = await openKafka({ brokers, clientId: `kafkajs-floor-${index}`, logger, connectTimeoutMs: 10_000 });
  const topics = [...new Set(KAZAKHSTAN_SEED.map((u) => topicForKind(u.kind)))];
  const counts = await kafka.partitionCounts(topics);
  const messages: OutgoingRecord[] = [];
  for (let i = index; i < n; i += processes) {
    const u = { ...KAZAKHSTAN_SEED[i % KAZAKHSTAN_SEED.length]!, id: `floor-${i}`, story: `bench-story-${i % 50}` };
    const topic = topicForKind(u.kind);
    messages.push({ topic, key: u.story, value: Buffer.from(JSON.stringify(u)), headers: cloudEventHeaders(u.id, u.kind, '/newswire/bench'), partition: partitionForKey(u.story, counts.get(topic) ?? 1) });
  }
  const sender = await kafka.openSender();
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    const rl = createInterface({ input: process.stdin });
    rl.once('line', () => {
      rl.close();
      resolve();
    });
  });
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < messages.length; i += BATCH) await sender.send(messages.slice(i, i + BATCH));
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ started, ended: Date.now(), cpuSeconds: (cpu.user + cpu.system) / 1e6, sent: messages.length }) + '\n');
  await kafka.close();
}

export async function runKafkajsFloor(brokers: string[], n: number, processes: number): Promise<FloorResult> {
  const kids = Array.from({ length: processes }, (_, i) =>
    spawn(process.execPath, ['--import', 'tsx', import.meta.filename, brokers.join(','), String(i), String(processes), String(n)], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    }),
  );
  const lines = kids.map((k) => createInterface({ input: k.stdout! })[Symbol.asyncIterator]());
  const next = async (i: number) => {
    const r = await lines[i]!.next();
    if (r.done) throw new Error(`kafkajs floor process ${i} exited early`);
    return r.value;
  };
  for (let i = 0; i < processes; i++) if ((await next(i)) !== 'ready') throw new Error('kafkajs floor: unexpected output');
  for (const k of kids) k.stdin!.end('go\n');
  const results = (await Promise.all(kids.map((_, i) => next(i)))).map((l) => JSON.parse(l) as { started: number; ended: number; cpuSeconds: number; sent: number });
  await Promise.all(kids.map((k) => new Promise((r) => (k.exitCode !== null ? r(null) : k.once('exit', r)))));
  return {
    processes,
    updates: results.reduce((a, r) => a + r.sent, 0),
    seconds: (Math.max(...results.map((r) => r.ended)) - Math.min(...results.map((r) => r.started))) / 1000,
    cpuSeconds: results.reduce((a, r) => a + r.cpuSeconds, 0),
  };
}

if (process.argv[1] === import.meta.filename) {
  const [brokers, index, processes, n] = process.argv.slice(2);
  await child(brokers!.split(','), Number(index), Number(processes), Number(n));
}
