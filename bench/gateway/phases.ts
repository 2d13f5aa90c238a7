/**
 * The bench's measurements, each against one server process:
 *   step()        publish at a rate for a while to N clients: deliveries/s, latency, CPU per process
 *   ladder()      steps at rising rates until the server (or the box) cannot keep up
 *   idleMemory()  RSS per idle connection
 *   gapResume()   time for the SDK to resume across a gap of G updates
 */
import { Histogram } from './histogram.ts';
import { cpuSeconds, type Child } from './rpc.ts';
import type { ServerProcess } from './cluster.ts';

export interface Ctx {
  brokerPid: number;
  publisher: Child;
  workers: Child[];
}

interface WorkerStats {
  connections: number;
  deliveries: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
  closedLagged: number;
  closedOther: number;
  hist: { pairs: number[]; max: number };
  rss: number;
}

export interface StepResult {
  server: string;
  clients: number;
  rate: number;
  /** Updates/s the publisher actually achieved. */
  publishedPerSec: number;
  published: number;
  expected: number;
  deliveries: number;
  deliveriesPerSec: number;
  deliveredPct: number;
  p50: number;
  p99: number;
  max: number;
  lagged: number;
  /** Gateway-side (Kafka timestamp -> socket write) p50/p99, bucket upper bounds, ms. */
  dispatchP50: number;
  dispatchP99: number;
  serverCpuPct: number;
  /**
   * Deliveries per CPU-second the server process used: its efficiency,
   * independent of how much of the shared machine it was given.
   */
  deliveriesPerServerCpuSec: number;
  workersCpuPct: number;
  brokerCpuPct: number;
  publisherCpuPct: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Buckets = Map<number, number>;

/**
 * The gateway's own view of latency: its histogram from the Kafka record
 * timestamp to the frame being written to the sockets (null for the baseline).
 * Comparing it with the client-side latency splits "Kafka + consumer" from
 * "socket write + client".
 */
async function scrapeDispatch(server: ServerProcess): Promise<Buckets | null> {
  if (server.mode !== 'gateway') return null;
  try {
    const text = await (await fetch(server.url.replace(/^ws/, 'http') + '/metrics')).text();
    const out: Buckets = new Map();
    for (const m of text.matchAll(/^newswire_gateway_e2e_latency_seconds_bucket\{le="([^"]+)"\} (\d+)/gm)) {
      out.set(m[1] === '+Inf' ? Infinity : Number(m[1]) * 1000, Number(m[2]));
    }
    return out;
  } catch {
    return null;
  }
}

/** Bucket upper bound (ms) where the cumulative count between two scrapes reaches p%. */
function bucketPercentile(before: Buckets | null, after: Buckets | null, p: number): number {
  if (!before || !after) return NaN;
  const les = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return NaN;
  for (const le of les) if ((after.get(le)! - (before.get(le) ?? 0)) / total >= p / 100) return le;
  return Infinity;
}

/** Opens `n` connections spread over the workers; returns how many are subscribed. */
export async function openClients(ctx: Ctx, url: string, n: number): Promise<{ subscribed: number; failed: number }> {
  const per = ctx.workers.map((_, i) => Math.floor(n / ctx.workers.length) + (i < n % ctx.workers.length ? 1 : 0));
  const results = await Promise.all(
    ctx.workers.map((w, i) =>
      per[i]! > 0
        ? w.call<{ subscribed: number; failed: number }>('open', {
            url,
            count: per[i],
            concurrency: 100,
            subscribe: { op: 'subscribe', id: 'bench', from: 'live' },
          }, 300_000)
        : Promise.resolve({ subscribed: 0, failed: 0 }),
    ),
  );
  return { subscribed: results.reduce((a, r) => a + r.subscribed, 0), failed: results.reduce((a, r) => a + r.failed, 0) };
}

export async function closeClients(ctx: Ctx): Promise<void> {
  await Promise.all(ctx.workers.map((w) => w.call('closeAll', {}, 120_000)));
}

async function allStats(ctx: Ctx): Promise<WorkerStats[]> {
  return Promise.all(ctx.workers.map((w) => w.call<WorkerStats>('stats')));
}

function cpuSnapshot(pids: number[]): number[] {
  return pids.map(cpuSeconds);
}

/** Publishes `rate` updates/s for `durationMs` to the clients already open, then waits for delivery to finish. */
export async function step(ctx: Ctx, server: ServerProcess, clients: number, rate: number, durationMs: number): Promise<StepResult> {
  await Promise.all(ctx.workers.map((w) => w.call('reset')));
  const pids = [server.child.pid, ctx.brokerPid, ctx.publisher.pid, ...ctx.workers.map((w) => w.pid)];
  const dispatch0 = await scrapeDispatch(server);
  const cpu0 = cpuSnapshot(pids);
  const t0 = performance.now();
  const pub = await ctx.publisher.call<{ published: number; elapsedMs: number }>('publish', { rate, durationMs }, durationMs + 120_000);
  const expected = pub.published * clients;
  // Drain: until everything arrived, nothing moved for 1.5 s, or the server is
  // so far behind that waiting longer only measures the backlog (the rate is
  // computed over the deliveries seen, so a cut-off step still reports it).
  let last = -1;
  let still = performance.now();
  const drainUntil = performance.now() + durationMs * 2 + 5000;
  let stats = await allStats(ctx);
  for (;;) {
    const got = stats.reduce((a, s) => a + s.deliveries, 0);
    if (got >= expected || performance.now() > drainUntil) break;
    if (got !== last) {
      last = got;
      still = performance.now();
    } else if (performance.now() - still > 1500) break;
    await sleep(200);
    stats = await allStats(ctx);
  }
  const wallSec = (performance.now() - t0) / 1000;
  const cpu1 = cpuSnapshot(pids);
  const dispatch1 = await scrapeDispatch(server);
  const pct = (i: number) => ((cpu1[i]! - cpu0[i]!) / wallSec) * 100;
  const hist = new Histogram();
  for (const s of stats) hist.merge(s.hist);
  const deliveries = stats.reduce((a, s) => a + s.deliveries, 0);
  const firsts = stats.filter((s) => s.firstAt > 0).map((s) => s.firstAt);
  const span = firsts.length ? (Math.max(...stats.map((s) => s.lastAt)) - Math.min(...firsts)) / 1000 : 0;
  let workersCpu = 0;
  for (let i = 3; i < pids.length; i++) workersCpu += pct(i);
  return {
    server: server.mode,
    clients,
    rate,
    publishedPerSec: Math.round(pub.published / (pub.elapsedMs / 1000)),
    published: pub.published,
    expected,
    deliveries,
    deliveriesPerSec: span > 0 ? Math.round(deliveries / span) : 0,
    deliveredPct: expected > 0 ? (deliveries / expected) * 100 : 0,
    p50: hist.percentile(50),
    p99: hist.percentile(99),
    max: hist.max,
    lagged: stats.reduce((a, s) => a + s.closedLagged + s.closedOther, 0),
    dispatchP50: bucketPercentile(dispatch0, dispatch1, 50),
    dispatchP99: bucketPercentile(dispatch0, dispatch1, 99),
    serverCpuPct: pct(0),
    deliveriesPerServerCpuSec: cpu1[0]! > cpu0[0]! ? Math.round(deliveries / (cpu1[0]! - cpu0[0]!)) : 0,
    brokerCpuPct: pct(1),
    publisherCpuPct: pct(2),
    workersCpuPct: workersCpu,
  };
}

/**
 * At N clients: a latency step at `latencyRate`, then steps doubling the rate
 * while everything is delivered (>= 95%) and nobody was cut, up to `maxRate`.
 */
export async function ladder(
  ctx: Ctx,
  server: ServerProcess,
  clients: number,
  opts: { latencyRate: number; maxRate: number; durationMs: number; maxSteps: number },
  log: (s: string) => void,
): Promise<{ opened: number; steps: StepResult[] }> {
  const { subscribed, failed } = await openClients(ctx, server.url, clients);
  log(`${server.mode}: ${subscribed}/${clients} clients subscribed${failed ? ` (${failed} failed)` : ''}`);
  // Warm-up (JIT, consumer fetch loop, socket buffers), not reported.
  await step(ctx, server, subscribed, Math.min(opts.latencyRate, 200), 1000);
  const steps: StepResult[] = [];
  let rate = opts.latencyRate;
  for (let i = 0; i < opts.maxSteps && rate <= opts.maxRate; i++) {
    const r = await step(ctx, server, subscribed, rate, opts.durationMs);
    steps.push(r);
    log(
      `${server.mode} ${subscribed} clients @ ${rate}/s: ${r.deliveriesPerSec.toLocaleString('en-US')} deliveries/s, ` +
        `${r.deliveredPct.toFixed(1)}% delivered, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms ` +
        `(gateway dispatch p50 <= ${r.dispatchP50} ms, p99 <= ${r.dispatchP99} ms), published ${r.publishedPerSec}/s, cut ${r.lagged}, ` +
        `cpu server ${r.serverCpuPct.toFixed(0)}% (${r.deliveriesPerServerCpuSec.toLocaleString('en-US')} deliveries/cpu-s) clients ${r.workersCpuPct.toFixed(0)}% broker ${r.brokerCpuPct.toFixed(0)}%`,
    );
    if (r.deliveredPct < 95 || r.lagged > 0) break;
    rate *= 2;
  }
  await closeClients(ctx);
  return { opened: subscribed, steps };
}

export interface IdleMemory {
  server: string;
  connections: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  heapDeltaMB: number;
  kbPerConnection: number;
}

/** Gateway RSS delta (after GC) for `n` subscribed, idle connections. */
export async function idleMemory(ctx: Ctx, server: ServerProcess, n: number, log: (s: string) => void): Promise<IdleMemory> {
  type Mem = { rss: number; heapUsed: number };
  await sleep(1000);
  const before = await server.child.call<Mem>('mem', { gc: true });
  const { subscribed } = await openClients(ctx, server.url, n);
  await sleep(2000);
  const after = await server.child.call<Mem>('mem', { gc: true });
  await closeClients(ctx);
  const r: IdleMemory = {
    server: server.mode,
    connections: subscribed,
    rssBeforeMB: before.rss / 2 ** 20,
    rssAfterMB: after.rss / 2 ** 20,
    heapDeltaMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    kbPerConnection: subscribed > 0 ? (after.rss - before.rss) / 1024 / subscribed : NaN,
  };
  log(`${server.mode}: ${subscribed} idle connections: ${r.kbPerConnection.toFixed(2)} KB each (RSS ${r.rssBeforeMB.toFixed(0)} -> ${r.rssAfterMB.toFixed(0)} MB)`);
  return r;
}

export interface GapResume {
  server: string;
  gap: number;
  totalMs: number;
  firstUpdateMs: number;
  received: number;
  unique: number;
  recovered: boolean;
}

/**
 * The SDK follows live, disconnects, `gap` updates are published (and seen by
 * a probe client, so the gateway has them), then the SDK resumes from its
 * positions: the time until the whole gap is delivered and it is live again.
 */
export async function gapResume(ctx: Ctx, server: ServerProcess, resumer: Child, gap: number, label: string, log: (s: string) => void): Promise<GapResume> {
  await resumer.call('follow', { url: server.url });
  await resumer.call('disconnect');
  const probe = ctx.workers[0]!;
  await probe.call('open', { url: server.url, count: 1, subscribe: { op: 'subscribe', id: 'probe', from: 'live' } });
  await probe.call('reset');
  await ctx.publisher.call('burst', { count: gap, batch: 1000 }, 300_000);
  const deadline = Date.now() + 120_000;
  while ((await probe.call<WorkerStats>('stats')).deliveries < gap && Date.now() < deadline) await sleep(100);
  await probe.call('closeAll');
  const r = await resumer.call<GapResume>('resume', { url: server.url, expect: gap }, 180_000);
  const out = { ...r, server: label, gap };
  log(`${label}: resumed a ${gap}-update gap in ${r.totalMs.toFixed(0)} ms (${r.received} received, ${r.unique} unique, recovered=${r.recovered})`);
  return out;
}
