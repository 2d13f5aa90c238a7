/**
 * The dev broker as a process of its own (services/broker/src/main.ts), for
 * tests that freeze, kill or restart it, or damage its files between runs:
 * things an in-process broker, a container or an external cluster cannot be
 * asked to do. The caller owns the process and stops it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './cli.ts';

const BROKER_MAIN = join(ROOT, 'services/broker/src/main.ts');
/** Lines of its output kept for error messages. */
const KEPT_LINES = 200;

export interface BrokerProcess {
  child: ChildProcess;
  /** Its exit code once it has ended (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Its latest output lines, stdout and stderr. */
  output: string[];
  /** Its port, once it logged "broker listening"; rejects if it exits first or is not listening within 60 s (it is killed then). */
  listening: Promise<number>;
}

/** Spawns `main.ts <args>` with LOG_LEVEL=info (its "broker listening" line carries the bound port). */
export function spawnBrokerProcess(args: string[]): BrokerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', BROKER_MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > KEPT_LINES) output.shift();
  };
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  createInterface({ input: child.stderr! }).on('line', keep);
  const lastLines = () => output.slice(-20).join('\n');
  const listening = new Promise<number>((res, rej) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`broker did not start in time:\n${lastLines()}`));
    }, 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      keep(line);
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
      rej(new Error(`broker exited with ${code} before listening:\n${lastLines()}`));
    });
  });
  // A caller that stopped waiting does not leave an unhandled rejection behind.
  listening.catch(() => {});
  return { child, exited, output, listening };
}
