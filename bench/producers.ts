/**
 * `npm run bench -- producers [--n=100000] [--runs=3] [--seconds=10] [--only=publish] [--cpu-prof=<dir>]`
 *
 * `--only=publish` runs just the `publish --file` rows and the kafkajs
 * ceiling (a quick check while tuning); `--cpu-prof=<dir>` runs the CLI under
 * `node --cpu-prof` and leaves the .cpuprofile files (one per thread) in <dir>.
 *
 * Producer-side throughput against the dev broker running as its own process:
 *   1. `newswire publish --file` of N updates, the spawned CLI measured end to
 *      end (process start to exit: validation pass, publish pass, shutdown),
 *      `runs` times (median shown), against kafkajs alone sending the same
 *      messages from memory in one process and in one per core
 *      (kafkajs-floor.ts): the most any producer built on kafkajs can reach here;
 *   2. the ingest service (its own process) under autocannon: one update per
 *      request, and batches of 100 per request (every update a fresh id);
 *   3. `newswire replay all --from earliest` to stdout (piped, counted here).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
// The producers write schema v2: the bench measures v2 updates (a v1 input would add the upcast).
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';
import { parseUpdate } from '@newswire/schema/v2';
import { printTable, saveResult, type Row } from './lib.ts';
import { freePort, processCpuSeconds, startBrokerProcess } from './broker-process.ts';
import { runKafkajsFloor } from './kafkajs-floor.ts';

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
  /** CPU seconds (user + system) the CLI process used, from bash's `times`. */
  cpuSeconds: number;
}

/** Parses the children line of bash's `times` ("0m1.234s 0m0.100s"). */
function childCpu(stderr: string): number {
  const lines = stderr.trim().split('\n');
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines.at(-1) ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : NaN;
}

/** Runs the CLI; stdout is counted (and kept only when small). */
function runCli(args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Through bash so `times` can report the CLI's CPU time (load-independent, unlike wall time).
    const quoted = [process.execPath, ...nodeArgs, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('bash', ['-c', `${quoted}; rc=$?; times >&2; exit $rc`], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.on('close', (code) =>
      resolve({ code, stdoutBytes, stdoutLines, stdout, stderr, seconds: (performance.now() - started) / 1000, cpuSeconds: childCpu(stderr) }),
    );
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

async function startIngestProcess(brokers: string[]): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
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
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** autocannon with a fresh id in every update of every request. */
async function loadIngest(url: string, ingestPid: number, brokerPid: number, perRequest: number, seconds: number, connections: number): Promise<Row> {
  const template = JSON.stringify({ ...KAZAKHSTAN_SEED[2]!, id: '__ID__', story: 'bench-ingest' });
  let next = 0;
  const body = () => {
    const items: string[] = [];
    for (let i = 0; i < perRequest; i++) items.push(template.replace('__ID__', `ingest-${process.pid}-${perRequest}-${next++}`));
    return perRequest === 1 ? items[0]! : `[${items.join(',')}]`;
  };
  const cpu0 = processCpuSeconds(ingestPid);
  const broker0 = processCpuSeconds(brokerPid);
  const result = await autocannon({
    url: `${url}/v1/updates`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
  });
  const ok = result['2xx'];
  const cpu = processCpuSeconds(ingestPid) - cpu0;
  return row(`ingest, ${perRequest} update${perRequest > 1 ? 's' : ''}/request (${connections} conns)`, ok * perRequest, result.duration, cpu, processCpuSeconds(brokerPid) - broker0, {
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  });
}

/**
 * One table row. Wall-clock rates depend on how busy the shared machine is;
 * updates per CPU-second of the measured process does not (much), so both are shown.
 */
function row(test: string, updates: number, seconds: number, cpu: number, brokerCpu: number, extra: Partial<Row> = {}): Row {
  return {
    test,
    updates,
    'wall s': seconds,
    'updates/s': Math.round(updates / seconds),
    'cpu s': cpu,
    'updates/cpu-s': Math.round(updates / cpu),
    'broker cpu s': brokerCpu,
    'req/s': '',
    'p50 ms': '',
    'p99 ms': '',
    errors: 0,
    runs: '',
    ...extra,
  } as Row;
}

export async function run(args: string[]): Promise<void> {
  const n = arg(args, 'n', 100_000);
  const runs = arg(args, 'runs', 3);
  let budget: Record<string, number> | undefined;
  const seconds = arg(args, 'seconds', 10);
  const text = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const only = text('only');
  const profDir = text('cpu-prof');
  const dir = await mkdtemp(join(tmpdir(), 'newswire-bench-producers-'));
  const broker = await startBrokerProcess({ dataDir: join(dir, 'broker'), partitions: 3 });
  const env = { KAFKA_BROKERS: broker.brokers.join(','), LOG_LEVEL: 'warn' };
  const rows: Row[] = [];
  try {
    const created = await runCli(['topics', 'create', '--partitions', '3'], env);
    if (created.code !== 0) throw new Error(`topics create failed: ${created.stderr}`);

    // 1. CLI publish --file, end to end, `runs` times; the median run is shown.
    const file = join(dir, 'updates.ndjson');
    await writeFile(file, ndjson(n, 'file'));
    const label = 'CLI publish --file (spawned, end to end)';
    const samples: Row[] = [];
    for (let r = 0; r < runs; r++) {
      const b0 = processCpuSeconds(broker.pid);
      const pub = await runCli(['publish', '--file', file, '--json'], env, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
      if (pub.code !== 0) throw new Error(`publish failed (${pub.code}): ${pub.stderr}`);
      const summary = JSON.parse(pub.stdout) as { published: number; seconds: number };
      samples.push(row(label, summary.published, pub.seconds, pub.cpuSeconds, processCpuSeconds(broker.pid) - b0, { errors: n - summary.published }));
    }
    samples.sort((a, b) => (a['wall s'] as number) - (b['wall s'] as number));
    rows.push({ ...samples[Math.floor(samples.length / 2)]!, runs: samples.map((x) => x['updates/s']).join(' / ') });

    // 2. The ceiling: kafkajs alone sending the same messages, pre-built in memory.
    for (const processes of [1, Math.max(2, availableParallelism())]) {
      const b0 = processCpuSeconds(broker.pid);
      const f = await runKafkajsFloor(broker.brokers, n, processes);
      rows.push(row(`kafkajs alone, ${processes} process${processes > 1 ? 'es' : ''} (pre-built messages, no validation)`, f.updates, f.seconds, f.cpuSeconds, processCpuSeconds(broker.pid) - b0));
    }

    // 3. The other unavoidable cost: validating the same lines (JSON.parse + zod), in this process.
    {
      const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      let valid = 0;
      for (const line of lines) if (parseUpdate(JSON.parse(line)).ok) valid++;
      const cpu = process.cpuUsage(cpu0);
      rows.push(row('validation alone (JSON.parse + zod, same lines, in-process)', valid, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6, 0, { errors: lines.length - valid }));
    }

    if (only === 'publish') return void finish();

    // 4. Ingest over HTTP.
    const ingest = await startIngestProcess(broker.brokers);
    try {
      // Single updates: many connections, so concurrent requests share produce requests (natural batching).
      rows.push(await loadIngest(ingest.url, ingest.pid, broker.pid, 1, seconds, 50));
      rows.push(await loadIngest(ingest.url, ingest.pid, broker.pid, 100, seconds, 10));
    } finally {
      await ingest.stop();
    }

    // 5. Replay everything to stdout.
    const b0 = processCpuSeconds(broker.pid);
    const rep = await runCli(['replay', 'all', '--from', 'earliest', '--json'], env);
    if (rep.code !== 0) throw new Error(`replay failed (${rep.code}): ${rep.stderr}`);
    rows.push(row('CLI replay all --from earliest > pipe (spawned)', rep.stdoutLines, rep.seconds, rep.cpuSeconds, processCpuSeconds(broker.pid) - b0));
    finish();
  } finally {
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  }

  function finish(): void {
    const load = loadavg()[0]!.toFixed(1);
    printTable(`producers (n=${n}, ingest ${seconds}s per test; 2-core machine, load average ${load} at the end)`, rows);
    // The CLI's rate against what kafkajs alone reaches in the same run.
    const rate = (prefix: string) => rows.find((r) => String(r.test).startsWith(prefix))?.['updates/s'] as number | undefined;
    const cli = rate('CLI publish --file');
    const ratios: Record<string, number> = {};
    for (const r of rows.filter((x) => String(x.test).startsWith('kafkajs alone'))) {
      if (cli) ratios[String(r.test)] = Number((cli / (r['updates/s'] as number)).toFixed(2));
    }
    for (const [test, ratio] of Object.entries(ratios)) console.log(`publish --file reaches ${Math.round(ratio * 100)}% of "${test}"`);
    // The least CPU any kafkajs-based publish --file needs: validating the lines plus kafkajs's own
    // sending at its cheapest, plus the broker; against what the cores offer at the 50k/s target.
    const floors = rows.filter((r) => String(r.test).startsWith('kafkajs alone'));
    const validation = rows.find((r) => String(r.test).startsWith('validation alone'));
    if (floors.length && validation) {
      const cheapest = floors.reduce((a, b) => ((a['cpu s'] as number) + (a['broker cpu s'] as number) <= (b['cpu s'] as number) + (b['broker cpu s'] as number) ? a : b));
      const need = (validation['cpu s'] as number) + (cheapest['cpu s'] as number) + (cheapest['broker cpu s'] as number);
      const have = (n / 50_000) * availableParallelism();
      const r2 = (x: unknown) => Number((x as number).toFixed(2));
      budget = { validationCpuS: r2(validation['cpu s']), kafkajsCpuS: r2(cheapest['cpu s']), brokerCpuS: r2(cheapest['broker cpu s']), neededCpuS: r2(need), availableAt50kCpuS: have };
      console.log(
        `CPU floor for ${n.toLocaleString('en-US')} updates: validation ${budget.validationCpuS} + kafkajs ${budget.kafkajsCpuS} + broker ${budget.brokerCpuS} = ${budget.neededCpuS} CPU-s; ` +
          `at 50,000 updates/s the ${availableParallelism()} cores offer ${have} CPU-s` + (need > have ? ' — the target is out of reach here' : ''),
      );
    }
    // Quick runs are for tuning: printed, not saved over the full results.
    if (only) return;
    const file = saveResult('producers', { n, runs, seconds, loadAverage: Number(load), rows, ratios, cpuBudget: budget });
    console.log(`saved ${file}`);
  }
}
