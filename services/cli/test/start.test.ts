/**
 * `newswire start` end to end, as a newcomer runs it: a spawned process that
 * brings up its own dev broker (free ports, temp data dir), serves the
 * dashboard and /healthz, delivers the demo wire over WebSocket, stops with
 * exit 130 on SIGINT and 143 on SIGTERM (the process contract), and keeps its
 * data across a restart.
 *
 * Kafka: `start` embeds the dev broker by design, so most of these tests let
 * it; the KAFKA_BROKERS case takes its Kafka from startKafka(). When
 * KAFKA_BROKERS is set for the whole run (an external cluster) every child
 * inherits it and runs against that cluster, as start does, under a topic
 * prefix of this file's own (NEWSWIRE_TOPIC_PREFIX).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, type WebSocketConstructor } from '@newswire/client';
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';
import { dropTestTopics, runCli, startKafka, type CliRun } from '@newswire/test-support';

const SEED_IDS = new Set(KAZAKHSTAN_SEED.map((u) => u.id));

/** This file's topics on a shared cluster (KAFKA_BROKERS set for the run) are its own. */
const TOPIC_PREFIX = `nwtest-${randomUUID().slice(0, 8)}`;

/**
 * `newswire start` on free ports; each test's timeout bounds it, afterAll kills what is left.
 * With KAFKA_BROKERS set no dev broker runs, and start refuses the dev broker's flags.
 */
function startNewswire(dataDir: string, extra: string[] = [], env: Record<string, string> = {}): CliRun {
  const devBroker = (env.KAFKA_BROKERS ?? process.env.KAFKA_BROKERS) ? [] : ['--data-dir', dataDir, '--broker-port', '0'];
  return runCli(['start', ...devBroker, '--gateway-port', '0', '--ingest-port', '0', ...extra], {
    env: { LOG_LEVEL: 'info', START_DEMO_PACE: '50ms', NEWSWIRE_TOPIC_PREFIX: TOPIC_PREFIX, ...env },
    timeoutMs: 0,
  });
}

/** The "newswire started" log record (rejects if start exits before it is up). */
async function started(s: CliRun): Promise<Record<string, unknown>> {
  return JSON.parse(await s.waitForLine(/"msg":"newswire started"/)) as Record<string, unknown>;
}

const exitCode = async (s: CliRun) => (await s).code;

/** Seed update ids delivered over WebSocket from the start of the log, until `want` of them arrived. */
async function collectSeedIds(wsUrl: string, want: number, timeoutMs = 45_000): Promise<Set<string>> {
  const client = connect({ url: wsUrl, WebSocket: WebSocket as unknown as WebSocketConstructor });
  const seen = new Set<string>();
  try {
    const sub = client.subscribe({ from: 'earliest' });
    const deadline = setTimeout(() => sub.close(), timeoutMs);
    for await (const d of sub) {
      if (SEED_IDS.has(d.update.id)) seen.add(d.update.id);
      if (seen.size >= want) break;
    }
    clearTimeout(deadline);
  } finally {
    await client.close();
  }
  return seen;
}

const running: CliRun[] = [];
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'newswire-start-'));
});

afterAll(async () => {
  for (const s of running) s.kill('SIGKILL');
  await Promise.allSettled(running);
  await rm(dataDir, { recursive: true, force: true });
  // With KAFKA_BROKERS set, the starts above ran on that cluster under TOPIC_PREFIX: leave it as found.
  if (process.env.KAFKA_BROKERS) await dropTestTopics(process.env.KAFKA_BROKERS.split(','), TOPIC_PREFIX);
});

describe('newswire start', () => {
  it('comes up, serves the dashboard and /healthz, delivers the demo wire, and stops with 130 on SIGINT', async () => {
    const s = startNewswire(dataDir);
    running.push(s);
    const rec = await started(s);
    const dashboard = String(rec.dashboard);
    const websocket = String(rec.websocket);
    expect(dashboard).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await fetch(dashboard);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<script src="app.js"');
    const js = await fetch(new URL('app.js', dashboard));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const health = await fetch(new URL('/healthz', dashboard));
    expect(health.status).toBe(200);

    const ids = await collectSeedIds(websocket, SEED_IDS.size);
    expect(ids.size).toBe(SEED_IDS.size);

    expect(s.stderr()).toContain('newswire is running');
    expect(s.stderr()).toContain(dashboard);

    s.kill('SIGINT');
    expect(await exitCode(s)).toBe(130);
    const lines = s.lines();
    expect(lines.every((l) => l.startsWith('{'))).toBe(true); // pino JSON when stdout is not a terminal
    expect(lines.some((l) => l.includes('"newswire stopped"'))).toBe(true);
  }, 120_000);

  it('keeps the data across a restart (demo off: the story comes from the log)', async () => {
    const s = startNewswire(dataDir, ['--demo', 'off']);
    running.push(s);
    const rec = await started(s);
    expect(rec.demo).toBe('off');
    const ids = await collectSeedIds(String(rec.websocket), SEED_IDS.size);
    expect(ids.size).toBe(SEED_IDS.size);
    s.kill('SIGTERM');
    expect(await exitCode(s)).toBe(143);
  }, 120_000);

  it('runs on the Kafka in KAFKA_BROKERS instead of its own broker, refusing the dev broker\'s flags', async () => {
    const kafka = await startKafka({ partitions: 3 });
    const unused = join(dataDir, 'not-created');
    try {
      const refused = runCli(['start', '--data-dir', unused, '--broker-port', '0', '--gateway-port', '0', '--demo', 'off'], { env: { LOG_LEVEL: 'silent', ...kafka.env }, timeoutMs: 60_000 });
      running.push(refused);
      expect(await exitCode(refused)).toBe(2);
      expect(refused.stderr()).toContain('--data-dir, --broker-port do not apply to `start` with the demo off and KAFKA_BROKERS set (no dev broker runs)');

      const s = startNewswire(unused, [], kafka.env);
      running.push(s);
      const rec = await started(s);
      expect(rec.brokers).toEqual(kafka.brokers);
      expect(String(rec.kafka)).toContain('(KAFKA_BROKERS)');
      const ids = await collectSeedIds(String(rec.websocket), SEED_IDS.size);
      expect(ids.size).toBe(SEED_IDS.size);
      s.kill('SIGINT');
      expect(await exitCode(s)).toBe(130);
      expect(existsSync(unused)).toBe(false); // no dev broker, no data dir
    } finally {
      await kafka.stop();
    }
  }, 120_000);

  it('fails with exit 1 and a clear message when the gateway port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const s = startNewswire(dataDir, ['--demo', 'off', '--gateway-port', String(port)]);
      running.push(s);
      expect(await exitCode(s)).toBe(1);
      expect(s.stderr()).toMatch(/could not start.*in use/s);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
