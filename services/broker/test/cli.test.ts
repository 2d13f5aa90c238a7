/**
 * `newswire broker` as a real process: flags, validation exit codes, the
 * ready line, persisted cluster id across restarts, --no-auto-create, and a
 * clean stop on SIGTERM (0) and SIGINT (130).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
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

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'services/cli/bin/newswire.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'newswire-broker-cli-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'broker', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const ready = new Promise<number>((res, rej) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr += line + '\n';
      const m = /ready on [^\s]+:(\d+)/.exec(line);
      if (m) res(Number(m[1]));
    });
    void exited.then((code) => rej(new Error(`exited ${code} before ready: ${stderr}`)));
  });
  ready.catch(() => {});
  return { child, exited, ready, out: () => stdout, err: () => stderr };
}

describe('newswire broker (process)', () => {
  it('--help prints usage with an example and exits 0', async () => {
    const p = run(['--help']);
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('usage: newswire broker');
    expect(p.out()).toMatch(/example:\n\s+newswire broker --port/);
  }, 120_000);

  it('invalid flags and env exit 2 with a message', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--port', 'nine'], {}, '--port must be a number'],
      [['--flush', 'sometimes'], {}, '--flush must be'],
      [['--partitions', '0'], {}, 'defaultPartitions'],
      [['--what'], {}, "Unknown option '--what'"],
      [[], { BROKER_PORT: '70000' }, 'BROKER_PORT'],
    ];
    await Promise.all(
      cases.map(async ([args, env, msg]) => {
        const p = run(args, env);
        expect(await p.exited).toBe(2);
        expect(p.err()).toContain(msg);
      }),
    );
  }, 120_000);

  it('serves clients, keeps its cluster id across restarts, stops on SIGTERM (0) and SIGINT (130)', async () => {
    const first = run(['--port', '0', '--data-dir', dataDir, '--partitions', '2', '--flush', 'always']);
    const port = await first.ready;
    const admin = testKafka([`127.0.0.1:${port}`]).admin();
    await admin.connect();
    const producer = testKafka([`127.0.0.1:${port}`]).producer();
    await producer.connect();
    await producer.send({ topic: 'cli-auto', messages: [{ value: 'x' }] });
    await producer.disconnect();
    expect((await admin.fetchTopicMetadata({ topics: ['cli-auto'] })).topics[0]!.partitions).toHaveLength(2);
    await admin.disconnect();
    const pid1 = await initProducerId(port);
    const clusterId = (JSON.parse(readFileSync(join(dataDir, 'broker-meta.json'), 'utf8')) as { clusterId: string }).clusterId;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = run(['--port', '0', '--data-dir', dataDir, '--no-auto-create']);
    const port2 = await second.ready;
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
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(130);
  }, 120_000);
});
