/**
 * `newswire broker` as a real process: flags, validation exit codes, the
 * ready line, persisted cluster id across restarts, --no-auto-create, and a
 * clean stop on SIGTERM (143) and SIGINT (130), the process contract.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '@newswire/test-support';
import { testKafka } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse, kafkajsRequestFrame } from './support/kafkajs-wire.ts';

/** InitProducerId over a raw connection: the producer id the broker hands out. */
async function initProducerId(port: number): Promise<number> {
  const conn = await RawConnection.open(port);
  conn.send(await kafkajsRequestFrame('initProducerId', 0, { transactionalId: null, transactionTimeout: 30000 }, 1));
  const res = (await kafkajsDecodeResponse('initProducerId', 0, (await conn.next()).body)) as { producerId: string };
  conn.destroy();
  return Number(res.producerId);
}

const dataDir = mkdtempSync(join(tmpdir(), 'newswire-broker-cli-'));
const children: CliRun[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `newswire broker <args>`; the test's timeout bounds it, afterAll kills what is left. */
function run(args: string[], env: Record<string, string> = {}) {
  const cli = runCli(['broker', ...args], { env: { LOG_LEVEL: 'warn', ...env }, timeoutMs: 0 });
  children.push(cli);
  return cli;
}

/** The port of the broker's "ready on host:port" line. */
async function readyPort(cli: CliRun): Promise<number> {
  const line = await cli.waitForLine(/ready on [^\s]+:\d+/);
  return Number(/ready on [^\s]+:(\d+)/.exec(line)![1]);
}

/** Produces one record to `topic` (auto-created by it) and returns how many partitions the broker gave it. */
async function autoCreatedPartitions(port: number, topic: string): Promise<number> {
  const producer = testKafka([`127.0.0.1:${port}`]).producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'x' }] });
  await producer.disconnect();
  const admin = testKafka([`127.0.0.1:${port}`]).admin();
  await admin.connect();
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  await admin.disconnect();
  return topics[0]!.partitions.length;
}

/** The exit code, once the process has ended. */
const exitCode = async (cli: CliRun) => (await cli).code;

describe('newswire broker (process)', () => {
  it('--help prints usage with an example and exits 0', async () => {
    const p = run(['--help']);
    expect(await exitCode(p)).toBe(0);
    expect(p.stdout()).toContain('usage: newswire broker');
    expect(p.stdout()).toMatch(/example:\n\s+newswire broker --port/);
  }, 120_000);

  it('invalid flags and env exit 2 with a message', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--port', 'nine'], {}, '--port: must be a number'],
      [['--flush', 'sometimes'], {}, '--flush: must be "always" or a positive number of milliseconds'],
      [['--partitions', '0'], {}, '--partitions: must be at least 1'],
      [['--segment-bytes', '1.5'], {}, '--segment-bytes: must be a whole number'],
      [['--data-dir', ''], {}, '--data-dir: must not be empty'],
      [['--what'], {}, "Unknown option '--what'"],
      [['--no-auto-create=yes'], {}, "Option '--no-auto-create' does not take an argument"],
      [[], { BROKER_PORT: '70000' }, 'BROKER_PORT: must be at most 65535'],
      // The flag wins over its variable, and the error names where the bad value came from.
      [['--port', '70000'], { BROKER_PORT: '9092' }, '--port: must be at most 65535'],
    ];
    await Promise.all(
      cases.map(async ([args, env, msg]) => {
        const p = run(args, env);
        expect(await exitCode(p)).toBe(2);
        expect(p.stderr()).toContain(msg);
      }),
    );
  }, 120_000);

  it('takes settings from BROKER_* when no flag gives them (partitions of auto-created topics)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'newswire-broker-cli-env-'));
    try {
      const p = run(['--port', '0', '--data-dir', own], { BROKER_PARTITIONS: '4' });
      expect(await autoCreatedPartitions(await readyPort(p), 'cli-env')).toBe(4);
      p.kill('SIGTERM');
      expect(await exitCode(p)).toBe(143);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves clients, keeps its cluster id across restarts, stops on SIGTERM (143) and SIGINT (130)', async () => {
    const first = run(['--port', '0', '--data-dir', dataDir, '--partitions', '2', '--flush', 'always']);
    const port = await readyPort(first);
    expect(await autoCreatedPartitions(port, 'cli-auto')).toBe(2);
    const pid1 = await initProducerId(port);
    const clusterId = (JSON.parse(readFileSync(join(dataDir, 'broker-meta.json'), 'utf8')) as { clusterId: string }).clusterId;
    first.kill('SIGTERM');
    expect(await exitCode(first)).toBe(143);

    const second = run(['--port', '0', '--data-dir', dataDir, '--no-auto-create']);
    const port2 = await readyPort(second);
    const admin2 = testKafka([`127.0.0.1:${port2}`]).admin();
    await admin2.connect();
    const described = await admin2.describeCluster();
    expect(described.clusterId).toBe(clusterId);
    expect(described.brokers).toEqual([{ nodeId: 0, host: '127.0.0.1', port: port2 }]);
    // Producer ids are never handed out twice, even across restarts.
    expect(await initProducerId(port2)).toBeGreaterThan(pid1);
    const offsets = await admin2.fetchTopicOffsets('cli-auto');
    expect(offsets.reduce((n, o) => n + Number(o.high), 0)).toBe(1);
    // Auto-create is off: an unknown topic stays unknown.
    await expect(admin2.fetchTopicMetadata({ topics: ['cli-not-created'] })).rejects.toThrow();
    expect(await admin2.listTopics()).not.toContain('cli-not-created');
    await admin2.disconnect();
    second.kill('SIGINT');
    expect(await exitCode(second)).toBe(130);
  }, 120_000);
});
