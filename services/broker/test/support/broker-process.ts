/**
 * The dev broker as a process of its own (src/main.ts), for the tests in
 * tests/broker-*.test.ts that must SIGKILL it, SIGTERM it, or damage its files
 * between runs and start it again on the same data dir. They bypass
 * startKafka() on purpose: it gives an in-process broker, a container or an
 * external cluster, none killable here, so these tests are specific to the dev
 * broker.
 *
 * useBrokerProcesses() is called once at a test file's top level: the file gets
 * its own list of processes and data dirs, stopped and removed in its afterAll
 * (files share a module graph, so no state lives at this module's top level).
 */
import { afterAll, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kafka } from 'kafkajs';
import { spawnBrokerProcess } from '@newswire/test-support/broker-process';
import { waitFor } from '@newswire/test-support/wait';
import { testKafka } from './kafkajs-client.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');
const MAIN = join(ROOT, 'services/broker/src/main.ts');

export interface BrokerProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: string[];
}

export interface BrokerProcesses {
  /** Each test gets its own data dir (a dir is locked by the broker using it). */
  newDataDir(): string;
  /** Spawn `main.ts` with flush `always` and wait for its "broker listening" log line, which carries the bound port. */
  spawnBroker(dataDir: string, askPort?: number, extraArgs?: string[]): Promise<BrokerProcess>;
  /** Run the broker on a data dir it must refuse: resolves with its exit code and everything it printed. */
  brokerRefuses(dataDir: string): Promise<{ code: number | null; output: string }>;
}

export function useBrokerProcesses(): BrokerProcesses {
  const started: BrokerProcess[] = [];
  const dataDirs: string[] = [];

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

  function newDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'newswire-durability-'));
    dataDirs.push(dir);
    return dir;
  }

  async function spawnBroker(dataDir: string, askPort = 0, extraArgs: string[] = []): Promise<BrokerProcess> {
    const spawned = spawnBrokerProcess(['--host', '127.0.0.1', '--port', String(askPort), '--data-dir', dataDir, '--flush', 'always', ...extraArgs]);
    const proc: BrokerProcess = { child: spawned.child, port: 0, exited: spawned.exited, output: spawned.output };
    started.push(proc);
    proc.port = await spawned.listening;
    return proc;
  }

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

  return { newDataDir, spawnBroker, brokerRefuses };
}

/** SIGTERM, and the broker exits by itself (its exit code is the process contract's, not checked here). */
export async function stopBroker(b: BrokerProcess): Promise<void> {
  b.child.kill('SIGTERM');
  expect(await b.exited).not.toBeNull();
}

export function client(port: number, retries = 0): Kafka {
  return testKafka([`127.0.0.1:${port}`], 'durability-test', retries);
}

/** The high watermark of partition 0 of `topic`. */
export async function highWatermark(port: number, topic: string): Promise<number> {
  const admin = client(port).admin();
  await admin.connect();
  const [p0] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return Number(p0!.high);
}

/** Read the whole partition 0 of `topic` from the beginning: values in offset order (`lost`: offsets known to be gone). */
export async function readAll(port: number, topic: string, lost = 0): Promise<{ offsets: number[]; values: string[] }> {
  const kafka = client(port);
  const high = (await highWatermark(port, topic)) - lost;
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
