/**
 * Helpers for producer tests: end offsets of the newswire topics (to prove
 * that nothing was published), reading a topic back, and running the CLI as
 * a spawned process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { connectWithin, createAdmin, createConsumer, createKafka, type Admin } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { fromKafkaMessage, NEWSWIRE_TOPICS, type Update } from '@newswire/schema';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'services', 'cli', 'bin', 'newswire.mjs');

const quiet = createLogger('test', { level: 'error' });

export async function openAdmin(brokers: string[]): Promise<Admin> {
  const admin = createAdmin(createKafka({ brokers, logger: quiet, clientId: 'producers-test' }));
  await connectWithin(admin, brokers, 20_000);
  return admin;
}

/** "topic:partition" -> high watermark, for every partition of the given topics that exist. */
export async function endOffsets(admin: Admin, topics: readonly string[] = NEWSWIRE_TOPICS): Promise<Record<string, string>> {
  const existing = new Set(await admin.listTopics());
  const out: Record<string, string> = {};
  for (const t of topics) {
    if (!existing.has(t)) continue;
    for (const p of await admin.fetchTopicOffsets(t)) out[`${t}:${p.partition}`] = p.high;
  }
  return out;
}

export async function totalMessages(admin: Admin, topics: readonly string[] = NEWSWIRE_TOPICS): Promise<number> {
  const offsets = await endOffsets(admin, topics);
  return Object.values(offsets).reduce((n, o) => n + Number(o), 0);
}

export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  headers: Record<string, string>;
  update: Update;
}

/** Reads every message currently in `topics` (up to their end offsets at call time). */
export async function readAll(brokers: string[], topics: readonly string[]): Promise<ReadRecord[]> {
  const kafka = createKafka({ brokers, logger: quiet, clientId: 'producers-test-reader' });
  const admin = await openAdmin(brokers);
  const ends = await endOffsets(admin, topics);
  await admin.disconnect();
  const remaining = new Set(Object.entries(ends).filter(([, o]) => o !== '0').map(([k]) => k));
  const out: ReadRecord[] = [];
  if (remaining.size === 0) return out;
  const consumer = createConsumer(kafka, { groupId: `test-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`readAll timed out; still waiting for ${[...remaining].join(',')}`)), 45_000);
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const key = `${topic}:${partition}`;
          const end = ends[key];
          if (end === undefined || BigInt(message.offset) >= BigInt(end)) return;
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
          const parsed = fromKafkaMessage(message.value, message.headers);
          if (!parsed.ok) throw new Error(`invalid message at ${key}@${message.offset}: ${JSON.stringify(parsed.errors)}`);
          out.push({ topic, partition, offset: message.offset, timestamp: message.timestamp, headers, update: parsed.update });
          if (BigInt(message.offset) + 1n >= BigInt(end)) remaining.delete(key);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return out;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `newswire <args>` as a child process. */
export function runCli(args: string[], opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`newswire ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
