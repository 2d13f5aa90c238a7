/**
 * The one way tests run the `newswire` command: a child process of this Node
 * running the CLI's bin (or a test script), from the repo root, with env on
 * top of the test's own.
 *
 * `await runCli(args)` gives the exit and all output: for commands that end.
 * For one that runs until stopped, keep the handle: wait for a line that says
 * it is ready, read its output so far, signal it, then await it for its exit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'services', 'cli', 'bin', 'newswire.mjs');

export interface CliOptions {
  /** On top of process.env. */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed (default: closed at once). */
  stdin?: string;
  /** SIGKILL and reject after this long (default 60 s; 0: no limit, for a process the test stops itself). */
  timeoutMs?: number;
  /** Run this script instead of the newswire bin (a .ts script through tsx, as the bin itself runs). */
  script?: string;
}

export interface RunResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliHandle {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Complete stdout lines so far. */
  lines(): string[];
  /** The first complete stdout or stderr line matching `re`, once printed; rejects if the process ends first. */
  waitForLine(re: RegExp): Promise<string>;
  /** Sends a signal if the process is still running. */
  kill(signal?: NodeJS.Signals): void;
}

/** Resolves with the exit once the process has ended and its output is read. */
export type CliRun = Promise<RunResult> & CliHandle;

/** Runs `newswire <args>` (or `opts.script <args>`) as a child process. */
export function runCli(args: string[], opts: CliOptions = {}): CliRun {
  const entry = opts.script === undefined ? [CLI] : opts.script.endsWith('.ts') ? ['--import', 'tsx', opts.script] : [opts.script];
  const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let ended = false;
  const waiters = new Set<{ re: RegExp; resolve: (line: string) => void; reject: (e: Error) => void }>();
  // Complete lines only (a line still being written could match half-way), every line once ended.
  const complete = (text: string) => (ended ? text.split('\n') : text.split('\n').slice(0, -1));
  const lineOf = (re: RegExp) => [...complete(stdout), ...complete(stderr)].find((l) => re.test(l));
  const check = () => {
    for (const w of waiters) {
      const line = lineOf(w.re);
      if (line === undefined) continue;
      waiters.delete(w);
      w.resolve(line);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), check()));
  child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), check()));
  const described = () => `newswire ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`;

  const done = new Promise<RunResult>((resolveRun, rejectRun) => {
    const limit = opts.timeoutMs ?? 60_000;
    const timer =
      limit > 0
        ? setTimeout(() => {
            child.kill('SIGKILL');
            rejectRun(new Error(`timed out after ${limit} ms: ${described()}`));
          }, limit)
        : undefined;
    child.on('error', (e) => {
      clearTimeout(timer);
      rejectRun(e);
    });
    // 'close', not 'exit': all output has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ended = true;
      check();
      for (const w of waiters) w.reject(new Error(`ended (code ${code}, signal ${signal}) before printing a line matching ${w.re}: ${described()}`));
      waiters.clear();
      resolveRun({ code, signal, stdout, stderr });
    });
  });
  // A test that fails before awaiting the run must not also raise an unhandled rejection.
  done.catch(() => {});
  child.stdin.on('error', () => {}); // a process that exits without reading its stdin
  child.stdin.end(opts.stdin ?? '');

  const handle: CliHandle = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    lines: () => complete(stdout).filter((l) => l !== ''),
    waitForLine(re) {
      const line = lineOf(re);
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.reject(new Error(`ended before printing a line matching ${re}: ${described()}`));
      return new Promise((res, rej) => waiters.add({ re, resolve: res, reject: rej }));
    },
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
  return Object.assign(done, handle);
}
