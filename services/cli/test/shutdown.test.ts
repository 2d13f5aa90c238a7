/**
 * Every service finishes shutting down within NEWSWIRE_SHUTDOWN_TIMEOUT_MS
 * whatever Kafka's state, and exits with the code of the signal that stopped
 * it (130 SIGINT, 143 SIGTERM): spawned `newswire gateway`, `ingest`, `start`
 * and `broker`, with the Kafka they use killed before the signal.
 *
 * Before the fix the gateway logged "gateway stopped" and then stayed alive
 * (kafkajs's consumer restart and retry timers), and every service exited 0.
 * The processes here are waited for with the test's own timeout, well above
 * the 2 s budget they are given: no timing is asserted, only that they end.
 */
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { join as joinPath } from 'node:path';
import { devBroker, runCli, type CliRun } from '@newswire/test-support';

const children: CliRun[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const f of cleanups.splice(0)) await f();
});

const BUDGET = { NEWSWIRE_SHUTDOWN_TIMEOUT_MS: '2000', LOG_LEVEL: 'info' };

/** No time limit of its own: each test's timeout bounds it, and afterEach kills what is left. */
function run(args: string[], env: Record<string, string>, opts: { script?: string } = {}): CliRun {
  const c = runCli(args, { env: { ...BUDGET, ...env }, timeoutMs: 0, ...opts });
  children.push(c);
  return c;
}

/** How the process ended. */
async function exitOf(c: CliRun): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { code, signal } = await c;
  return { code, signal };
}

/** Ended by its own bounded shutdown, not by main's last-resort exit (which says so on stderr). */
function boundedByTeardown(c: CliRun): void {
  expect(c.stderr()).not.toContain('shutdown overran');
}

async function withBroker() {
  const broker = await devBroker();
  cleanups.push(() => broker.dispose());
  return broker;
}

describe('shutdown with Kafka gone', { timeout: 90_000 }, () => {
  it('newswire gateway: SIGTERM after the broker died exits 143', async () => {
    const broker = await withBroker();
    const gw = run(['gateway', '--port', '0', '--brokers', broker.brokers[0]!], {});
    await gw.waitForLine(/"listening":"ws:/);
    await broker.stop();
    gw.kill('SIGTERM');
    const exit = await exitOf(gw);
    expect(exit, gw.stderr()).toEqual({ code: 143, signal: null });
    expect(gw.stdout()).toContain('"gateway stopped"');
    boundedByTeardown(gw);
  });

  it('newswire ingest: SIGINT after the broker died exits 130', async () => {
    const broker = await withBroker();
    const ingest = run(['ingest', '--port', '0', '--brokers', broker.brokers[0]!], {});
    await ingest.waitForLine(/ingest listening on/);
    await broker.stop();
    ingest.kill('SIGINT');
    expect(await exitOf(ingest), ingest.stderr()).toEqual({ code: 130, signal: null });
    boundedByTeardown(ingest);
  });

  it('newswire start on KAFKA_BROKERS: SIGTERM after that Kafka died exits 143', async () => {
    const broker = await withBroker();
    // No --data-dir: with KAFKA_BROKERS no dev broker runs, and start refuses its flags.
    const start = run(['start', '--gateway-port', '0', '--ingest-port', '0', '--demo', 'loop', '--pace', '200ms', '--no-pretty'], {
      KAFKA_BROKERS: broker.brokers[0]!,
    });
    await start.waitForLine(/"newswire started"/);
    await broker.stop();
    start.kill('SIGTERM');
    expect(await exitOf(start), start.stderr()).toEqual({ code: 143, signal: null });
    expect(start.stdout()).toContain('"newswire stopped"');
    boundedByTeardown(start);
  });

  it('newswire broker: SIGTERM exits 143 and SIGINT 130', async () => {
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const dataDir = await mkdtemp(join(tmpdir(), 'newswire-shutdown-broker-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const broker = run(['broker', '--port', '0', '--data-dir', dataDir], {});
      await broker.waitForLine(/newswire broker ready/);
      broker.kill(signal);
      expect(await exitOf(broker), broker.stderr()).toEqual({ code, signal: null });
    }
  });
});

describe('startup that fails half way', { timeout: 90_000 }, () => {
  it('newswire gateway on a taken port exits 1 with the reason', async () => {
    const broker = await withBroker();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => blocker.close(() => r())));
    const port = (blocker.address() as { port: number }).port;
    const gw = run(['gateway', '--port', String(port), '--brokers', broker.brokers[0]!], {});
    expect(await exitOf(gw), gw.stderr()).toEqual({ code: 1, signal: null });
    expect(gw.stderr()).toMatch(/could not start.*EADDRINUSE/);
  });

  // The library, not the CLI (whose main ends the process explicitly): a start that fails after
  // Kafka clients were connected must close them, or the process never ends on its own.
  for (const service of ['gateway', 'ingest'] as const) {
    it(`start${service === 'gateway' ? 'Gateway' : 'Ingest'} on a taken port closes its Kafka clients: the process ends by itself`, async () => {
      const broker = await withBroker();
      const blocker: Server = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      cleanups.push(() => new Promise((r) => blocker.close(() => r())));
      const port = String((blocker.address() as { port: number }).port);
      const child = run([service, broker.brokers[0]!, port], {}, { script: joinPath(import.meta.dirname, 'support/start-fails.ts') });
      expect(await exitOf(child), child.stderr()).toEqual({ code: 0, signal: null });
      expect(child.stdout()).toMatch(/^failed: .*EADDRINUSE/m);
    });
  }
});
