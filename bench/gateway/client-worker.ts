/**
 * A load-generating process: holds many WebSocket connections to a gateway (or
 * the baseline server), subscribes each one, and counts update frames and
 * their end-to-end latency without parsing them (the publish time is read
 * from the update id's bytes), so as little CPU as possible goes to the
 * measuring side. (A hand-rolled frame parser was tried instead of `ws`: no
 * gain, the per-frame cost is in the socket reads, not in parsing.) Driven
 * over IPC (rpc.ts).
 */
import WebSocket from 'ws';
import { calibrateClock, wallNow } from './clock.ts';
import { Histogram } from './histogram.ts';
import { serve } from './rpc.ts';
import { publishTimeOf } from './updates.ts';

calibrateClock();

interface Conn {
  subscribed: boolean;
  send(text: string): void;
  terminate(): void;
  /** Resolves when the connection is gone. */
  closed: Promise<void>;
}


const conns = new Set<Conn>();
const hist = new Histogram();
let deliveries = 0;
let bytes = 0;
let firstAt = 0;
let lastAt = 0;
let closedLagged = 0;
let closedOther = 0;
/** Record latency for one frame in `sampleEvery` (1 = all). */
let sampleEvery = 1;
let sampleTick = 0;

const U = 0x75; // 'u' of {"op":"update"
const P = 0x70; // 'p'

function onFrame(conn: Conn, data: Buffer): void {
  // {"op":"update",...: bytes 7 and 8 are 'u','p' ("unsubscribed" has 'n').
  if (data[7] === U && data[8] === P) {
    const now = wallNow();
    deliveries += 1;
    if (firstAt === 0) firstAt = now;
    lastAt = now;
    if (++sampleTick >= sampleEvery) {
      sampleTick = 0;
      const t = publishTimeOf(data);
      if (!Number.isNaN(t)) hist.record(now - t);
    }
    return;
  }
  if (!conn.subscribed) {
    const text = data.toString();
    if (text.includes('"op":"subscribed"') || text.includes('"op":"live"')) {
      conn.subscribed = true;
      readyWaiters.forEach((w) => w());
    }
  }
}

let readyWaiters: Array<() => void> = [];

function onClosed(conn: Conn, code: number): void {
  if (conns.delete(conn)) {
    if (code === 4008) closedLagged += 1;
    else if (!closing) closedOther += 1;
  }
}

function openOne(url: string, subscribe: object, connectTimeoutMs: number): Promise<Conn | null> {
  return new Promise((resolve) => {
    let settled = false;
    let markClosed!: () => void;
    const conn: Conn = { subscribed: false, send: () => {}, terminate: () => {}, closed: new Promise((r) => (markClosed = r)) };
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok ? conn : null);
    };
    const timer = setTimeout(() => {
      conn.terminate();
      done(false);
    }, connectTimeoutMs);
    const opened = () => {
      conns.add(conn);
      conn.send(JSON.stringify({ op: 'hello', v: 1 }));
      conn.send(JSON.stringify(subscribe));
      done(true);
    };
    const closedWith = (code: number) => {
      onClosed(conn, code);
      markClosed();
      done(false);
    };
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    conn.send = (t) => ws.send(t);
    conn.terminate = () => ws.terminate();
    ws.on('open', opened);
    ws.on('message', (data: Buffer) => {
      bytes += data.length;
      onFrame(conn, data);
    });
    ws.on('error', () => {});
    ws.on('close', (code) => closedWith(code));
  });
}

let closing = false;

async function open(args: Record<string, unknown>): Promise<{ opened: number; subscribed: number; failed: number }> {
  const url = String(args.url);
  const count = Number(args.count);
  const concurrency = Number(args.concurrency ?? 100);
  const subscribe = (args.subscribe as object) ?? { op: 'subscribe', id: 'bench', from: 'live' };
  const waitSubscribedMs = Number(args.waitSubscribedMs ?? 60_000);
  closing = false;
  let failed = 0;
  let started = 0;
  const batch: Promise<Conn | null>[] = [];
  const results: Conn[] = [];
  while (started < count) {
    batch.length = 0;
    for (let i = 0; i < concurrency && started < count; i++, started++) batch.push(openOne(url, subscribe, 20_000));
    for (const c of await Promise.all(batch)) {
      if (c) results.push(c);
      else failed += 1;
    }
  }
  // Wait until every open connection confirmed its subscription.
  const deadline = Date.now() + waitSubscribedMs;
  const pending = () => results.filter((c) => !c.subscribed && conns.has(c)).length;
  while (pending() > 0 && Date.now() < deadline) {
    await new Promise<void>((r) => {
      readyWaiters.push(r);
      setTimeout(r, 200);
    });
    readyWaiters = [];
  }
  return { opened: results.length, subscribed: results.filter((c) => c.subscribed).length, failed };
}

serve({
  open,
  reset() {
    hist.reset();
    deliveries = 0;
    bytes = 0;
    firstAt = 0;
    lastAt = 0;
    closedLagged = 0;
    closedOther = 0;
    return true;
  },
  sample(args) {
    sampleEvery = Math.max(1, Number(args.every ?? 1));
    return true;
  },
  stats() {
    return {
      connections: conns.size,
      deliveries,
      bytes,
      firstAt,
      lastAt,
      closedLagged,
      closedOther,
      hist: hist.toSparse(),
      rss: process.memoryUsage().rss,
    };
  },
  async closeAll() {
    closing = true;
    const all = [...conns];
    for (const c of all) c.terminate();
    await Promise.all(all.map((c) => c.closed));
    conns.clear();
    return all.length;
  },
});
