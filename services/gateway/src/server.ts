/**
 * startGateway: node:http + ws on one port. HTTP serves /healthz, /readyz,
 * /metrics (and hands other GETs to the dashboard's staticHandler); upgrades
 * are checked (origin, connection limit, token) before the handshake.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { DEFAULT_CONNECT_TIMEOUT_MS, openKafka } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { configDefaults, createLogger, Teardown } from '@newswire/config';
import { createVerifier, tokenFromRequest, type Grant } from './auth.ts';
import { Connection } from './connection.ts';
import type { GatewayContext } from './context.ts';
import { FanoutHub } from './hub.ts';
import { LiveConsumer } from './live-consumer.ts';
import { GatewayMetrics } from './metrics.ts';
import { DEFAULT_LIMITS, DEFAULT_STATE_OPTIONS, type GatewayOptions } from './options.ts';
import { ReplayReader } from './replay-reader.ts';
import { toWire } from './entry.ts';
import { StoryStateHost } from './story-state.ts';

import { GATEWAY_VERSION } from './version.ts';

export { GATEWAY_VERSION };

export interface RunningGateway {
  port: number;
  epoch: string;
  metrics: GatewayMetrics;
  /** The story state (null when off): benchmarks and tests read its rebuild stats and snapshots. */
  state: StoryStateHost | null;
  /** Graceful: every client gets `shutdown` with its positions and close 1012. */
  stop(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const logger = opts.logger ?? createLogger('gateway');
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const topics = [...(opts.topics ?? newswireTopics(opts.topicPrefix))];
  const metrics = new GatewayMetrics();
  // Fail fast (KafkaUnreachableError) instead of a long retry loop when Kafka is not there.
  const kafka = await openKafka({ brokers: opts.brokers, clientId: opts.clientId ?? 'newswire-gateway', logger, connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS });
  // Everything opened from here on is pushed onto this stack: a later startup step that fails
  // closes what the earlier ones opened, and stop() closes the same stack, bounded in time.
  const teardown = new Teardown({ timeoutMs: opts.shutdownTimeoutMs ?? configDefaults('common').NEWSWIRE_SHUTDOWN_TIMEOUT_MS, logger });
  teardown.defer('kafka', () => kafka.close());
  // The epoch names the log positions refer to: the Kafka cluster id. Another
  // cluster (or a wiped dev broker) gives another epoch, so stale positions are
  // detected instead of silently misread.
  const { clusterId } = await teardown.guard(kafka.describeCluster());
  const epoch = createHash('sha256').update(`newswire:${clusterId}`).digest('hex').slice(0, 16);

  let warm = false;
  const hub = new FanoutHub({
    windowEntries: limits.windowEntries,
    windowBytes: limits.windowBytes,
    windowTotalBytes: limits.windowTotalBytes,
    flushDelayMs: limits.flushDelayMs,
    // Warm-up records are history, not deliveries: they would skew the latency histogram.
    onDispatch: (entry) => {
      // Folded in the same call as the dispatch: between turns the state reflects exactly the hub's positions.
      state?.onEntry(entry);
      if (warm) metrics.latency.observe(Math.max(0, Date.now() - entry.ts) / 1000);
    },
  });
  const stateOpts = { ...DEFAULT_STATE_OPTIONS, ...opts.state };
  const state = stateOpts.enabled
    ? new StoryStateHost(
        kafka,
        epoch,
        logger.child({ component: 'story-state' }),
        {
          limits: { maxStories: stateOpts.maxStories, maxRecent: stateOpts.maxRecent, maxItemsPerList: stateOpts.maxItemsPerList },
          snapshotEvery: stateOpts.snapshotEvery,
          snapshotMs: stateOpts.snapshotMs,
          topic: opts.state?.topic ?? `${opts.topicPrefix ?? 'newswire'}.story-state`,
        },
        () => toWire(hub.positions(topics)),
        metrics.registry,
      )
    : null;
  // Before the live reader starts: it starts each partition no later than the state needs.
  if (state) await teardown.guard(state.load());
  const live = new LiveConsumer({
    kafka,
    topics,
    hub,
    epoch,
    logger: logger.child({ component: 'live-consumer' }),
    metrics,
    warmEntries: Math.min(limits.warmEntries, limits.windowEntries),
    ...(state ? { startFloor: (topic: string, partition: number, low: number) => state.startFloor(topic, partition, low) } : {}),
    ...(opts.readyLag !== undefined ? { readyLag: opts.readyLag } : {}),
    readyStaleMs: limits.readyStaleMs,
  });
  const ctx: GatewayContext = {
    hub,
    replay: new ReplayReader(kafka, epoch, logger.child({ component: 'replay' }), metrics, limits.replayConcurrency),
    kafka,
    epoch,
    topics,
    topicPrefix: opts.topicPrefix,
    limits,
    verifier: createVerifier(opts.auth ?? {}),
    metrics,
    logger,
    serverName: `newswire-gateway/${GATEWAY_VERSION}`,
    state,
  };
  const connections = new Set<Connection>();
  // Unset: any origin. An empty allow-list allows no browser origin (never "any").
  const allowedOrigins = opts.auth?.allowedOrigins ? new Set(opts.auth.allowedOrigins) : null;

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload, perMessageDeflate: false, clientTracking: false });

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      logger.error({ err }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
      return;
    }
    if (req.method === 'GET' && path === '/readyz') {
      const r = live.readiness();
      res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ...r, epoch, connections: connections.size }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics') {
      metrics.connections.set(connections.size);
      let max = 0;
      let total = 0;
      for (const c of connections) {
        const b = c.bufferedBytes();
        total += b;
        if (b > max) max = b;
      }
      metrics.sendBufferMax.set(max);
      metrics.sendBufferTotal.set(total);
      metrics.windowBytes.set(hub.windowBytes);
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body);
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && opts.staticHandler && (await opts.staticHandler(req, res))) return;
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  }

  function refuse(socket: Duplex, status: number, reason: string): void {
    metrics.rejectedUpgrades.labels(String(status)).inc();
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  let stopping = false;
  // Upgrades holding a slot while their token is verified: they count against
  // maxConnections, or concurrent upgrades would all pass the check before any
  // of them became a connection.
  let reserved = 0;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (stopping) return refuse(socket, 503, 'Service Unavailable');
    const origin = req.headers.origin;
    if (allowedOrigins && origin !== undefined && !allowedOrigins.has(origin)) return refuse(socket, 403, 'Forbidden');
    if (connections.size + reserved >= limits.maxConnections) return refuse(socket, 503, 'Service Unavailable');
    reserved++;
    let held = true;
    const release = () => {
      if (held) reserved--;
      held = false;
    };
    void (async () => {
      let grant: Grant | null = null;
      const token = tokenFromRequest(req.headers, new URL(req.url ?? '/', 'http://gateway'));
      if (token && ctx.verifier) {
        try {
          grant = await ctx.verifier(token);
        } catch {
          release();
          return refuse(socket, 401, 'Unauthorized');
        }
      }
      if (socket.destroyed || stopping) {
        release();
        if (!socket.destroyed) refuse(socket, 503, 'Service Unavailable');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        release(); // the slot becomes the connection, in the same tick
        const conn = new Connection(ws, ctx, grant, (c) => {
          connections.delete(c);
          metrics.connections.set(connections.size);
        });
        connections.add(conn);
        metrics.connections.set(connections.size);
      });
      // A handshake ws refused (bad headers) never calls back: it destroys the socket.
      socket.once('close', release);
    })().catch((err: unknown) => {
      release();
      logger.error({ err }, 'upgrade failed');
      socket.destroy();
    });
  });

  // Set once listening; a startup that fails earlier unwinds with it still undefined.
  let heartbeat: NodeJS.Timeout | undefined = undefined;
  // Closed after the consumer (stack order): the positions clients get in `shutdown` are final.
  teardown.defer('clients and http', async (signal) => {
    stopping = true;
    clearInterval(heartbeat);
    for (const c of connections) c.shutdown();
    const deadline = Date.now() + 3_000;
    while (connections.size > 0 && Date.now() < deadline && !signal.aborted) await new Promise((r) => setTimeout(r, 20));
    for (const c of connections) c.terminate(); // clients that never took the close frame
    await new Promise<void>((resolve) => {
      server.close(() => resolve()); // also when it never listened
      server.closeAllConnections();
    });
    wss.close();
  });
  // Pushed before start(): a start that fails half way may already hold a connected consumer.
  // Stopped after the live reader (stack order): the last snapshots are written at its final positions.
  if (state) teardown.defer('story state', () => state.stop());
  teardown.defer('live consumer', () => live.stop());
  await teardown.guard(live.start());
  await live.waitForFirstFetch(15_000);
  // Listen only once the window is warm: no client sees warm-up records as live.
  if (!(await live.waitWarm(limits.warmTimeoutMs))) logger.warn('window warm-up did not finish in time; serving anyway');
  warm = true;
  if (state) {
    if (live.warmedUp()) state.markCaughtUp();
    else
      void (async () => {
        while (!live.warmedUp() && !stopping) await new Promise((r) => setTimeout(r, 50));
        state.markCaughtUp();
      })();
    state.start();
  }

  heartbeat = setInterval(() => {
    for (const c of connections) c.heartbeat();
  }, limits.heartbeatMs);
  heartbeat.unref();

  await teardown.guard(new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  logger.info({ host: opts.host ?? '127.0.0.1', port, epoch, topics }, 'gateway listening');

  let stopped: Promise<void> | null = null;
  async function stop(): Promise<void> {
    stopping = true; // refuse new upgrades while the consumer stops
    // Newest first: live consumer, clients and http, kafka admin; each bounded, so a dead Kafka
    // cannot hold the stop (a client still retrying is abandoned and named in the log).
    const { abandoned } = await teardown.close();
    logger.info(abandoned.length ? { abandoned } : {}, 'gateway stopped');
  }

  return {
    port,
    epoch,
    metrics,
    state,
    stop: () => (stopped ??= stop()),
  };
}
