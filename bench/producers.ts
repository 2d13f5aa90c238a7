/**
 * `npm run bench -- producers [--n=100000] [--seconds=10]`
 *
 * Producer-side throughput against the dev broker running as its own process:
 *   1. `newswire publish --file` of N updates, the spawned CLI measured end to
 *      end (process start to exit: validation pass, publish pass, shutdown);
 *   2. the ingest service (its own process) under autocannon: one update per
 *      request, and batches of 100 per request (every update a fresh id);
 *   3. `newswire replay all --from earliest` to stdout (piped, counted here).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { KAZAKHSTAN_SEED } from '../shared/src/seed/kazakhstan.ts';
import { printTable, saveResult, type Row } from './lib.ts';
import { freePort, startBrokerProcess } from './broker-process.ts';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'services/cli/bin/newswire.mjs');

function arg(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

interface Spawned {
  code: number | null;
  stdoutBytes: number;
  stdoutLines: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs the CLI; stdout is counted (and kept only when small). */
function runCli(args: string[], env: Record<string, string>): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stdoutLines = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) stdoutLines++;
      if (stdout.length < 100_000) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdoutBytes, stdoutLines, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/** N seed updates with unique ids over 50 stories, as NDJSON. */
function ndjson(n: number, prefix: string): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = KAZAKHSTAN_SEED[i % KAZAKHSTAN_SEED.length]!;
    lines.push(JSON.stringify({ ...u, id: `${prefix}-${i}`, story: `bench-story-${i % 50}` }));
  }
  return lines.join('\n') + '\n';
}

async function startIngestProcess(brokers: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'ingest', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: brokers.join(','), LOG_LEVEL: 'warn', INGEST_MAX_BODY_BYTES: String(4 * 1024 * 1024) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > until) throw new Error(`ingest did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** autocannon with a fresh id in every update of every request. */
async function loadIngest(url: string, perRequest: number, seconds: number, connections: number): Promise<Row> {
  const template = JSON.stringify({ ...KAZAKHSTAN_SEED[2]!, id: '__ID__', story: 'bench-ingest' });
  let next = 0;
  const body = () => {
    const items: string[] = [];
    for (let i = 0; i < perRequest; i++) items.push(template.replace('__ID__', `ingest-${process.pid}-${perRequest}-${next++}`));
    return perRequest === 1 ? items[0]! : `[${items.join(',')}]`;
  };
  const result = await autocannon({
    url: `${url}/v1/updates`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  });
  const ok = result['2xx'];
  return {
    test: `ingest, ${perRequest} update${perRequest > 1 ? 's' : ''}/request`,
    updates: ok * perRequest,
    seconds: result.duration,
    'updates/s': Math.round((ok * perRequest) / result.duration),
    'requests/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, 'n', 100_000);
  const seconds = arg(args, 'seconds', 10);
  const dir = await mkdtemp(join(tmpdir(), 'newswire-bench-producers-'));
  const broker = await startBrokerProcess({ dataDir: join(dir, 'broker'), partitions: 3 });
  const env = { KAFKA_BROKERS: broker.brokers.join(','), LOG_LEVEL: 'warn' };
  const rows: Row[] = [];
  try {
    const created = await runCli(['topics', 'create', '--partitions', '3'], env);
    if (created.code !== 0) throw new Error(`topics create failed: ${created.stderr}`);

    // 1. CLI publish --file, end to end.
    const file = join(dir, 'updates.ndjson');
    await writeFile(file, ndjson(n, 'file'));
    const pub = await runCli(['publish', '--file', file, '--json'], env);
    if (pub.code !== 0) throw new Error(`publish failed (${pub.code}): ${pub.stderr}`);
    const summary = JSON.parse(pub.stdout) as { published: number; seconds: number };
    rows.push({
      test: 'CLI publish --file (spawned, end to end)',
      updates: summary.published,
      seconds: pub.seconds,
      'updates/s': Math.round(summary.published / pub.seconds),
      'requests/s': '',
      'p50 ms': '',
      'p99 ms': '',
      errors: n - summary.published,
    });
    rows.push({
      test: 'CLI publish --file (validate+publish, in-process timer)',
      updates: summary.published,
      seconds: summary.seconds,
      'updates/s': Math.round(summary.published / summary.seconds),
      'requests/s': '',
      'p50 ms': '',
      'p99 ms': '',
      errors: 0,
    });

    // 2. Ingest over HTTP.
    const ingest = await startIngestProcess(broker.brokers);
    try {
      rows.push(await loadIngest(ingest.url, 1, seconds, 10));
      rows.push(await loadIngest(ingest.url, 100, seconds, 10));
    } finally {
      await ingest.stop();
    }

    // 3. Replay everything to stdout.
    const rep = await runCli(['replay', 'all', '--from', 'earliest', '--json'], env);
    if (rep.code !== 0) throw new Error(`replay failed (${rep.code}): ${rep.stderr}`);
    rows.push({
      test: 'CLI replay all --from earliest > pipe (spawned)',
      updates: rep.stdoutLines,
      seconds: rep.seconds,
      'updates/s': Math.round(rep.stdoutLines / rep.seconds),
      'requests/s': '',
      'p50 ms': '',
      'p99 ms': '',
      errors: 0,
    });
  } finally {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  }
  printTable(`producers (n=${n}, ingest ${seconds}s per test, 2-core machine shared with other work)`, rows);
  const file = saveResult('producers', { n, seconds, rows });
  console.log(`saved ${file}`);
}
