/**
 * One WebSocket client: validates what it sends, owns its subscriptions and
 * enforces its send bound. Live frames are the hub's shared Buffers; a frame
 * that would push the socket's buffered bytes past maxBufferedBytes is not
 * sent: the client gets `lagged` with its exact resume positions and close
 * 4008, and is terminated if it does not even take the close. Every frame it
 * sends is a typed protocol frame (a snapshot's state and recent updates are
 * spliced in as the bytes serialised once per story change); raw bytes go
 * only through FrameWriter.
 */
import type { WebSocket } from 'ws';
import { CLOSE_CODES, ERROR_TEMPORARY, type ControlMessage, type ErrorCode, type SnapshotFrame, type StreamPosition, type SubscribeMessage, type SubscriptionPositions } from '@newswire/protocol';
import { AuthError, type Grant } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { partitionKey, toWire, type Entry, type Position } from './entry.ts';
import { compileFilter } from './filter.ts';
import { FrameWriter } from './frame-writer.ts';
import { fitsGrant, resolveScope } from './subscribe-scope.ts';
import { buildWelcome } from './welcome.ts';
import { parseClientFrame } from './client-frame.ts';
import { Subscription, type SubscriptionOwner } from './subscription.ts';
import { TokenBucket } from './token-bucket.ts';

/** Flush a corked socket once this much is held back (at most a quarter of the send bound). */
const CORK_FLUSH_BYTES = 64 * 1024;
/** The pieces a snapshot frame is spliced from (sendSnapshot). */
const COMMA = Buffer.from(',');
const STATE_OPEN = Buffer.from(',"state":');
const RECENT_OPEN = Buffer.from(',"recent":[');
const FRAME_CLOSE = Buffer.from(']}');
let nextConnId = 1;

export class Connection implements SubscriptionOwner {
  readonly id = nextConnId++;
  private readonly subs = new Map<string, Subscription>();
  private lastSeq = -1;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private alive = true;
  private readonly rate: TokenBucket;
  private readonly abuse: TokenBucket;
  /** When the last rate_limited error went out, and how many messages were dropped since. */
  private lastRateError = 0;
  private droppedUnreported = 0;
  private dropReportTimer: NodeJS.Timeout | undefined;
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
  /** Catch-up waiting for the send buffer to go down: woken by write completions, not a timer. */
  private readonly flushWaiters = new Set<() => void>();
  /** Passed to every write: a flushed frame is the event a paced catch-up waits for. */
  private readonly onWritten = (): void => {
    for (const wake of this.flushWaiters) wake();
  };

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: GatewayContext,
    private grant: Grant | null,
    private readonly onClosed: (c: Connection) => void,
  ) {
    this.writer = new FrameWriter(ws);
    this.corkFlushBytes = Math.min(CORK_FLUSH_BYTES, Math.floor(ctx.limits.maxBufferedBytes / 4));
    const l = ctx.limits;
    this.rate = new TokenBucket(l.ratePerSec, l.burst);
    this.abuse = new TokenBucket(l.abuseRefillPerSec, l.abuseBurst);
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
    this.writer.write(entry, this.onWritten);
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
    this.ws.send(frame, { binary: false }, this.onWritten);
    if (mode === 'live') this.ctx.metrics.liveDeliveries.inc();
    else if (mode === 'replay') this.ctx.metrics.replayDeliveries.inc();
    return true;
  }

  /**
   * Resolves once the send buffer is at or below the catch-up low-water mark.
   * Woken by the completion of every write to this socket (each frame is sent
   * with onWritten), and by the connection closing; one timer cuts a client
   * that takes nothing for replayStallMs. (The socket's own 'drain' event
   * alone would not do: Node emits it only once the buffer passed the
   * socket's high-water mark, which a small send bound never reaches.)
   */
  drain(signal: AbortSignal): Promise<void> {
    const { replayStallMs } = this.ctx.limits;
    // Under a small send bound (GATEWAY_MAX_BUFFERED_BYTES below the low-water mark) catch-up
    // would never wait and would cut a client that reads: pace at a quarter of the bound then.
    const replayLowWaterBytes = Math.min(this.ctx.limits.replayLowWaterBytes, Math.floor(this.ctx.limits.maxBufferedBytes / 4));
    if (this.ws.bufferedAmount <= replayLowWaterBytes) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        this.flushWaiters.delete(check);
        signal.removeEventListener('abort', check);
        clearTimeout(stall);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (signal.aborted || this.state !== 'open') return finish(new Error('connection gone'));
        if (this.ws.bufferedAmount <= replayLowWaterBytes) return finish();
      };
      const stall = setTimeout(() => {
        this.lag();
        finish(new Error('client stalled during replay'));
      }, replayStallMs);
      this.flushWaiters.add(check);
      signal.addEventListener('abort', check);
    });
  }

  private sendControl(msg: ControlMessage): void {
    this.sendFrame(JSON.stringify(msg), 'control');
  }

  private sendError(code: ErrorCode, message: string, ref?: string): void {
    this.ctx.metrics.clientErrors.labels(code).inc();
    this.sendControl({ op: 'error', code, message, temporary: ERROR_TEMPORARY[code], ...(ref !== undefined ? { ref } : {}) });
  }

  /** Resume cursors of every subscription, and the per-partition minimum over them. */
  resumePositions(): { positions: StreamPosition[]; subscriptions: SubscriptionPositions[] } {
    const subscriptions: SubscriptionPositions[] = [];
    const min = new Map<string, Position>();
    for (const sub of this.subs.values()) {
      const positions = sub.positions();
      subscriptions.push({ id: sub.id, positions: toWire(positions) });
      for (const p of positions) {
        const k = partitionKey(p.topic, p.partition);
        const cur = min.get(k);
        if (!cur || p.offset < cur.offset) min.set(k, p);
      }
    }
    return { positions: toWire([...min.values()]), subscriptions };
  }

  /** Slow client: stop sending, tell it where to resume, close 4008. */
  private lag(): void {
    if (this.state !== 'open') return;
    const resume = this.resumePositions();
    this.state = 'closing';
    this.ctx.metrics.lagged.inc();
    this.ctx.logger.info({ conn: this.id, buffered: this.ws.bufferedAmount }, 'client lagged');
    for (const sub of this.subs.values()) sub.close();
    // Bypass the bound for this one small frame: it is the client's way back.
    const lagged: ControlMessage = { op: 'lagged', epoch: this.ctx.epoch, ...resume };
    this.ws.send(JSON.stringify(lagged));
    this.closeSocket(CLOSE_CODES.lagged, 'lagged');
  }

  /** Graceful shutdown: resume positions, then close 1012. */
  shutdown(): void {
    if (this.state !== 'open') return;
    const resume = this.resumePositions();
    this.state = 'closing';
    for (const sub of this.subs.values()) sub.close();
    const shutdown: ControlMessage = { op: 'shutdown', epoch: this.ctx.epoch, ...resume };
    this.ws.send(JSON.stringify(shutdown));
    this.closeSocket(CLOSE_CODES.restart, 'gateway restarting');
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
    clearTimeout(this.dropReportTimer);
    for (const sub of this.subs.values()) sub.close();
    this.ctx.metrics.subscriptions.dec(this.subs.size);
    this.subs.clear();
    this.onWritten(); // a paced catch-up waiting on this socket gives up now
    this.ctx.metrics.closed.labels(String(code)).inc();
    this.onClosed(this);
  }

  // ---- receiving -----------------------------------------------------------

  /** An invalid or dropped message. The abuseBurst-th strike (within the refill) closes 1008. */
  private strike(): void {
    this.abuse.take();
    if (this.abuse.left >= 1) return;
    this.reportDrops(); // the client learns about its last drops before the close
    this.close(CLOSE_CODES.policy, 'too many invalid or rate-limited messages');
  }

  /**
   * A dropped message. At most one rate_limited error per second goes out,
   * each with `dropped`: the messages dropped since the previous one, so the
   * sum over the errors is every drop (the last ones are reported when the
   * second is over, even if the client sends nothing more).
   */
  private dropped(): void {
    this.droppedUnreported++;
    const wait = this.lastRateError + 1000 - Date.now();
    if (wait <= 0) this.reportDrops();
    else if (!this.dropReportTimer) {
      this.dropReportTimer = setTimeout(() => this.reportDrops(), wait);
      this.dropReportTimer.unref();
    }
  }

  private reportDrops(): void {
    clearTimeout(this.dropReportTimer);
    this.dropReportTimer = undefined;
    const dropped = this.droppedUnreported;
    if (dropped === 0 || this.state !== 'open') return;
    this.droppedUnreported = 0;
    this.lastRateError = Date.now();
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
    if (!this.rate.take()) {
      this.dropped();
      this.strike();
      return;
    }
    // Messages pipelined behind a hello wait for its token check (bounded).
    if (this.helloPending) {
      if (this.heldBack.length >= 32) {
        this.dropped();
        this.strike();
        return;
      }
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
      }
    } catch (err) {
      // Nothing a client sends may take the process down.
      this.ctx.logger.error({ conn: this.id, err }, 'error handling client message');
      this.sendError('internal', 'internal error');
    }
  }

  private reject(code: ErrorCode, message: string, ref?: string): void {
    this.sendError(code, message, ref);
    this.strike();
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

  /** Why a subscribe with `snapshot` cannot be served, or null. */
  private snapshotRefusal(msg: SubscribeMessage): { code: ErrorCode; message: string } | null {
    const { ctx } = this;
    const story = msg.snapshot!.story;
    if (!ctx.state) return { code: 'state_unavailable', message: 'this gateway keeps no story state (GATEWAY_STATE=off)' };
    if (msg.topics !== undefined || (msg.from !== undefined && msg.from !== 'live'))
      return { code: 'bad_message', message: 'a snapshot subscription reads every topic of its story from the snapshot’s positions: leave out topics and from' };
    const f = msg.filter;
    if (f && (Object.keys(f).some((k) => k !== 'stories') || f.stories?.length !== 1 || f.stories[0] !== story))
      return { code: 'bad_message', message: 'a snapshot subscription is filtered to its story only: leave out filter, or give filter.stories = [snapshot.story]' };
    // A story's state holds every kind: only a token that may read every served topic and kind may have it.
    if (!fitsGrant(ctx.topics, compileFilter({}), this.grant))
      return { code: 'forbidden', message: 'a story’s state holds every kind of update: your token is limited to some topics or kinds' };
    if (ctx.state.store.isUntracked(story))
      return { code: 'state_unavailable', message: `this gateway holds no state for story ${story}: it holds GATEWAY_STATE_MAX_STORIES stories already` };
    return null;
  }

  /**
   * The snapshot frame, put together from bytes the state host keeps per story
   * (its view and recent updates serialised once per change, snapshot-cache.ts):
   * only the typed rest of the frame (id, positions, history) is written per
   * request, and the two parts are spliced in after it.
   */
  private sendSnapshot(id: string, snapshot: NonNullable<SubscribeMessage['snapshot']>, positions: StreamPosition[]): void {
    const state = this.ctx.state!;
    const s = state.snapshot(snapshot.story, Math.min(snapshot.recent ?? 0, state.store.limits.maxRecent), snapshot.view ?? 'board');
    const rest: Omit<SnapshotFrame, 'state' | 'recent'> = {
      op: 'snapshot',
      id,
      story: snapshot.story,
      epoch: this.ctx.epoch,
      positions,
      history: { complete: !s.partialHistory, building: s.building },
    };
    const head = JSON.stringify(rest);
    const recent: Buffer[] = [];
    s.recent.forEach((r, i) => recent.push(...(i > 0 ? [COMMA, r] : [r])));
    // `{...rest` without its closing brace, then `,"state":<view>,"recent":[<updates>]}`.
    this.sendFrame(Buffer.concat([Buffer.from(head.slice(0, -1)), STATE_OPEN, s.state, RECENT_OPEN, ...recent, FRAME_CLOSE]), 'control');
  }

  private onSubscribe(msg: SubscribeMessage): void {
    const { ctx } = this;
    if (ctx.verifier && !this.grant) return this.reject('unauthorized', 'send a token (hello.token, ?token= or Authorization) first', msg.id);
    if (this.subs.has(msg.id)) return this.reject('duplicate_subscription', `subscription "${msg.id}" exists`, msg.id);
    if (this.subs.size >= ctx.limits.maxSubscriptions)
      return this.reject('too_many_subscriptions', `at most ${ctx.limits.maxSubscriptions} subscriptions per connection`, msg.id);
    // Offsets are decimal strings up to 2^63 - 1 on the wire; this gateway counts them in doubles.
    if (typeof msg.from === 'object' && 'positions' in msg.from) {
      const tooBig = msg.from.positions.find((p) => !Number.isSafeInteger(Number(p.offset)));
      if (tooBig) return this.reject('bad_message', `offset ${tooBig.offset} is beyond 2^53 - 1, the largest this gateway serves`, msg.id);
    }
    if (msg.snapshot) {
      const refusal = this.snapshotRefusal(msg);
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
      if (msg.snapshot) this.sendSnapshot(msg.id, msg.snapshot, positions);
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
