import type { Socket } from 'node:net';
import { CLOSE_CONNECTION, type BrokerContext } from './context.ts';
import { FrameReader, FrameTooLarge } from './frame-reader.ts';
import { bodyDiesInDispatch, dispatch, ProtocolViolation, type ConnectionFacts } from './dispatch.ts';
import type { ByteBudget } from './byte-budget.ts';

export interface ConnectionLimits {
  maxFrameBytes: number;
  /** Requests decoded but not yet answered before reading pauses. */
  maxInFlight: number;
  /** Bytes queued in the socket before reading pauses. */
  maxPendingWriteBytes: number;
  /** Kafka's connections.max.idle.ms: nothing sent or received, nothing in flight. */
  idleTimeoutMs: number;
  /** A connection that has not completed one request by then is closed (it holds a slot for nothing). */
  firstRequestTimeoutMs: number;
  /** A frame begun but not complete by then is dropped with its connection (a truncated or stalled request). */
  incompleteFrameTimeoutMs: number;
  /** Shared by all connections: undecoded request bytes broker-wide. */
  buffered: ByteBudget;
}

/** A connection that received bytes of an unfinished request this recently is still receiving it. */
const RECEIVING_GRACE_MS = 1000;

interface Slot {
  done: boolean;
  chunks: Buffer[] | null | typeof CLOSE_CONNECTION;
  /** Lets the handler reuse the response's buffers (see Dispatched.release). */
  release: () => void;
}

/**
 * One client connection. Requests are decoded and started as they arrive
 * (pipelining), but responses leave strictly in request order: a slot per
 * request, flushed from the head only once it is complete, so a long-polling
 * Fetch holds back later responses on its connection and nothing else.
 * Any protocol violation or handler failure closes this connection only.
 */
export class Connection {
  private readonly frames: FrameReader;
  private readonly slots: Slot[] = [];
  private closed = false;
  private paused = false;
  /** This connection's share of limits.buffered. */
  private accounted = 0;
  readonly openedAt = Date.now();
  /** Last time bytes arrived or a response left: the connection limit evicts the least recent idle one. */
  lastActiveAt = this.openedAt;
  /** Whether a whole request ever arrived: such a connection is a client, not a stray socket. */
  hasSentRequest = false;
  /** When the partial frame in `frames` began arriving (meaningful while bytes are buffered). */
  private partialSince = 0;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: BrokerContext,
    private readonly facts: ConnectionFacts & { abort: AbortController },
    private readonly limits: ConnectionLimits,
    private readonly onClosed: (c: Connection) => void = () => {},
  ) {
    this.frames = new FrameReader(limits.maxFrameBytes);
    socket.setNoDelay(true);
    socket.setTimeout(limits.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.maybeResume());
    socket.on('timeout', () => {
      if (this.slots.length === 0) this.close('idle');
    });
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => {
      this.closed = true;
      this.dropSlots();
      this.limits.buffered.give(this.accounted);
      this.accounted = 0;
      facts.abort.abort();
      onClosed(this);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Not a candidate for eviction at the connection limit: a request is in
   * flight (a long-polling Fetch, say), or a request is arriving right now.
   * A partial frame that stopped arriving does not count (and times out).
   */
  isBusy(now: number): boolean {
    return this.slots.length > 0 || (this.frames.bufferedBytes > 0 && now - this.lastActiveAt < RECEIVING_GRACE_MS);
  }

  get client(): string {
    return this.facts.clientHost;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const now = Date.now();
    this.lastActiveAt = now;
    const frameBegins = this.frames.bufferedBytes === 0;
    this.frames.push(chunk);
    if (frameBegins) this.partialSince = now;
    this.processFrames();
    this.account();
  }

  /**
   * Called by the server's sweep: close a connection whose first request is
   * overdue, or whose current frame stopped arriving. While reading is
   * paused (by this broker, for back-pressure) a frame cannot progress, so
   * its clock restarts on resume instead.
   */
  check(now: number): void {
    if (this.closed) return;
    if (!this.paused && this.frames.bufferedBytes > 0 && now - this.partialSince > this.limits.incompleteFrameTimeoutMs) {
      this.ctx.logger.info(
        { client: this.facts.clientHost, bufferedBytes: this.frames.bufferedBytes, timeoutMs: this.limits.incompleteFrameTimeoutMs },
        'incomplete request frame timed out; closing connection',
      );
      this.close('incomplete frame timed out');
    } else if (!this.hasSentRequest && now - this.openedAt > this.limits.firstRequestTimeoutMs) {
      this.ctx.logger.info({ client: this.facts.clientHost, timeoutMs: this.limits.firstRequestTimeoutMs }, 'no request on a new connection in time; closing it');
      this.close('no first request');
    }
  }

  /** Keep the broker-wide budget in step with what this connection holds undecoded. */
  private account(): void {
    if (this.closed) return;
    const now = this.frames.bufferedBytes;
    const delta = now - this.accounted;
    if (delta > 0 && !this.limits.buffered.tryTake(delta)) {
      this.ctx.logger.warn({ client: this.facts.clientHost, bufferedBytes: now, limit: this.limits.buffered.limit }, 'broker-wide request buffer full; closing connection');
      this.close('request buffer budget exceeded');
      return;
    }
    if (delta < 0) this.limits.buffered.give(-delta);
    this.accounted = now;
  }

  private processFrames(): void {
    try {
      while (!this.closed && !this.mustPause()) {
        const body = this.frames.next(bodyDiesInDispatch);
        if (!body) return;
        this.hasSentRequest = true;
        // Whatever is still buffered belongs to the next frame, which begins now.
        this.partialSince = Date.now();
        this.start(body);
      }
      if (!this.closed && !this.paused) {
        this.paused = true;
        this.socket.pause();
      }
    } catch (err) {
      if (err instanceof ProtocolViolation || err instanceof FrameTooLarge) {
        // What Kafka does with a request it cannot parse: drop the connection.
        this.ctx.logger.info({ client: this.facts.clientHost, reason: err.message }, 'protocol violation; closing connection');
      } else {
        this.ctx.logger.error({ err, client: this.facts.clientHost }, 'request failed; closing connection');
      }
      this.close((err as Error).message);
    }
  }

  private mustPause(): boolean {
    return this.slots.length >= this.limits.maxInFlight || this.socket.writableLength >= this.limits.maxPendingWriteBytes;
  }

  private maybeResume(): void {
    if (!this.paused || this.closed || this.mustPause()) return;
    this.paused = false;
    this.partialSince = Date.now();
    this.socket.resume();
    this.processFrames();
    this.account();
  }

  private start(body: Buffer): void {
    const slot: Slot = { done: false, chunks: null, release: () => {} };
    this.slots.push(slot);
    const d = dispatch(this.ctx, body, this.facts);
    slot.release = d.release;
    d.response.then(
      (chunks) => {
        if (this.closed) {
          d.release(); // never handed to the socket
          return;
        }
        slot.done = true;
        slot.chunks = chunks;
        this.flush();
      },
      (err: unknown) => {
        this.ctx.logger.error({ err, apiKey: d.apiKey, apiVersion: d.apiVersion }, 'request handler failed; closing connection');
        this.close('handler failure');
      },
    );
  }

  private flush(): void {
    if (this.closed) return;
    let wrote = false;
    while (this.slots.length > 0 && this.slots[0]!.done) {
      const slot = this.slots.shift()!;
      if (slot.chunks === CLOSE_CONNECTION) {
        // Send what came before, then close: later requests are not answered.
        if (wrote) this.socket.uncork();
        this.closed = true;
        this.dropSlots();
        this.ctx.logger.info({ client: this.facts.clientHost }, 'acks=0 produce failed; closing connection');
        this.socket.end(() => this.socket.destroy());
        return;
      }
      if (!slot.chunks) {
        slot.release();
        continue;
      }
      if (!wrote) this.socket.cork();
      wrote = true;
      const last = slot.chunks.length - 1;
      for (let i = 0; i < last; i++) this.socket.write(slot.chunks[i]!);
      // Writes complete in order: the last chunk's callback means the socket is done with all of them.
      // After a failed write they are left to the GC rather than risk reusing bytes still queued.
      this.socket.write(slot.chunks[last]!, (err) => {
        if (!err) slot.release();
      });
    }
    if (wrote) {
      this.socket.uncork();
      this.lastActiveAt = Date.now();
    }
    this.maybeResume();
  }

  /** Responses that will never be written: their buffers may be reused now. */
  private dropSlots(): void {
    for (const slot of this.slots.splice(0)) if (slot.done) slot.release();
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.dropSlots();
    this.ctx.logger.debug({ client: this.facts.clientHost, reason }, 'closing connection');
    this.socket.destroy();
  }
}
