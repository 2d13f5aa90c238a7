/**
 * Request/response over the IPC channel of a forked child: the bench
 * orchestrator drives each load process (client workers, publisher, servers)
 * with small commands and gets numbers back. Children run TypeScript via tsx.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

type Handler = (args: Record<string, unknown>) => unknown;

/** Every process the bench started, so an interrupted run leaves none behind. */
const started = new Set<ChildProcess>();

export function track(proc: ChildProcess): void {
  started.add(proc);
  proc.once('exit', () => started.delete(proc));
}

export function killAll(): void {
  for (const p of started) p.kill('SIGKILL');
}

interface Request {
  rpc: number;
  cmd: string;
  args: Record<string, unknown>;
}
interface Reply {
  rpc: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface Child {
  readonly pid: number;
  readonly proc: ChildProcess;
  call<T = unknown>(cmd: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  kill(): Promise<void>;
}

/** Forks `file` (a .ts module that calls serve()) with tsx and extra node flags. */
export function spawnChild(file: string, opts: { execArgv?: string[]; env?: NodeJS.ProcessEnv; label?: string } = {}): Child {
  const proc = fork(file, [], {
    execArgv: ['--import', 'tsx', ...(opts.execArgv ?? [])],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  track(proc);
  let next = 0;
  // A send racing the child's exit must not crash the orchestrator.
  proc.on('error', () => {});
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  proc.on('message', (m: Reply) => {
    const p = pending.get(m.rpc);
    if (!p) return;
    pending.delete(m.rpc);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(`${opts.label ?? file}: ${m.error}`));
  });
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      for (const p of pending.values()) p.reject(new Error(`${opts.label ?? file} exited (${code ?? signal})`));
      pending.clear();
      resolve();
    }),
  );
  return {
    pid: proc.pid!,
    proc,
    call<T>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
      const rpc = ++next;
      if (!proc.connected) return Promise.reject(new Error(`${opts.label ?? file}: process is gone`));
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(rpc);
          reject(new Error(`${opts.label ?? file}: ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(rpc, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send({ rpc, cmd, args } satisfies Request);
      });
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** In the child: answers the parent's commands; exits when the parent goes away. */
export function serve(handlers: Record<string, Handler>): void {
  process.on('message', (m: Request) => {
    const h = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        return h(m.args);
      })
      .then(
        (result) => process.send?.({ rpc: m.rpc, ok: true, result } satisfies Reply),
        (err: unknown) => process.send?.({ rpc: m.rpc, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Reply),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (0-based after the comm field), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process, bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
