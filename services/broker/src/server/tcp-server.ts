import { createServer, type Server, type Socket } from 'node:net';
import type { BrokerContext } from './context.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { ByteBudget } from './byte-budget.ts';

export interface TcpServerOptions extends Omit<ConnectionLimits, 'buffered'> {
  host: string;
  port: number;
  /** Open connections at most; a new one past it evicts an idle one (see accept). */
  maxConnections: number;
  /** Broker-wide cap on undecoded request bytes. */
  maxBufferedRequestBytes: number;
  /** close() waits at most this long for sockets to go (they are destroyed at once; this is a backstop). */
  closeTimeoutMs: number;
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);
/** Limit events are logged at most this often (with counts), so a flood of connections is one line per window. */
const LIMIT_LOG_EVERY_MS = 10_000;

/**
 * Accepts Kafka client connections. Each connection advertises (in
 * Metadata/FindCoordinator) the address it reached and the bound port, so
 * clients keep talking to exactly the endpoint they bootstrapped with.
 *
 * Connection hygiene: a sweep closes connections whose first request or
 * current frame is overdue, and at maxConnections a newcomer is not turned
 * away while some connection is idle: the oldest connection that never sent
 * a request is closed for it, else the least recently active one that is
 * not busy (Connection.isBusy; Kafka clients reconnect on demand). Only
 * when every connection is busy is the newcomer refused.
 */
export class TcpServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;
  private readonly limits: ConnectionLimits;
  private readonly sweeper: NodeJS.Timeout;
  private limitEvents = { evicted: 0, refused: 0, lastLogAt: 0 };

  constructor(
    private readonly ctx: BrokerContext,
    private readonly opts: TcpServerOptions,
  ) {
    this.limits = { ...opts, buffered: new ByteBudget(opts.maxBufferedRequestBytes) };
    this.server = createServer((socket) => this.accept(socket));
    const sweepMs = Math.min(1000, Math.max(20, Math.min(opts.firstRequestTimeoutMs, opts.incompleteFrameTimeoutMs) / 4));
    this.sweeper = setInterval(() => this.sweep(), sweepMs).unref();
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', onError);
        this.server.on('error', (err) => this.ctx.logger.error({ err }, 'server error'));
        const addr = this.server.address();
        this.boundPort = typeof addr === 'object' && addr ? addr.port : this.opts.port;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    if (this.connections.size >= this.opts.maxConnections && !this.makeRoom()) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const local = socket.localAddress ?? this.opts.host;
    const advertisedHost = WILDCARD.has(this.opts.host) ? stripV4Mapped(local) : this.opts.host;
    // Kafka reports client hosts as "/<ip>".
    const clientHost = `/${stripV4Mapped(socket.remoteAddress ?? 'unknown')}`;
    try {
      const abort = new AbortController();
      const conn = new Connection(socket, this.ctx, { clientHost, advertisedHost, advertisedPort: this.boundPort, signal: abort.signal, abort }, this.limits, (c) =>
        this.connections.delete(c),
      );
      this.connections.add(conn);
    } catch (err) {
      this.ctx.logger.error({ err }, 'failed to set up connection');
      socket.destroy();
    }
  }

  /** At the limit: close one idle connection for the newcomer; false when every one is busy. */
  private makeRoom(): boolean {
    let victim: Connection | undefined;
    const now = Date.now();
    for (const c of this.connections) {
      if (c.isClosed || c.isBusy(now)) continue;
      // Never-used connections first (oldest first: the set keeps accept order), then least recently active.
      if (!c.hasSentRequest) {
        victim = c;
        break;
      }
      if (!victim || c.lastActiveAt < victim.lastActiveAt) victim = c;
    }
    if (victim) {
      this.connections.delete(victim);
      this.noteLimit('evicted', victim);
      victim.close('evicted at the connection limit');
      return true;
    }
    this.noteLimit('refused');
    return false;
  }

  private noteLimit(kind: 'evicted' | 'refused', victim?: Connection): void {
    this.limitEvents[kind]++;
    const now = Date.now();
    if (now - this.limitEvents.lastLogAt < LIMIT_LOG_EVERY_MS) return;
    const { evicted, refused } = this.limitEvents;
    this.ctx.logger.warn(
      {
        maxConnections: this.opts.maxConnections,
        evicted,
        refused,
        ...(victim ? { lastEvicted: { client: victim.client, ageMs: now - victim.openedAt, sentRequest: victim.hasSentRequest } } : {}),
      },
      'connection limit reached: idle connections closed for new ones, or new ones refused when every connection is busy',
    );
    this.limitEvents = { evicted: 0, refused: 0, lastLogAt: now };
  }

  private sweep(): void {
    const now = Date.now();
    for (const c of this.connections) c.check(now);
  }

  /** Stop accepting, destroy every socket, and resolve once the server has closed (bounded). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.opts.closeTimeoutMs)));
    const outcome = await Promise.race([closed, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.ctx.logger.warn({ sockets: this.sockets.size, timeoutMs: this.opts.closeTimeoutMs }, 'listener did not close in time; stopping anyway');
    }
  }
}

function stripV4Mapped(addr: string): string {
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
