import { createServer, type Server, type Socket } from 'node:net';
import type { BrokerContext } from './context.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { ByteBudget } from './byte-budget.ts';

export interface TcpServerOptions extends Omit<ConnectionLimits, 'buffered'> {
  host: string;
  port: number;
  maxConnections: number;
  /** Broker-wide cap on undecoded request bytes. */
  maxBufferedRequestBytes: number;
}

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/**
 * Accepts Kafka client connections. Each connection advertises (in
 * Metadata/FindCoordinator) the address it reached and the bound port, so
 * clients keep talking to exactly the endpoint they bootstrapped with.
 */
export class TcpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;
  private readonly limits: ConnectionLimits;

  constructor(
    private readonly ctx: BrokerContext,
    private readonly opts: TcpServerOptions,
  ) {
    this.limits = { ...opts, buffered: new ByteBudget(opts.maxBufferedRequestBytes) };
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = opts.maxConnections;
  }

  get port(): number {
    return this.boundPort;
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
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const local = socket.localAddress ?? this.opts.host;
    const advertisedHost = WILDCARD.has(this.opts.host) ? stripV4Mapped(local) : this.opts.host;
    // Kafka reports client hosts as "/<ip>".
    const clientHost = `/${stripV4Mapped(socket.remoteAddress ?? 'unknown')}`;
    try {
      const abort = new AbortController();
      new Connection(socket, this.ctx, { clientHost, advertisedHost, advertisedPort: this.boundPort, signal: abort.signal, abort }, this.limits);
    } catch (err) {
      this.ctx.logger.error({ err }, 'failed to set up connection');
      socket.destroy();
    }
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

function stripV4Mapped(addr: string): string {
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
