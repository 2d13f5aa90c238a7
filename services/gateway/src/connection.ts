/**
 * One WebSocket client: validates what it sends, owns its subscriptions and
 * enforces its send bound. Live frames are the hub's shared Buffers; a frame
 * that would push the socket's buffered bytes past maxBufferedBytes is not
 * sent: the client gets `lagged` with its exact resume positions and close
 * 4008, and is terminated if it does not even take the close. Every frame it
 * sends is a typed protocol frame (a snapshot's is spliced from bytes cached
 * per story change, snapshot-frame.ts); raw bytes go only through FrameWriter.
 */
import type { WebSocket } from 'ws';
import { CLOSE_CODES, ERROR_TEMPORARY, type ControlMessage, type ErrorCode, type SubscribeMessage } from '@newswire/protocol';
import { AuthError, type Grant } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { toWire, type Entry } from './entry.ts';
import { compileFilter } from './filter.ts';
import { CatchupPacer } from './catchup-pacer.ts';
import { FrameWriter } from './frame-writer.ts';
import { InboundGuard } from './inbound-guard.ts';
import { fitsGrant, resolveScope } from './subscribe-scope.ts';
import { buildWelcome } from './welcome.ts';
import { parseClientFrame } from './client-frame.ts';
import { snapshotFrame, snapshotRefusal } from './snapshot-frame.ts';
import { storyListFrame, storyListRefusal } from './story-list.ts';
import { resumePositionsOf, Subscription, type SubscriptionOwner } from './subscription.ts';

/** Flush a corked socket once this much is held back (at most a quarter of the send bound). */
const CORK_FLUSH_BYTES = 64 * 1024;
let nextConnId = 1;

export class Connection implements SubscriptionOwner {
  readonly id = nextConnId++;
  private readonly subs = new Map<string, Subscription>();
  private lastSeq = -1;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private alive = true;
  /** Rate limit and strikes; reports drops as rate_limited errors, closes 1008 on the last strike. */
  private readonly guard: InboundGuard;
  private expiryTimer: NodeJS.Timeout | undefined;
  private authTimer: NodeJS.Timeout | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private corked = false;
  private corkedBytes = 0;
  /** Corked bytes count against the send bound, so flush well before it. */
  private readonly corkFlushBytes: number;
  private helloPending = false;
  private readonly heldBack: { data: Buffer; isBinary: boolean }[] = [];
  /** Writes pre-built live frames raw when ws allows it, through ws.send otherwise. */
  private readonly writer: FrameWriter;
  /** Catch-up waits for the send buffer to go down; every write's completion wakes it. */
  private readonly pacer: CatchupPacer;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: GatewayContext,
    private grant: Grant | null,
    private readonly onClosed: (c: Connection) => void,
  ) {
    this.writer = new FrameWriter(ws);
    this.pacer = new CatchupPacer(ws, ctx.limits, () => this.state === 'open', () => this.lag());
    this.corkFlushBytes = Math.min(CORK_FLUSH_BYTES, Math.floor(ctx.limits.maxBufferedBytes / 4));
    const l = ctx.limits;
    this.guard = new InboundGuard(l, {
      reportDrops: (dropped) => this.reportDrops(dropped),
      strikeOut: () => this.close(CLOSE_CODES.policy, 'too many invalid or rate-limited messages'),
    });
    ws.on('message', (data, isBinary) => this.onMessage(data as Buffer, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('error', (err) => ctx.logger.debug({ conn: this.id, err: err.message }, 'socket error'));
    ws.on('close', (code) => this.onClose(code));
    if (grant) this.armExpiry();
    else if (ctx.verifier) {
      this.authTimer = setTimeout(() => this.close(CLOSE_CODES.forbidden, 'no token'), l.authTimeoutMs);
    }
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  // ---- sending -------------------------------------------------------------

  sendLive(entry: Entry, seq: number): void {
    if (seq === this.lastSeq) return; // several subscriptions matched: once per connection
    this.lastSeq = seq;
    if (this.state !== 'open') return;
    if (this.ws.bufferedAmount + entry.wire.length > this.ctx.limits.maxBufferedBytes) {
      this.lag();
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.writer.cork();
      this.ctx.hub.holdUntilBatchEnd(this);
    }
    this.writer.write(entry, this.pacer.onWritten);
    this.ctx.metrics.liveDeliveries.inc();
    // A big batch (consumer catching up a backlog) is flushed in slices, so
    // corked user-space bytes stay small per socket, not a whole batch each.
    this.corkedBytes += entry.wire.length;
    if (this.corkedBytes >= this.corkFlushBytes) this.uncork();
  }

  uncork(): void {
    if (!this.corked) return;
    this.corked = false;
    this.corkedBytes = 0;
    this.writer.uncork();
  }

  /** Every frame goes through here: false when not sent (connection cut or closed). */
  sendFrame(frame: Buffer | string, mode: 'live' | 'replay' | 'control'): boolean {
    if (this.state !== 'open') return false;
    const size = typeof frame === 'string' ? Buffer.byteLength(frame) : frame.length;
    if (this.ws.bufferedAmount + size > this.ctx.limits.maxBufferedBytes) {
      this.lag();
      return false;
    }
    this.ws.send(frame, { binary: false }, this.pacer.onWritten);
    if (mode === 'live') this.ctx.metrics.liveDeliveries.inc();
    else if (mode === 'replay') this.ctx.metrics.replayDeliveries.inc();
    return true;
  }

  /** Resolves once catch-up may send more (catchup-pacer.ts). */
  drain(signal: AbortSignal): Promise<void> {
    return this.pacer.drain(signal);
  }

  private sendControl(msg: ControlMessage): void {
    this.sendFrame(JSON.stringify(msg), 'control');
  }

  private sendError(code: ErrorCode, message: string, ref?: string): void {
    this.ctx.metrics.clientErrors.labels(code).inc();
    this.sendControl({ op: 'error', code, message, temporary: ERROR_TEMPORARY[code], ...(ref !== undefined ? { ref } : {}) });
  }

  /** Slow client: stop sending, tell it where to resume, close 4008. */
  private lag(): void {
    if (this.state !== 'open') return;
    this.ctx.metrics.lagged.inc();
    this.ctx.logger.info({ conn: this.id, buffered: this.ws.bufferedAmount }, 'client lagged');
    this.closeWithPositions('lagged', CLOSE_CODES.lagged, 'lagged');
  }

  /** Graceful shutdown: resume positions, then close 1012. */
  shutdown(): void {
    this.closeWithPositions('shutdown', CLOSE_CODES.restart, 'gateway restarting');
  }

  /** Stops every subscription and closes, after a frame telling the client exactly where to resume. */
  private closeWithPositions(op: 'lagged' | 'shutdown', code: number, reason: string): void {
    if (this.state !== 'open') return;
    const resume = resumePositionsOf(this.subs.values());
    this.state = 'closing';
    for (const sub of this.subs.values()) sub.close();
    // Bypass the send bound for this one small frame: it is the client's way back.
    const frame: ControlMessage = { op, epoch: this.ctx.epoch, ...resume };
    this.ws.send(JSON.stringify(frame));
    this.closeSocket(code, reason);
  }

  close(code: number, reason: string): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    for (const sub of this.subs.values()) sub.close();
    this.closeSocket(code, reason);
  }

  private closeSocket(code: number, reason: string): void {
    this.ws.close(code, reason);
    // A client that does not read will never take the close frame: cut it loose.
    this.killTimer = setTimeout(() => this.ws.terminate(), this.ctx.limits.closeGraceMs);
    this.killTimer.unref();
  }

  bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  terminate(): void {
    this.ws.terminate();
  }

  /** Heartbeat tick: false when the previous ping got no pong (socket terminated). */
  heartbeat(): boolean {
    if (!this.alive) {
      this.ws.terminate();
      return false;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      /* socket already closing */
    }
    return true;
  }

  private onClose(code: number): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.expiryTimer);
    clearTimeout(this.authTimer);
    clearTimeout(this.killTimer);
    this.guard.stop();
    for (const sub of this.subs.values()) sub.close();
    this.ctx.metrics.subscriptions.dec(this.subs.size);
    this.subs.clear();
    this.pacer.onWritten(); // a paced catch-up waiting on this socket gives up now
    this.ctx.metrics.closed.labels(String(code)).inc();
    this.onClosed(this);
  }

  // ---- receiving -----------------------------------------------------------

  /** Messages dropped since the last report: one rate_limited error, with the count (InboundGuard paces these). */
  private reportDrops(dropped: number): void {
    if (this.state !== 'open') return;
    const { ratePerSec, burst } = this.ctx.limits;
    this.ctx.metrics.clientErrors.labels('rate_limited').inc();
    this.sendControl({
      op: 'error',
      code: 'rate_limited',
      message: `${dropped} message(s) dropped: more than ${ratePerSec} per second (burst ${burst}), or too many sent while a token was being checked`,
      temporary: ERROR_TEMPORARY.rate_limited,
      dropped,
    });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.state !== 'open') return;
    if (!this.guard.admit()) return;
    // Messages pipelined behind a hello wait for its token check (bounded).
    if (this.helloPending) {
      if (this.heldBack.length >= 32) return this.guard.drop();
      this.heldBack.push({ data, isBinary });
      return;
    }
    this.handle(data, isBinary); // catches everything itself: nothing a client sends may take the process down
  }

  private handle(data: Buffer, isBinary: boolean): void {
    try {
      const parsed = parseClientFrame(data, isBinary);
      if (!parsed.ok) return this.reject(parsed.code, parsed.message, parsed.ref);
      const msg = parsed.msg;
      switch (msg.op) {
        case 'hello':
          this.helloPending = true;
          void this.onHello(msg.token).finally(() => {
            this.helloPending = false;
            while (!this.helloPending && this.heldBack.length > 0 && this.state === 'open') {
              const next = this.heldBack.shift()!;
              this.handle(next.data, next.isBinary);
            }
          });
          return;
        case 'ping':
          this.sendControl({ op: 'pong', ...(msg.t !== undefined ? { t: msg.t } : {}), now: Date.now() });
          return;
        case 'unsubscribe': {
          const sub = this.subs.get(msg.id);
          if (!sub) return this.sendError('unknown_subscription', `no subscription "${msg.id}"`, msg.id);
          sub.close();
          this.subs.delete(msg.id);
          this.ctx.metrics.subscriptions.dec();
          this.sendControl({ op: 'unsubscribed', id: msg.id });
          return;
        }
        case 'subscribe':
          this.onSubscribe(msg);
          return;
        case 'stories': {
          const ref = msg.ref ?? 'stories';
          if (this.ctx.verifier && !this.grant) return this.reject('unauthorized', 'send a token (hello.token, ?token= or Authorization) first', ref);
          const refusal = storyListRefusal(this.ctx, this.grant);
          // Not a strike: a well-formed request this gateway or token cannot serve is no abuse (the rate limit still applies).
          if (refusal) return this.sendError(refusal.code, refusal.message, ref);
          this.sendControl(storyListFrame(this.ctx, msg));
          return;
        }
      }
    } catch (err) {
      // Nothing a client sends may take the process down.
      this.ctx.logger.error({ conn: this.id, err }, 'error handling client message');
      this.sendError('internal', 'internal error');
    }
  }

  private reject(code: ErrorCode, message: string, ref?: string): void {
    this.sendError(code, message, ref);
    this.guard.strike();
  }

  private async onHello(token: string | undefined): Promise<void> {
    const { verifier } = this.ctx;
    if (token && verifier) {
      try {
        this.grant = await verifier(token);
        clearTimeout(this.authTimer);
        this.armExpiry();
        this.closeOutsideGrant();
      } catch (err) {
        this.sendError('unauthorized', err instanceof AuthError ? err.message : 'invalid token');
        this.close(CLOSE_CODES.forbidden, 'invalid token');
        return;
      }
    }
    const welcome = buildWelcome(this.ctx, this.grant);
    this.sendControl(welcome);
  }

  /**
   * A new token (second hello) replaces the grant: a running subscription the
   * new grant would not allow is closed, and the client is told with `error
   * forbidden` carrying its id (the id is free again). Closing, not silently
   * narrowing, so a client never believes it still reads what it no longer may.
   */
  private closeOutsideGrant(): void {
    for (const [id, sub] of this.subs) {
      if (fitsGrant(sub.topics, sub.filter, this.grant)) continue;
      sub.close();
      this.subs.delete(id);
      this.ctx.metrics.subscriptions.dec();
      this.sendError('forbidden', 'subscription closed: the token of the latest hello does not allow it', id);
    }
  }

  private armExpiry(): void {
    clearTimeout(this.expiryTimer);
    const exp = this.grant?.expiresAt;
    if (exp === undefined) return;
    const ms = exp - Date.now();
    if (ms <= 0) return this.close(CLOSE_CODES.tokenExpired, 'token expired');
    // setTimeout's limit is ~24.8 days; re-arm for longer tokens.
    this.expiryTimer = setTimeout(() => this.armExpiry(), Math.min(ms, 2 ** 31 - 1));
    this.expiryTimer.unref();
  }

  private onSubscribe(msg: SubscribeMessage): void {
    const { ctx } = this;
    if (ctx.verifier && !this.grant) return this.reject('unauthorized', 'send a token (hello.token, ?token= or Authorization) first', msg.id);
    if (this.subs.has(msg.id)) return this.reject('duplicate_subscription', `subscription "${msg.id}" exists`, msg.id);
    if (this.subs.size >= ctx.limits.maxSubscriptions)
      return this.reject('too_many_subscriptions', `at most ${ctx.limits.maxSubscriptions} subscriptions per connection`, msg.id);
    if (msg.snapshot) {
      const refusal = snapshotRefusal(ctx, msg, msg.snapshot, this.grant);
      if (refusal) return this.reject(refusal.code, refusal.message, msg.id);
    }
    // A snapshot subscription reads every served topic, filtered to its story.
    const scope = resolveScope(msg.snapshot ? { ...msg, filter: { stories: [msg.snapshot.story] } } : msg, ctx.topics, this.grant, ctx.topicPrefix);
    if (!scope.ok) return this.reject(scope.code, scope.message, msg.id);
    const { topics, filter } = scope;
    const sub = new Subscription(msg.id, topics, compileFilter(filter), this, {
      hub: ctx.hub,
      replay: ctx.replay,
      kafka: ctx.kafka,
      epoch: ctx.epoch,
      logger: ctx.logger,
      metrics: ctx.metrics,
      catchupBufferBytes: ctx.limits.catchupBufferBytes,
    });
    this.subs.set(msg.id, sub);
    ctx.metrics.subscriptions.inc();
    ctx.hub.add(sub);
    const from = msg.from ?? 'live';
    if (from === 'live') {
      const positions = toWire(sub.goLiveNow());
      this.sendControl({ op: 'subscribed', id: msg.id, topics, from, catchingUp: false, positions });
      // Same turn as goLiveNow: the state reflects exactly `positions`, where live delivery starts.
      if (msg.snapshot) this.sendFrame(snapshotFrame(ctx, msg.id, msg.snapshot, positions), 'control');
      return;
    }
    sub
      .catchUp(from, (positions) => this.sendControl({ op: 'subscribed', id: msg.id, topics, from, catchingUp: true, positions }))
      .catch((err: unknown) => {
        ctx.logger.warn({ conn: this.id, sub: msg.id, err }, 'catch-up failed');
        if (this.subs.get(msg.id) === sub) {
          sub.close();
          this.subs.delete(msg.id);
          ctx.metrics.subscriptions.dec();
          this.sendError('internal', 'could not read the requested history; subscribe again', msg.id);
        }
      });
  }
}
