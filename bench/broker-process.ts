/**
 * The dev broker as a separate OS process for benchmarks, plus what Linux
 * tells us about a process's CPU time and memory (/proc/<pid>/stat, status).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'services/broker/src/main.ts');
/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every mainstream Linux build). */
const CLK_TCK = 100;

export interface BrokerProcess {
  pid: number;
  port: number;
  brokers: string[];
  /** How the process was started, for the report. */
  command: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Starts `node --import tsx services/broker/src/main.ts` (the broker's own
 * entry point). Until that file exists the broker is started through its
 * embeddable API in a child process instead, which is the same code path.
 */
export async function startBrokerProcess(opts: { dataDir: string; partitions: number; flush?: string }): Promise<BrokerProcess> {
  const port = await freePort();
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  let args: string[];
  if (existsSync(MAIN)) {
    args = ['--import', 'tsx', MAIN, '--host', '127.0.0.1', '--port', String(port), '--data-dir', opts.dataDir, '--partitions', String(opts.partitions)];
    if (opts.flush) args.push('--flush', opts.flush);
  } else {
    const flush = opts.flush === undefined ? '' : `, flush: ${opts.flush === 'always' ? "'always'" : Number(opts.flush)}`;
    const code =
      `import { startBroker } from '@newswire/broker';` +
      `const b = await startBroker({ host: '127.0.0.1', port: ${port}, dataDir: ${JSON.stringify(opts.dataDir)}, defaultPartitions: ${opts.partitions}${flush} });` +
      `const stop = () => b.stop().then(() => process.exit(0)); process.on('SIGTERM', stop); process.on('SIGINT', stop);`;
    args = ['--import', 'tsx', '--input-type=module', '-e', code];
  }
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const until = Date.now() + 30_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`broker process did not start listening on ${port}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    port,
    brokers: [`127.0.0.1:${port}`],
    command: `node ${args.slice(0, 3).join(' ')} ...`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** CPU seconds (user + system) a process has used so far. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields are counted after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLK_TCK;
}

/** Resident set size and its peak, in MB, from /proc/<pid>/status. */
export function processMemoryMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/** Measures the CPU share of the broker process and of this (client) process over one phase. */
export class CpuMeter {
  private readonly wall0 = performance.now();
  private readonly broker0: number;
  private readonly client0 = process.cpuUsage();

  constructor(private readonly brokerPid: number) {
    this.broker0 = processCpuSeconds(brokerPid);
  }

  /** Shares in percent of one core (200 = both cores of a 2-core machine). */
  read(): { wallSeconds: number; brokerCpuPct: number; clientCpuPct: number } {
    const wallSeconds = (performance.now() - this.wall0) / 1000;
    const brokerCpu = processCpuSeconds(this.brokerPid) - this.broker0;
    const c = process.cpuUsage(this.client0);
    const clientCpu = (c.user + c.system) / 1e6;
    return { wallSeconds, brokerCpuPct: (100 * brokerCpu) / wallSeconds, clientCpuPct: (100 * clientCpu) / wallSeconds };
  }
}

/** Samples a process's RSS while a phase runs, to report the phase's peak (VmHWM only knows the all-time peak). */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, everyMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    try {
      this.peak = Math.max(this.peak, processMemoryMb(this.pid).rssMb);
    } catch {
      // the process is gone: keep what we saw
    }
  }
}
