/**
 * Starts the bench's processes: the broker, the server under test (gateway or
 * baseline), the publisher and the client workers, each in a process of its
 * own, and stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChild, track, type Child } from './rpc.ts';
import { freePort } from '../broker-process.ts';

export { freePort };

const ROOT = join(import.meta.dirname, '..', '..');
const HERE = import.meta.dirname;

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface BrokerProcess {
  brokers: string[];
  pid: number;
  stop(): Promise<void>;
}

/**
 * The dev broker: services/broker/src/main.ts when it exists, else bench/gateway/broker-process.ts.
 * `rebalanceDelayMs` is its group.initial.rebalance.delay.ms (Kafka's default is 3000): the cost
 * every consumer-group join pays, which newswire's group-less reads must not.
 */
export async function startBrokerProcess(opts: { rebalanceDelayMs?: number } = {}): Promise<BrokerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newswire-bench-gw-'));
  const port = await freePort();
  const main = join(ROOT, 'services', 'broker', 'src', 'main.ts');
  const entry = existsSync(main) ? main : join(HERE, 'broker-process.ts');
  const delay = opts.rebalanceDelayMs === undefined ? [] : ['--group-initial-rebalance-delay-ms', String(opts.rebalanceDelayMs)];
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry, '--port', String(port), '--data-dir', dataDir, ...delay], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  track(proc);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await waitForPort(port, 30_000);
  return {
    brokers: [`127.0.0.1:${port}`],
    pid: proc.pid!,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  mode: 'gateway' | 'baseline';
  url: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startServerProcess(
  mode: 'gateway' | 'baseline',
  brokers: string[],
  limits: Record<string, unknown> = {},
): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_GATEWAY_PROFILE_DIR;
  const execArgv = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = spawnChild(join(HERE, 'server-process.ts'), { execArgv, label: mode });
  const { port } = await child.call<{ port: number }>('start', { mode, brokers, limits, partitions: 4 }, 120_000);
  let stopped = false;
  return {
    mode,
    url: `ws://127.0.0.1:${port}`,
    child,
    async stop() {
      if (stopped) return;
      stopped = true;
      await child.call('stop', {}, 30_000).catch(() => {});
      await child.kill();
    },
  };
}

export function startWorkers(n: number): Child[] {
  return Array.from({ length: n }, (_, i) => spawnChild(join(HERE, 'client-worker.ts'), { label: `client-worker-${i}` }));
}

export async function startPublisher(brokers: string[]): Promise<Child> {
  const child = spawnChild(join(HERE, 'publisher-process.ts'), { label: 'publisher' });
  await child.call('start', { brokers, partitions: 4 }, 60_000);
  return child;
}

export function startResumeWorker(): Child {
  return spawnChild(join(HERE, 'resume-worker.ts'), { label: 'resume-worker' });
}
