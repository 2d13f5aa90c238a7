/**
 * `npm run bench -- dashboard [--sizes=10000,100000,1000000] [--stories=100] [--opens=5] [--no-restart]`
 *
 * The dashboard over a long history. For each size: a dev broker in a process
 * of its own on a temporary data dir; that many updates published through the
 * publisher (the corpus stories and the seed retold over and over, spread over
 * --stories stories and interleaved, so the opened story's updates lie across
 * the whole log); the gateway (story state on) serving the dashboard; then:
 *  - open → live: headless Chromium opens /?story=<a story> in a fresh
 *    context (no cache) and the page marks `newswire:live` when the story is
 *    shown and live; the time is from navigation start (median of --opens);
 *  - first-paint payload: bytes the page received until then (HTML, JS, CSS
 *    as sent, plus WebSocket frames);
 *  - state memory per story: heap held by one story's folded state
 *    (@newswire/story-state, measured with gc), and its snapshot's size;
 *  - snapshot rebuild after a restart: the gateway stopped and started
 *    again on the same log, until its state reached the log end
 *    (RebuildStats.ms), and open → live right after.
 * A benchmark, not a test: prints a table and saves JSON in bench/results/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createLogger } from '@newswire/config';
import { createDashboardHandler, type DashboardHandler } from '@newswire/dashboard';
import { startGateway, type RunningGateway } from '@newswire/gateway';
import { createPublisher } from '@newswire/kafka';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { decodeStateRecord, encodeSnapshot, StoryState } from '@newswire/story-state';
import type { Browser } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { freePort } from './broker-process.ts';
import { killAll, track } from './gateway/rpc.ts';
import { median, printTable, saveResult, type Row } from './lib.ts';

const ROOT = join(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Settings {
  /** Skip the restart (the slowest part with 1M stored). */
  restart: boolean;
  sizes: number[];
  stories: number;
  opens: number;
  /** The broker's message.max.bytes (Kafka's default is 1048588). */
  messageMaxBytes: number;
}

function settings(args: string[]): Settings {
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const nums = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number).filter((n) => n > 0) : d);
  return {
    restart: !args.includes('--no-restart'),
    sizes: nums(value('sizes'), [10_000, 100_000, 1_000_000]),
    stories: Number(value('stories') ?? 100),
    opens: Number(value('opens') ?? 5),
    // The gateway writes up to 100 story snapshots in one batch; at Kafka's 1 MiB default a batch of
    // large stories is refused and every restart reads the whole log again. Raised, and said in the output.
    messageMaxBytes: Number(value('message-max-bytes') ?? 64 * 1024 * 1024),
  };
}

// ---------------------------------------------------------------- the data

/** Every corpus story and the seed: the shapes a wire tells. */
function templates(): Update[][] {
  const dir = join(ROOT, 'shared/schema/corpus');
  const stories = readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => assertUpdate(JSON.parse(l))));
  return [[...KAZAKHSTAN_SEED_V2], ...stories];
}

/**
 * Update `i` of bench story `k`: its template story retold, cycle after
 * cycle, with ids (and the ids its links point at) made unique per cycle.
 */
function benchUpdate(tpls: Update[][], k: number, i: number): Update {
  const tpl = tpls[k % tpls.length]!;
  const cycle = Math.floor(i / tpl.length);
  const u = tpl[i % tpl.length]!;
  const story = `bench-${k}`;
  const id = (orig: string) => `${story}:c${cycle}:${orig.slice(orig.indexOf(':') + 1)}`;
  const out: Record<string, unknown> = { ...u, story, id: id(u.id) };
  if (u.revises) out.revises = id(u.revises);
  if (u.retracts) out.retracts = id(u.retracts);
  if (u.relations) out.relations = u.relations.map((r) => ({ ...r, to: id(r.to) }));
  return out as Update;
}

/** The i-th update of the log: stories interleaved round-robin, so each story spans the whole log. */
function logUpdate(tpls: Update[][], stories: number, i: number): Update {
  return benchUpdate(tpls, i % stories, Math.floor(i / stories));
}

async function publishAll(brokers: string[], n: number, stories: number, tpls: Update[][]): Promise<{ ms: number; rate: number }> {
  const publisher = await createPublisher({ brokers, partitions: 3, clientId: 'bench-dashboard', logger: createLogger('publisher', { level: 'warn' }) });
  const start = performance.now();
  const BATCH = 1000;
  const inFlight = new Set<Promise<unknown>>();
  let lastReport = 0;
  for (let done = 0; done < n; done += BATCH) {
    const batch: Update[] = [];
    for (let i = done; i < Math.min(n, done + BATCH); i++) batch.push(logUpdate(tpls, stories, i));
    const p = publisher.publishValidated(batch);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= 4) await Promise.race(inFlight);
    if (done - lastReport >= n / 10 || done === 0) {
      lastReport = done;
      const s = (performance.now() - start) / 1000;
      process.stdout.write(`  published ${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} (${s.toFixed(0)} s)\n`);
    }
  }
  await Promise.all(inFlight);
  await publisher.close();
  const ms = performance.now() - start;
  return { ms, rate: Math.round(n / (ms / 1000)) };
}

// ---------------------------------------------------------------- the broker

/** The dev broker in a process of its own on a temporary data dir (services/broker/src/main.ts). */
async function startBroker(messageMaxBytes: number): Promise<{ brokers: string[]; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'newswire-bench-dashboard-'));
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'services/broker/src/main.ts'), '--port', String(port), '--data-dir', dataDir, '--message-max-bytes', String(messageMaxBytes)],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  track(proc);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, '127.0.0.1', () => (c.end(), r(true)));
      c.on('error', () => r(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the broker did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    brokers: [`127.0.0.1:${port}`],
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

// ---------------------------------------------------------------- the page

interface Open {
  ms: number;
  /** When app.js had arrived, the socket was welcomed, the snapshot was in (the rest is rendering). */
  scriptLoadedMs: number;
  evaluatedMs: number;
  connectedMs: number;
  snapshotMs: number;
  bytes: number;
  httpBytes: number;
  wsBytes: number;
  /** The snapshot frame the page opened with (its story's board and 100 most recent updates). */
  snapshotFrameBytes: number;
  /**
   * On the network, from the document's request (Chromium's own clock, not the page's main thread):
   * the socket's handshake answered, the welcome and the snapshot frame received. The page's marks
   * come later when its main thread is busy.
   */
  net: { handshakeMs: number; welcomeMs: number; snapshotMs: number };
  rows: number;
}

/** One cold open (a fresh context: nothing cached) of the story, until the page marks it live. */
async function openOnce(browser: Browser, port: number, story: string): Promise<Open> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let httpBytes = 0;
  let wsBytes = 0;
  let snapshotFrameBytes = 0;
  let counting = true;
  let docAt = 0;
  const net = { handshakeMs: 0, welcomeMs: 0, snapshotMs: 0 };
  const since = (t: number) => (docAt ? (t - docAt) * 1000 : 0);
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!docAt && e.type === 'Document') docAt = e.timestamp;
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    if (!net.handshakeMs) net.handshakeMs = since(e.timestamp);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (counting) httpBytes += e.encodedDataLength;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    // Text frames: their length in UTF-8 is what crossed the wire (no compression is negotiated).
    if (!counting) return;
    const bytes = Buffer.byteLength(e.response.payloadData, 'utf8');
    wsBytes += bytes;
    if (e.response.payloadData.startsWith('{"op":"snapshot"')) {
      snapshotFrameBytes = Math.max(snapshotFrameBytes, bytes);
      if (!net.snapshotMs) net.snapshotMs = since(e.timestamp);
    }
    if (!net.welcomeMs && e.response.payloadData.startsWith('{"op":"welcome"')) net.welcomeMs = since(e.timestamp);
  });
  await page.goto(`http://127.0.0.1:${port}/?story=${story}`);
  await page.waitForFunction(() => performance.getEntriesByName('newswire:live').length > 0, undefined, { timeout: 600_000, polling: 20 });
  counting = false;
  // No named helper inside: tsx would wrap it in a __name() call the page does not have.
  const marks = await page.evaluate(() => ({
    live: performance.getEntriesByName('newswire:live')[0]?.startTime ?? 0,
    script: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) => r.name.endsWith('/app.js'))?.responseEnd ?? 0,
    evaluated: performance.getEntriesByName('newswire:script')[0]?.startTime ?? 0,
    connected: performance.getEntriesByName('newswire:connected')[0]?.startTime ?? 0,
    snapshot: performance.getEntriesByName('newswire:snapshot')[0]?.startTime ?? 0,
  }));
  const ms = marks.live;
  const rows = Number(await page.evaluate(() => document.body.dataset.rows ?? '0'));
  await context.close();
  return { ms, bytes: httpBytes + wsBytes, httpBytes, wsBytes, snapshotFrameBytes, net, rows, scriptLoadedMs: marks.script, evaluatedMs: marks.evaluated, connectedMs: marks.connected, snapshotMs: marks.snapshot };
}

// ---------------------------------------------------------------- state memory

const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/**
 * Heap held by `count` folded copies of one story, per copy; its snapshot's
 * size; and the time to load `stories` such snapshots from their bytes
 * (decodeStateRecord: parse and validate, then StoryState.fromData), the
 * snapshot part of a restart without the log read after it.
 */
function stateMemory(tpls: Update[][], k: number, updatesPerStory: number, stories: number, count = 20): { bytesPerStory: number; snapshotBytes: number; loadAllSnapshotsMs: number } {
  const updates: Update[] = [];
  for (let i = 0; i < updatesPerStory; i++) updates.push(benchUpdate(tpls, k, i));
  const keep: StoryState[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let c = 0; c < count; c++) {
    const s = new StoryState(`bench-${k}`);
    // Each copy folds its own clones: the heap counts what a state holds, not shared input objects.
    updates.forEach((u, i) => s.apply(structuredClone(u), { topic: 'newswire.bench', partition: 0, offset: String(i), ts: 1_700_000_000_000 + i }));
    keep.push(s);
  }
  gc();
  const bytesPerStory = Math.round((process.memoryUsage().heapUsed - before) / count);
  const bytes = encodeSnapshot(keep[0]!.toData(), [{ topic: 'newswire.bench', partition: 0, offset: String(updatesPerStory) }], 'bench');
  keep.length = 0;
  const t = performance.now();
  for (let i = 0; i < stories; i++) {
    const d = decodeStateRecord(`bench-${k}`, bytes);
    if (!d.ok || d.value.kind !== 'story') throw new Error(`snapshot does not decode: ${d.ok ? d.value.kind : d.error}`);
    StoryState.fromData(d.value.state);
  }
  return { bytesPerStory, snapshotBytes: Buffer.byteLength(bytes), loadAllSnapshotsMs: performance.now() - t };
}

// ---------------------------------------------------------------- one size

interface SizeResult {
  /** The machine's 1-minute load average when the page was opened (a shared machine inflates every time). */
  loadAverage: number;
  stored: number;
  stories: number;
  updatesPerStory: number;
  publish: { ms: number; rate: number };
  firstStart: { stateMs: number | null; recordsRead: number };
  opens: Open[];
  openMedianMs: number;
  payloadBytes: number;
  state: { bytesPerStory: number; snapshotBytes: number; loadAllSnapshotsMs: number };
  restart: { rebuildMs: number | null; snapshotsLoaded: number; recordsRead: number; checkpoint: boolean; openMs: number };
}

async function waitStateBuilt(gw: RunningGateway, timeoutMs = 1_800_000): Promise<void> {
  const start = Date.now();
  while (gw.state && gw.state.rebuild.ms === null) {
    if (Date.now() - start > timeoutMs) throw new Error('the gateway did not build its state in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function oneSize(n: number, s: Settings, tpls: Update[][], browser: Browser, dashboard: DashboardHandler): Promise<SizeResult> {
  const broker = await startBroker(s.messageMaxBytes);
  const logger = createLogger('gateway', { level: 'warn' });
  try {
    console.log(`\n${n.toLocaleString('en-US')} stored updates over ${s.stories} stories`);
    const publish = await publishAll(broker.brokers, n, s.stories, tpls);
    console.log(`  published in ${(publish.ms / 1000).toFixed(1)} s (${publish.rate.toLocaleString('en-US')}/s); starting the gateway`);
    // The story opened: the Sri Lanka story retold (the template of bench-1), one of the busiest shapes.
    const story = 'bench-1';
    const start = () => startGateway({ host: '127.0.0.1', port: 0, brokers: broker.brokers, staticHandler: dashboard, logger });

    let gw = await start();
    await waitStateBuilt(gw);
    const firstStart = { stateMs: gw.state?.rebuild.ms ?? null, recordsRead: gw.state?.rebuild.recordsRead ?? 0 };
    console.log(`  gateway state built from the log in ${firstStart.stateMs ?? '?'} ms; opening the page ${s.opens} times`);
    const opens: Open[] = [];
    const loadAverage = loadavg()[0]!;
    for (let i = 0; i < s.opens; i++) opens.push(await openOnce(browser, gw.port, story));
    for (const o of opens)
      console.log(`  open → live ${o.ms.toFixed(0)} ms: app.js in at ${o.scriptLoadedMs.toFixed(0)}, evaluated at ${o.evaluatedMs.toFixed(0)}, connected at ${o.connectedMs.toFixed(0)}, snapshot in at ${o.snapshotMs.toFixed(0)} ms; received ${(o.httpBytes / 1024).toFixed(0)} KB over HTTP + ${(o.wsBytes / 1024).toFixed(0)} KB over the socket (snapshot frame ${(o.snapshotFrameBytes / 1024).toFixed(0)} KB); on the network: socket open at ${o.net.handshakeMs.toFixed(0)}, welcome at ${o.net.welcomeMs.toFixed(0)}, snapshot frame at ${o.net.snapshotMs.toFixed(0)} ms`);

    // Restart: the state comes back from the snapshots and the log after the checkpoint.
    let restart: SizeResult['restart'] = { rebuildMs: null, snapshotsLoaded: 0, recordsRead: 0, checkpoint: false, openMs: Number.NaN };
    if (s.restart) {
      await gw.state?.flush();
      await gw.stop();
      gw = await start();
      await waitStateBuilt(gw);
      const rb = gw.state?.rebuild;
      const afterRestart = await openOnce(browser, gw.port, story);
      restart = { rebuildMs: rb?.ms ?? null, snapshotsLoaded: rb?.snapshotsLoaded ?? 0, recordsRead: rb?.recordsRead ?? 0, checkpoint: rb?.checkpoint ?? false, openMs: afterRestart.ms };
      console.log(`  restart: state rebuilt in ${restart.rebuildMs ?? '?'} ms (${restart.snapshotsLoaded} snapshots, ${restart.recordsRead} records read); open → live ${afterRestart.ms.toFixed(0)} ms`);
    }
    await gw.stop();

    const updatesPerStory = Math.ceil(n / s.stories);
    const state = stateMemory(tpls, 1, updatesPerStory, s.stories);
    return {
      loadAverage,
      stored: n,
      stories: s.stories,
      updatesPerStory,
      publish,
      firstStart,
      opens,
      openMedianMs: median(opens.map((o) => o.ms)),
      payloadBytes: median(opens.map((o) => o.bytes)),
      state,
      restart,
    };
  } finally {
    await broker.stop();
  }
}

export async function run(args: string[]): Promise<void> {
  const s = settings(args);
  const tpls = templates();
  const dashboard = await createDashboardHandler();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: SizeResult[] = [];
  try {
    for (const n of s.sizes) results.push(await oneSize(n, s, tpls, browser, dashboard));
  } finally {
    await browser.close();
    killAll();
  }
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const rows: Row[] = results.map((r) => ({
    'stored updates': r.stored,
    'story updates': r.updatesPerStory,
    'open → live ms (median)': Math.round(r.openMedianMs),
    'min ms': Math.round(Math.min(...r.opens.map((o) => o.ms))),
    'snapshot in at ms (median)': Math.round(median(r.opens.map((o) => o.snapshotMs))),
    'first-paint payload': kb(r.payloadBytes),
    'snapshot frame': kb(median(r.opens.map((o) => o.snapshotFrameBytes))),
    'rows shown': r.opens[0]?.rows ?? 0,
    'state per story': kb(r.state.bytesPerStory),
    'snapshot per story': kb(r.state.snapshotBytes),
    'state built (first start) ms': r.firstStart.stateMs ?? '',
    'load all snapshots ms': Math.round(r.state.loadAllSnapshotsMs),
    'rebuild after restart ms': r.restart.rebuildMs ?? '',
    'open → live after restart ms': Number.isNaN(r.restart.openMs) ? '' : Math.round(r.restart.openMs),
    'load avg': r.loadAverage.toFixed(1),
  }));
  printTable(`Dashboard: open to live, payload, state, rebuild (headless Chromium, dev broker, message.max.bytes ${s.messageMaxBytes})`, rows);
  const file = saveResult('dashboard', { settings: s, results });
  console.log(`\nsaved ${file}`);
}
