/**
 * `npm run bench -- gateway [--quick] [--clients=100,1000,5000] [--idle=10000] [--gap=10000]
 *                           [--workers=2] [--step-ms=4000] [--no-baseline] [--only=gateway|baseline]
 *                           [--rebalance-delay=3000]`
 *
 * The gateway's fan-out under load generated from separate processes: the
 * broker, the server under test, the publisher and N client workers (each
 * holding many WebSocket connections) are all processes of their own. For the
 * gateway and, in the same run, a naive `ws` baseline (JSON.stringify per
 * client): deliveries/s and end-to-end latency (publish time embedded in the
 * update, measured at the client) at each client count; RSS per idle
 * connection; and the SDK's time to resume a gap, from the memory window and
 * out of it (from Kafka). The broker runs with group.initial.rebalance.delay.ms
 * at Kafka's 3000 (--rebalance-delay): a resume that joined a consumer group
 * would pay it, newswire's group-less range read must not. Only the resumes:
 * --clients=0 --idle=0 --only=gateway. (bench/run.ts passes on only
 * arguments starting with '-', hence the --flag=value form.)
 */
import { printTable, saveResult, type Row } from './lib.ts';
import { startBrokerProcess, startPublisher, startResumeWorker, startServerProcess, startWorkers, type ServerProcess } from './gateway/cluster.ts';
import { killAll } from './gateway/rpc.ts';
import { gapResume, idleMemory, ladder, type Ctx, type GapResume, type IdleMemory, type StepResult } from './gateway/phases.ts';

interface Settings {
  clients: number[];
  idle: number;
  gap: number;
  workers: number;
  stepMs: number;
  maxSteps: number;
  servers: Array<'gateway' | 'baseline'>;
  coldGap: boolean;
  /** Override of the latency step's updates/s. */
  rate: number | undefined;
  /** The broker's group.initial.rebalance.delay.ms. */
  rebalanceDelayMs: number;
}

function settings(args: string[]): Settings {
  const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const value = (name: string) => flag(name)?.split('=')[1];
  const quick = flag('quick') !== undefined;
  const nums = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number).filter((n) => n > 0) : d);
  const only = value('only');
  const servers: Settings['servers'] =
    only === 'gateway' || only === 'baseline' ? [only] : flag('no-baseline') ? ['gateway'] : ['gateway', 'baseline'];
  return {
    clients: nums(value('clients'), quick ? [100, 1000] : [100, 1000, 5000]),
    idle: Number(value('idle') ?? (quick ? 2000 : 10_000)),
    gap: Number(value('gap') ?? (quick ? 2000 : 10_000)),
    workers: Number(value('workers') ?? 2),
    stepMs: Number(value('step-ms') ?? (quick ? 2000 : 4000)),
    maxSteps: Number(value('max-steps') ?? (quick ? 2 : 5)),
    servers,
    coldGap: !quick && !flag('no-cold-gap'),
    rate: value('rate') ? Number(value('rate')) : undefined,
    rebalanceDelayMs: Number(value('rebalance-delay') ?? 3000),
  };
}

/** Updates/s for the latency step: 1,000/s, but at most ~1M offered deliveries/s. */
const latencyRate = (clients: number) => Math.max(50, Math.min(1000, Math.floor(1_000_000 / clients)));

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? Number(n.toFixed(d)) : 'n/a');

export async function run(args: string[]): Promise<void> {
  const s = settings(args);
  // Ctrl-C or a crash must not leave a broker or a busy server behind.
  const onSignal = () => {
    killAll();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killAll);
  const log = (line: string) => console.log(`[gateway bench] ${line}`);
  log(`settings: ${JSON.stringify(s)}`);
  const broker = await startBrokerProcess({ rebalanceDelayMs: s.rebalanceDelayMs });
  const started: Array<{ stop(): Promise<void> }> = [];
  const ctx: Ctx = { brokerPid: broker.pid, publisher: await startPublisher(broker.brokers), workers: startWorkers(s.workers) };
  const steps: StepResult[] = [];
  const memory: IdleMemory[] = [];
  const resumes: GapResume[] = [];
  try {
    for (const mode of s.servers) {
      const server: ServerProcess = await startServerProcess(mode, broker.brokers, { maxConnections: s.idle + 1000 });
      started.push(server);
      log(`${mode} listening at ${server.url}`);
      // Idle memory first, on a fresh process: after load, freed heap would absorb the new connections.
      if (s.idle > 0) memory.push(await idleMemory(ctx, server, s.idle, log));
      for (const n of s.clients) {
        const r = await ladder(ctx, server, n, { latencyRate: s.rate ?? latencyRate(n), maxRate: 40_000, durationMs: s.stepMs, maxSteps: s.maxSteps }, log);
        steps.push(...r.steps);
      }
      if (mode === 'gateway' && s.gap > 0) {
        const resumer = startResumeWorker();
        started.push({ stop: () => resumer.kill() });
        resumes.push(await gapResume(ctx, server, resumer, s.gap, 'gateway (memory window)', log));
        if (s.coldGap) {
          // A gateway whose memory window is tiny: the gap must come from Kafka (replay reader).
          const cold = await startServerProcess('gateway', broker.brokers, { windowEntries: 16, windowBytes: 64 * 1024 });
          started.push(cold);
          resumes.push(await gapResume(ctx, cold, resumer, s.gap, 'gateway (out of window: from Kafka)', log));
          await cold.stop();
        }
      }
      await server.stop();
    }
  } finally {
    await ctx.publisher.call('stop').catch(() => {});
    await Promise.all([...ctx.workers.map((w) => w.kill()), ctx.publisher.kill(), ...started.map((p) => p.stop().catch(() => {}))]);
    await broker.stop();
  }
  report(s, steps, memory, resumes);
}

function report(s: Settings, steps: StepResult[], memory: IdleMemory[], resumes: GapResume[]): void {
  printTable(
    'Fan-out: deliveries/s and end-to-end latency (publish -> client), per offered rate',
    steps.map((r) => ({
      server: r.server,
      clients: r.clients,
      'updates/s': r.rate,
      'published/s': r.publishedPerSec,
      'offered deliv/s': r.rate * r.clients,
      'deliveries/s': r.deliveriesPerSec,
      'delivered %': fmt(r.deliveredPct, 1),
      'p50 ms': fmt(r.p50),
      'p99 ms': fmt(r.p99),
      'max ms': fmt(r.max, 1),
      'gw dispatch p50/p99 ms': r.server === 'gateway' ? `<=${r.dispatchP50}/<=${r.dispatchP99}` : '',
      cut: r.lagged,
      'server cpu%': fmt(r.serverCpuPct, 0),
      'deliv/server cpu-s': r.deliveriesPerServerCpuSec,
      'clients cpu%': fmt(r.workersCpuPct, 0),
      'broker cpu%': fmt(r.brokerCpuPct, 0),
    })),
  );
  const best = (server: string, clients: number) =>
    Math.max(0, ...steps.filter((r) => r.server === server && r.clients === clients && r.lagged === 0).map((r) => r.deliveriesPerSec));
  const latencyAt = (server: string, clients: number) => steps.find((r) => r.server === server && r.clients === clients);
  const summary: Row[] = [];
  for (const n of s.clients) {
    const g = best('gateway', n);
    const b = best('baseline', n);
    summary.push({ metric: `best deliveries/s, ${n} clients (nobody cut)`, gateway: g, baseline: b, ratio: b ? fmt(g / b) : 'n/a', target: n === 1000 ? '>= 1,000,000' : '' });
    const eff = (server: string) => Math.max(0, ...steps.filter((r) => r.server === server && r.clients === n).map((r) => r.deliveriesPerServerCpuSec));
    summary.push({ metric: `deliveries per server CPU-second, ${n} clients`, gateway: eff('gateway'), baseline: eff('baseline'), ratio: eff('baseline') ? fmt(eff('gateway') / eff('baseline')) : 'n/a', target: '' });
    const gl = latencyAt('gateway', n);
    const bl = latencyAt('baseline', n);
    summary.push({
      metric: `p99 ms at ${gl?.rate ?? latencyRate(n)} updates/s, ${n} clients`,
      gateway: gl ? fmt(gl.p99) : 'n/a',
      baseline: bl ? fmt(bl.p99) : 'n/a',
      ratio: gl && bl ? fmt(bl.p99 / gl.p99) : 'n/a',
      target: n === 1000 ? '< 20' : '',
    });
  }
  for (const m of memory) summary.push({ metric: `KB per idle connection (${m.connections} conns)`, gateway: m.server === 'gateway' ? fmt(m.kbPerConnection) : '', baseline: m.server === 'baseline' ? fmt(m.kbPerConnection) : '', ratio: '', target: m.server === 'gateway' ? '<= 10' : '' });
  for (const r of resumes) {
    summary.push({ metric: `resume ${r.gap}-update gap, ms: ${r.server}`, gateway: fmt(r.totalMs, 0), baseline: 'no resume', ratio: '', target: '< 1000' });
    summary.push({
      metric: `  first update of that resume, ms (rebalance delay ${s.rebalanceDelayMs} ms)`,
      gateway: fmt(r.firstUpdateMs, 0),
      baseline: '',
      ratio: '',
      target: r.server.includes('Kafka') ? `< 1000 (a group join: >= ${s.rebalanceDelayMs})` : '',
    });
  }
  printTable('Gateway vs naive baseline, and the targets', summary);
  if (memory.length) printTable('Idle connections', memory.map((m) => ({ ...m, rssBeforeMB: fmt(m.rssBeforeMB, 1), rssAfterMB: fmt(m.rssAfterMB, 1), heapDeltaMB: fmt(m.heapDeltaMB, 1), kbPerConnection: fmt(m.kbPerConnection) })));
  if (resumes.length) printTable('Gap resume with the SDK', resumes.map((r) => ({ server: r.server, gap: r.gap, 'total ms': fmt(r.totalMs, 0), 'first update ms': fmt(r.firstUpdateMs, 1), received: r.received, unique: r.unique, recovered: String(r.recovered) })));
  const file = saveResult('gateway', { settings: s, steps, memory, resumes });
  console.log(`\nsaved ${file}`);
}
