/**
 * One WebSocket to a gateway, from open to close: the hello, parsing what
 * arrives, the heartbeat, and the paced outbox once the gateway welcomed it.
 * The client (client.ts) opens a new one for every (re)connect and decides
 * what a close means; a disposed connection's late events are ignored.
 */
import { Outbox } from './outbox.ts';
import { messageText, OPEN, type WebSocketConstructor, type WebSocketLike } from './socket.ts';
import { CLOSE, parseServerFrame, type ClientFrame, type ServerFrame } from './wire.ts';

/** What a connection tells its client. */
export interface ConnectionEvents {
  /** The hello to send once the socket opens (read then: it carries the current token). */
  hello(): ClientFrame;
  frame(frame: ServerFrame): void;
  /** A frame that did not parse (binary, bad JSON, not a server frame). */
  badFrame(error: string): void;
  /** The socket closed, or the heartbeat gave it up. */
  closed(conn: Connection, code: number, reason: string): void;
}

export interface ConnectionSettings {
  /** Sends a ping after this long without any frame and gives the socket up after twice that; 0 disables. */
  heartbeatMs: number;
  /** Also validate every update against the full update schema. */
  validateUpdates: boolean;
}

export class Connection {
  readonly #ws: WebSocketLike;
  #disposed = false;
  #welcomed = false;
  #outbox: Outbox | null = null;
  #heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  #lastFrameAt = 0;

  /** Throws when the socket cannot even be created (e.g. a malformed URL). */
  constructor(
    WebSocket: WebSocketConstructor,
    url: string,
    private readonly settings: ConnectionSettings,
    private readonly on: ConnectionEvents,
  ) {
    const ws = new WebSocket(url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#lastFrameAt = Date.now();
      this.send(this.on.hello());
      this.#startHeartbeat();
    };
    ws.onmessage = (ev) => {
      this.#lastFrameAt = Date.now();
      const text = messageText(ev.data);
      const result = text === null ? { ok: false as const, error: 'binary frame' } : parseServerFrame(text, this.settings.validateUpdates);
      if (!result.ok) {
        this.on.badFrame(result.error);
        return;
      }
      this.on.frame(result.frame);
    };
    ws.onclose = (ev) => this.on.closed(this, ev.code, ev.reason);
    ws.onerror = () => {
      // The close event that always follows carries what we need.
    };
  }

  /** True once the gateway's welcome arrived on this socket: frames other than hello may go. */
  get welcomed(): boolean {
    return this.#welcomed;
  }

  /** The gateway welcomed us: frames go through an outbox paced under its announced limits. */
  welcome(limits: Extract<ServerFrame, { op: 'welcome' }>['limits']): void {
    if (this.#disposed) return;
    const ws = this.#ws;
    this.#outbox?.dispose();
    this.#outbox = Outbox.forLimits((text) => {
      if (ws.readyState === OPEN) ws.send(text);
    }, limits);
    this.#welcomed = true;
  }

  /** Sends when the socket is open (and, but for the hello, welcomed); false otherwise. */
  send(frame: ClientFrame): boolean {
    const ws = this.#ws;
    if (this.#disposed || ws.readyState !== OPEN) return false;
    if (frame.op === 'hello') {
      ws.send(JSON.stringify(frame));
      return true;
    }
    if (!this.#welcomed || !this.#outbox) return false;
    return this.#outbox.send(JSON.stringify(frame), frame.op === 'ping');
  }

  /** Forgets the socket (its late events are ignored) without closing it. */
  dispose(): void {
    if (this.#heartbeatTimer) clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
    this.#outbox?.dispose();
    this.#outbox = null;
    const ws = this.#ws;
    ws.onopen = null;
    ws.onmessage = null;
    // Ignored, not removed: Node's ws throws an 'error' nobody listens to (a close before the
    // handshake reports one on the next tick), which would crash the program.
    ws.onerror = ignoreLateError;
    ws.onclose = null;
    this.#disposed = true;
    this.#welcomed = false;
  }

  /** Disposes of the connection and closes its socket normally. */
  close(): void {
    this.dispose();
    try {
      this.#ws.close(CLOSE.normal, 'bye');
    } catch {
      // already closing
    }
  }

  /**
   * Browsers cannot see WebSocket-level pings, and a half-open TCP connection
   * can stay "open" for minutes: an app-level ping after a quiet period, and
   * giving the socket up after two, bounds how long a dead link goes unnoticed.
   */
  #startHeartbeat(): void {
    const heartbeatMs = this.settings.heartbeatMs;
    if (heartbeatMs <= 0) return;
    this.#heartbeatTimer = setInterval(() => {
      const quiet = Date.now() - this.#lastFrameAt;
      if (quiet >= 2 * heartbeatMs) {
        if (this.#disposed) return;
        try {
          this.#ws.close(4000, 'heartbeat timeout');
        } catch {
          // ignore
        }
        this.on.closed(this, 4000, 'heartbeat timeout');
      } else if (quiet >= heartbeatMs) {
        this.send({ op: 'ping', t: Date.now() });
      }
    }, Math.max(50, Math.floor(heartbeatMs / 2)));
    (this.#heartbeatTimer as { unref?: () => void }).unref?.();
  }
}

/** The error listener a disposed socket keeps (see dispose). */
function ignoreLateError(): void {}
