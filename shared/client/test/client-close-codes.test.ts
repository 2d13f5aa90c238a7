/**
 * The SDK acts on what a close code or an error means, not on a list of
 * codes: it reconnects after a close in the reconnect range (4000-4099, and
 * standard codes like 1012) and stops after one in the terminal range
 * (4100-4199, 1008, 1009, and 4003 from a gateway before 0.2); it reads error
 * frames with codes it does not know, and subscribes again after a temporary
 * one. Codes and errors no gateway of today sends come from a scripted
 * server standing in for a newer gateway (real ws sockets, the protocol's
 * frames); the codes today's gateway sends are checked against a real one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { SignJWT } from 'jose';
import { startGateway, type RunningGateway } from '@newswire/gateway';
import { createLogger } from '@newswire/config';
import type { ServerMessage, SubscribeMessage } from '@newswire/protocol';
import { connect, type ClientError, type NewswireClient, type StateChange, type SubscriptionError, type WebSocketConstructor } from '@newswire/client';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const WS = WebSocket as unknown as WebSocketConstructor;
const TOPIC = 'newswire.arrests';

/** A server speaking enough of protocol v1 for the SDK: welcome on hello, subscribe handled by the test. */
class ScriptedGateway {
  readonly wss: WebSocketServer;
  connections = 0;
  readonly subscribes: SubscribeMessage[] = [];
  /** What to do with a subscribe; default: accept it live. */
  onSubscribe: (ws: ServerSocket, msg: SubscribeMessage) => void = (ws, msg) => this.accept(ws, msg);
  /** What to do right after the welcome of connection number n (1-based). */
  afterWelcome: (ws: ServerSocket, n: number) => void = () => {};

  constructor() {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss.on('connection', (ws) => {
      const n = ++this.connections;
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { op: string };
        if (msg.op === 'hello') {
          this.send(ws, { op: 'welcome', v: 1, server: 'scripted/0.3', epoch: 'e1', topics: [TOPIC], limits: { maxPayload: 16384, maxSubscriptions: 16, ratePerSec: 20, burst: 40, maxBufferedBytes: 4 << 20, heartbeatMs: 30_000 } });
          this.afterWelcome(ws, n);
        } else if (msg.op === 'subscribe') {
          this.subscribes.push(msg as SubscribeMessage);
          this.onSubscribe(ws, msg as SubscribeMessage);
        }
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as { port: number }).port}`;
  }

  listening(): Promise<void> {
    return new Promise((r) => (this.wss.address() ? r() : this.wss.once('listening', () => r())));
  }

  /** A frame of today's protocol. */
  send(ws: ServerSocket, frame: ServerMessage): void {
    ws.send(JSON.stringify(frame));
  }

  /** A frame as a newer gateway might send it (codes or fields today's protocol does not have). */
  sendNewer(ws: ServerSocket, frame: { op: string } & Record<string, unknown>): void {
    ws.send(JSON.stringify(frame));
  }

  accept(ws: ServerSocket, msg: SubscribeMessage): void {
    this.send(ws, { op: 'subscribed', id: msg.id, topics: [TOPIC], from: 'live', catchingUp: false, positions: [{ topic: TOPIC, partition: 0, offset: '0' }] });
  }

  close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    return new Promise((r) => this.wss.close(() => r()));
  }
}

const scripted: ScriptedGateway[] = [];
const clients: NewswireClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(scripted.splice(0).map((s) => s.close()));
});

async function scriptedGateway(): Promise<ScriptedGateway> {
  const g = new ScriptedGateway();
  scripted.push(g);
  await g.listening();
  return g;
}

function client(url: string, extra: Partial<Parameters<typeof connect>[0]> = {}): { c: NewswireClient; states: StateChange[]; errors: ClientError[] } {
  const c = connect({ url, WebSocket: WS, reconnect: { initialDelayMs: 10, maxDelayMs: 50 }, heartbeatMs: 0, ...extra });
  clients.push(c);
  const states: StateChange[] = [];
  const errors: ClientError[] = [];
  c.on('state', (s) => states.push(s));
  c.on('error', (e) => errors.push(e));
  return { c, states, errors };
}

const closedWith = (c: NewswireClient) => new Promise<StateChange>((r) => c.on('state', (s) => s.state === 'closed' && r(s)));

describe('close codes by range', () => {
  it.each([4000, 4050, 4099, 1001, 1011, 1012, 1013, 4200])('reconnects after close %i (reconnect range, or not terminal)', async (code) => {
    const g = await scriptedGateway();
    g.afterWelcome = (ws, n) => n === 1 && ws.close(code, 'go away for now');
    const { c, states } = client(g.url);
    c.subscribe();
    await vi.waitFor(() => expect(g.connections).toBe(2));
    await vi.waitFor(() => expect(c.state).toBe('live'));
    expect(states.find((s) => s.state === 'reconnecting')).toMatchObject({ code, attempt: 1 });
    expect(g.subscribes).toHaveLength(2);
  });

  it.each([4100, 4150, 4199, 1008, 1009, 1002, 4003])('stops after close %i (terminal range, standard terminal, or the legacy forbidden 4003)', async (code) => {
    const g = await scriptedGateway();
    g.afterWelcome = (ws) => ws.close(code, 'do not come back');
    const { c } = client(g.url);
    const sub = c.subscribe();
    const ended = new Promise<{ reason: string }>((r) => sub.on('end', r));
    const closed = await closedWith(c);
    expect(closed).toMatchObject({ code, reason: 'do not come back' });
    await ended;
    expect(c.state).toBe('closed');
    expect(g.connections).toBe(1);
  });
});

describe('error frames by meaning', () => {
  it('passes an error with a code it does not know to the application (not a bad frame)', async () => {
    const g = await scriptedGateway();
    g.afterWelcome = (ws) => g.sendNewer(ws, { op: 'error', code: 'quota_exceeded', message: 'a code from a newer gateway', temporary: false, retryAfterMs: 100 });
    const { errors } = client(g.url);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toEqual({ code: 'quota_exceeded', message: 'a code from a newer gateway', temporary: false });
  });

  it('ends a subscription refused with an unknown, not temporary code', async () => {
    const g = await scriptedGateway();
    g.onSubscribe = (ws, msg) => g.sendNewer(ws, { op: 'error', code: 'region_closed', message: 'not here', temporary: false, ref: msg.id });
    const { c } = client(g.url);
    const sub = c.subscribe();
    const subErrors: SubscriptionError[] = [];
    sub.on('error', (e) => subErrors.push(e));
    const ended = await new Promise<{ reason: string }>((r) => sub.on('end', r));
    expect(ended.reason).toContain('region_closed');
    expect(subErrors).toEqual([{ code: 'region_closed', message: 'not here' }]);
    expect(g.subscribes).toHaveLength(1);
  });

  it('subscribes again from its cursor after a temporary refusal, known code or not, and goes live', async () => {
    const g = await scriptedGateway();
    let refusals = 0;
    g.onSubscribe = (ws, msg) => {
      if (refusals < 2) {
        refusals++;
        g.sendNewer(ws, { op: 'error', code: refusals === 1 ? 'internal' : 'overloaded', message: 'try again', temporary: true, ref: msg.id });
      } else g.accept(ws, msg);
    };
    const { c } = client(g.url);
    const sub = c.subscribe({ from: { positions: [{ topic: TOPIC, partition: 0, offset: '7' }] } });
    const subErrors: SubscriptionError[] = [];
    sub.on('error', (e) => subErrors.push(e));
    await c.ready();
    expect(sub.state).toBe('live');
    expect(subErrors.map((e) => [e.code, e.temporary])).toEqual([
      ['internal', true],
      ['overloaded', true],
    ]);
    expect(g.connections).toBe(1);
    expect(g.subscribes).toHaveLength(3);
    expect(new Set(g.subscribes.map((s) => s.id)).size).toBe(3);
    for (const s of g.subscribes) expect(s.from).toEqual({ positions: [{ topic: TOPIC, partition: 0, offset: '7' }] });
  });
});

describe('against a real gateway', () => {
  const SECRET = 'sdk-close-codes-secret-0123456789abcdef';
  const quiet = createLogger('gateway', { level: process.env.LOG_LEVEL ?? 'warn' });
  let env: SdkEnv;
  let authed: RunningGateway;

  beforeAll(async () => {
    env = await startSdkEnv();
    authed = await startGateway({ host: '127.0.0.1', port: 0, brokers: env.kafka.brokers, topicPrefix: env.kafka.prefix, auth: { secret: SECRET }, logger: quiet });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await authed?.stop();
    await env?.stop();
  });

  it('reconnects after the gateway restarts (shutdown, 1012)', async () => {
    const { c, states } = client(env.url);
    c.subscribe();
    await c.ready();
    await env.restartGateway();
    await vi.waitFor(() => expect(states.filter((s) => s.state === 'live')).toHaveLength(2), { timeout: 30_000 });
    expect(states.find((s) => s.state === 'reconnecting')?.code).toBe(1012);
  });

  it('stops when the gateway refuses its token (4103)', async () => {
    const forged = await new SignJWT({ newswire: {} }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-not-the-secret-000000'));
    const { c, errors } = client(`ws://127.0.0.1:${authed.port}`, { token: forged });
    c.subscribe();
    const closed = await closedWith(c);
    expect(closed.code).toBe(4103);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'unauthorized', temporary: false }));
  });
});
