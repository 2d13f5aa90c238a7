/**
 * Test helpers for the gateway suites: a file's Kafka, publisher and
 * gateways (gatewayTestbed), a WebSocket client that records every frame and
 * checks each against the protocol's strict schema (so every gateway test is
 * also a conformance test), and helpers to follow cursors and count
 * deliveries. Updates come from @newswire/test-support.
 */
import { afterAll, beforeAll } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { createLogger } from '@newswire/config';
import { serverMessageSchema, type ServerMessage } from '@newswire/protocol';
import { type Update } from '@newswire/schema/v2';
import { createPublisher, type Publisher } from '@newswire/kafka';
import { forEveryTestFile } from '@newswire/test-support/every-file';
import { runCli, startKafka, type CliRun, type StartKafkaOptions, type TestKafka } from '@newswire/test-support';
import { startGateway, type GatewayOptions, type RunningGateway } from '../src/index.ts';

export const quietLogger = () => createLogger('gateway-test', { level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** `newswire gateway` processes of the running test file: killed at its end if still running. */
const processesOfThisFile = new Set<CliRun>();
// Through forEveryTestFile, not a top-level afterAll: this module is loaded once per fork (isolate: false).
forEveryTestFile({
  afterAll: () => {
    for (const p of processesOfThisFile) p.kill('SIGKILL');
    processesOfThisFile.clear();
  },
});

export interface GatewayProcess {
  cli: CliRun;
  port: number;
  /** Its exit code, once it has ended. */
  exited: Promise<number | null>;
}

/** `newswire gateway` as a process of its own on a free port (for tests that kill it); resolves once it listens. */
export async function spawnGateway(kafka: { brokers: string[]; env: Record<string, string> }, env: Record<string, string> = {}): Promise<GatewayProcess> {
  const cli = runCli(['gateway', '--port', '0', '--brokers', kafka.brokers.join(',')], { env: { ...kafka.env, LOG_LEVEL: 'warn', ...env }, timeoutMs: 0 });
  processesOfThisFile.add(cli);
  const listening = JSON.parse(await cli.waitForLine(/"listening":"ws:/)) as { port: number };
  return { cli, port: listening.port, exited: cli.then((r) => r.code, () => null) };
}

/** A publisher on a test's Kafka; it creates the topics under `topicPrefix` (the gateway creates none). */
export async function publisherFor(brokers: string[], topicPrefix?: string): Promise<Publisher> {
  return createPublisher({ brokers, logger: quietLogger(), partitions: 3, ...(topicPrefix !== undefined ? { topicPrefix } : {}) });
}

export interface GatewayTestbedOptions {
  /** startKafka()'s options; default `{ partitions: 3 }`. */
  kafka?: StartKafkaOptions;
  /** false: no publisher, so nothing creates the file's topics (a test that wants them missing); default true. */
  publisher?: boolean;
}

/** A file's Kafka, its publisher and the gateways its tests start (see gatewayTestbed). */
export interface GatewayTestbed {
  /** The file's Kafka (startKafka()). */
  readonly kafka: TestKafka;
  /** A publisher on it, which created the topics under `kafka.prefix`. */
  readonly pub: Publisher;
  /** The gateways started through gateway(), in order (stopped ones too). */
  readonly gateways: readonly RunningGateway[];
  /**
   * A gateway on the file's Kafka and topic prefix, quiet, on a free port;
   * `opts` override any of that. It is stopped at the end of the file; a test
   * may stop it sooner (stop() is idempotent, the second one does nothing).
   */
  gateway(opts?: Partial<GatewayOptions>): Promise<{ gw: RunningGateway; url: string }>;
}

/**
 * Registers, in the calling test file, the beforeAll that starts its Kafka
 * and publisher and the afterAll that stops, in this order, every gateway
 * gateway() started (last first), the publisher and Kafka. Call it at the top
 * level of the file, before the file's own hooks: its beforeAll runs first,
 * its afterAll last. What it starts is read through the getters, inside
 * tests and later hooks.
 */
export function gatewayTestbed(options: GatewayTestbedOptions = {}): GatewayTestbed {
  let kafka: TestKafka | undefined;
  let pub: Publisher | undefined;
  const gateways: RunningGateway[] = [];
  beforeAll(async () => {
    kafka = await startKafka(options.kafka ?? { partitions: 3 });
    if (options.publisher !== false) pub = await publisherFor(kafka.brokers, kafka.prefix);
  });
  afterAll(async () => {
    for (const g of [...gateways].reverse()) await g.stop();
    await pub?.close();
    await kafka?.stop();
  });
  const started = (): TestKafka => {
    if (!kafka) throw new Error('gatewayTestbed: Kafka is not started yet (read it inside a test or a beforeAll registered after gatewayTestbed())');
    return kafka;
  };
  return {
    get kafka() {
      return started();
    },
    get pub() {
      started();
      if (!pub) throw new Error('gatewayTestbed: this testbed was made with { publisher: false }');
      return pub;
    },
    gateways,
    async gateway(opts = {}) {
      const k = started();
      const gw = await startGateway({ port: 0, brokers: k.brokers, topicPrefix: k.prefix, logger: quietLogger(), ...opts });
      gateways.push(gw);
      return { gw, url: `ws://127.0.0.1:${gw.port}/` };
    },
  };
}

/** The HTTP status of a refused upgrade, or 101 when it was accepted (the socket is closed either way). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => {});
  });
}

export type Frame = ServerMessage & Record<string, unknown>;

/** Every TestClient of the running test file: after each test, none may have received a frame outside the protocol. */
const clientsOfThisFile = new Set<TestClient>();
forEveryTestFile({
  afterEach: () => {
    const found = [...clientsOfThisFile].flatMap((c) => c.takeViolations());
    if (found.length > 0) throw new Error(`the gateway sent ${found.length} frame(s) outside the protocol schema:\n${found.slice(0, 5).join('\n')}`);
  },
  afterAll: () => clientsOfThisFile.clear(),
});

/**
 * What a frame from the gateway breaks of the protocol, or null. The strict
 * schema (no unknown field, known error codes, every field the gateway must
 * send), not the lenient one clients read with.
 */
export function protocolViolation(data: Buffer, isBinary: boolean): string | null {
  const text = data.toString();
  if (isBinary) return `binary frame: ${text.slice(0, 120)}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  const parsed = serverMessageSchema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || '(frame)'}: ${issue?.message ?? 'schema mismatch'} in ${text.slice(0, 200)}`;
}

/**
 * A raw `ws` client that records frames and lets a test wait for conditions.
 * Every frame is checked against the protocol schema: a violation fails the
 * waits at once and the test at its end.
 */
export class TestClient {
  readonly frames: Frame[] = [];
  /** Frames that broke the protocol schema (each a description), until the end of the test takes them. */
  readonly violations: string[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private waiters: { pred: () => boolean; resolve: () => void; reject: (err: Error) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    clientsOfThisFile.add(this);
    ws.on('message', (data: Buffer, isBinary) => {
      const violation = protocolViolation(data, isBinary);
      if (violation) this.violations.push(violation);
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        frame = { op: 'error', code: 'bad_message', message: `client could not parse: ${data.toString().slice(0, 80)}`, temporary: false } as Frame;
      }
      this.frames.push(frame);
      this.poke();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.poke();
    });
    ws.on('error', () => {});
  }

  static async connect(url: string, opts: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false, ...opts });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return client;
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** The violations seen so far, forgotten once taken (each is reported once). */
  takeViolations(): string[] {
    return this.violations.splice(0);
  }

  private conformanceError(): Error | null {
    return this.violations.length > 0 ? new Error(`the gateway sent a frame outside the protocol schema: ${this.violations[0]}`) : null;
  }

  private poke(): void {
    const bad = this.conformanceError();
    this.waiters = this.waiters.filter((w) => {
      if (bad) w.reject(bad);
      else if (w.pred()) w.resolve();
      else return true;
      return false;
    });
  }

  async waitFor(pred: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const bad = this.conformanceError();
    if (bad) throw bad;
    if (pred()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frames: ${JSON.stringify(this.frames.slice(-3)).slice(0, 600)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      this.waiters.push({ pred, resolve: done, reject: fail });
    });
  }

  of<Op extends Frame['op']>(op: Op): Extract<Frame, { op: Op }>[] {
    return this.frames.filter((f) => f.op === op) as Extract<Frame, { op: Op }>[];
  }

  async waitForOp<Op extends Frame['op']>(op: Op, pred: (f: Extract<Frame, { op: Op }>) => boolean = () => true, timeoutMs?: number): Promise<Extract<Frame, { op: Op }>> {
    await this.waitFor(() => this.of(op).some(pred), `a "${op}" frame`, timeoutMs);
    return this.of(op).find(pred)!;
  }

  updateIds(): string[] {
    return this.of('update').map((f) => f.update.id);
  }

  async hello(token?: string): Promise<void> {
    this.send({ op: 'hello', v: 1, ...(token ? { token } : {}) });
    await this.waitForOp('welcome');
  }

  async waitClosed(timeoutMs?: number): Promise<number> {
    await this.waitFor(() => this.closeCode !== null, 'close', timeoutMs);
    return this.closeCode!;
  }

  close(): void {
    this.ws.terminate();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Follows one subscription's resume cursor from the frames, as a client SDK
 * does: `subscribed`/`live` set it, a catch-up frame (with `sub`) advances that
 * partition, a live frame (no `sub`) advances it once the subscription is live.
 */
export class CursorTracker {
  readonly pos = new Map<string, { topic: string; partition: number; offset: string }>();
  live = false;
  private seen = 0;

  constructor(
    private readonly client: TestClient,
    readonly subId: string,
  ) {}

  /** Applies frames received since the last call. */
  sync(): this {
    const frames = this.client.frames;
    for (; this.seen < frames.length; this.seen++) {
      const f = frames[this.seen]!;
      if ((f.op === 'subscribed' || f.op === 'live') && f.id === this.subId) {
        for (const p of f.positions) this.pos.set(`${p.topic}:${p.partition}`, { ...p });
        if (f.op === 'subscribed') this.live = !f.catchingUp;
        else this.live = true;
      } else if (f.op === 'update' && (f.sub === this.subId || (f.sub === undefined && this.live))) {
        this.pos.set(`${f.topic}:${f.partition}`, { topic: f.topic, partition: f.partition, offset: String(BigInt(f.offset) + 1n) });
      }
    }
    return this;
  }

  positions(): { topic: string; partition: number; offset: string }[] {
    return [...this.sync().pos.values()];
  }
}

/** Publishes `updates` in batches in the background; await `.done`. */
export function publishInBackground(pub: Publisher, updates: Update[], batch = 50, pauseMs = 5): { done: Promise<void>; published: () => number } {
  let published = 0;
  const done = (async () => {
    for (let i = 0; i < updates.length; i += batch) {
      await pub.publish(updates.slice(i, i + batch));
      published = Math.min(updates.length, i + batch);
      if (pauseMs > 0) await sleep(pauseMs);
    }
  })();
  return { done, published: () => published };
}

/** Asserts every id arrived exactly once over all the given id lists. */
export function countIds(lists: string[][], prefix: string): { unique: number; duplicates: string[] } {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const list of lists)
    for (const id of list) {
      if (!id.startsWith(prefix)) continue;
      if (seen.has(id)) duplicates.push(id);
      seen.add(id);
    }
  return { unique: seen.size, duplicates };
}

/** A sample's value from a gateway's /metrics (0 when absent). */
export async function metricValue(port: number, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const want = labels ? `${name}{${labels}}` : name;
  const line = text.split('\n').find((l) => l.startsWith(want + ' '));
  return line ? Number(line.slice(want.length + 1)) : 0;
}
