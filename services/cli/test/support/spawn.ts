/**
 * A long-running `newswire <command>` as a child process: its output so far,
 * a wait for a line that says it is ready, and its exit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startBroker } from '@newswire/broker';

export const ROOT = resolve(import.meta.dirname, '../../../..');
export const BIN = join(ROOT, 'services/cli/bin/newswire.mjs');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout or stderr has a line matching `re` (rejects if the process exits first). */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<Exit>;
}

/** `newswire <args>`, or another script (`opts.script`) with these args. */
export function spawnCli(args: string[], env: Record<string, string> = {}, opts: { script?: string } = {}): RunningCli {
  // A TypeScript script (test support) runs through tsx, like the CLI's own bin does.
  const entry = opts.script?.endsWith('.ts') ? ['--import', 'tsx', opts.script] : [opts.script ?? BIN];
  const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const line = (out + '\n' + err).split('\n').find((l) => w.re.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((out += d), check()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((err += d), check()));
  const exited = new Promise<Exit>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(re) {
      return new Promise((res, rej) => {
        waiters.push({ re, resolve: res });
        check();
        void exited.then((e) => rej(new Error(`exited ${JSON.stringify(e)} before printing ${re}:\n${out}\n${err}`)));
      });
    },
    exited,
  };
}

/**
 * The dev broker in this process on a free port, stoppable and restartable
 * on the same port and data: the chaos tests need Kafka to go away and come
 * back, which an external cluster or a container cannot be asked to do.
 */
export async function devBroker(): Promise<{ brokers: string[]; stop(): Promise<void>; start(): Promise<void>; dispose(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newswire-chaos-broker-'));
  const launch = (port: number) => startBroker({ host: '127.0.0.1', port, dataDir, defaultPartitions: 3, groupInitialRebalanceDelayMs: 0 });
  let broker: Awaited<ReturnType<typeof launch>> | undefined = await launch(0);
  const port = broker.port;
  return {
    brokers: [`127.0.0.1:${port}`],
    async stop() {
      await broker?.stop();
      broker = undefined;
    },
    async start() {
      broker ??= await launch(port);
    },
    async dispose() {
      await broker?.stop();
      broker = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
