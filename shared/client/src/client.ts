/**
 * The newswire client: one WebSocket to a gateway, any number of
 * subscriptions on it, and the reconnect/resume loop that makes a dropped
 * connection invisible to the application apart from 'state' events. The
 * socket itself (hello, parsing, heartbeat, paced sending) is connection.ts;
 * each subscription's own state is subscription.ts.
 *
 * Browser-safe: no node imports. Node 20 has no global WebSocket, so pass one
 * in (`connect({ url, WebSocket })`) or use ./node.ts.
 */
import { backoffDelay, DEFAULT_RECONNECT, resolveReconnect, type ReconnectOptions } from './backoff.ts';
import { Connection, type ConnectionSettings } from './connection.ts';
import { Emitter } from './emitter.ts';
import { resolveWebSocket, type WebSocketConstructor } from './socket.ts';
import { Subscription, type SubscriptionLink } from './subscription.ts';
import { StoryListingError, StoryListings, type StoriesOptions, type StoryListing } from './story-listing.ts';
import type { SubscribeOptions } from './subscription-types.ts';
import { CLOSE, closeAction, isForbiddenClose, PROTOCOL_VERSION, type ClientFrame, type ServerFrame } from './wire.ts';
import type { ClientEvents, ClientState, ConnectOptions, StateChange } from './client-types.ts';

export type { ClientError, ClientEvents, ClientState, ConnectOptions, StateChange } from './client-types.ts';

export class NewswireClient extends Emitter<ClientEvents> {
  #state: ClientState = 'connecting';
  /** The current connection; null between a close and the next open. */
  #conn: Connection | null = null;
  #attempt = 0;
  #everConnected = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Subscriptions refused with a temporary error, waiting to subscribe again: attempts in a row and the timer. */
  readonly #subRetries = new Map<Subscription, { attempt: number; timer: ReturnType<typeof setTimeout> | null }>();
  #token: string | undefined;
  /** The token was fetched by getToken() and has not been accepted by a gateway yet. */
  #tokenFresh = false;
  #wireIds = 0;
  #subIds = 0;
  #closed: Promise<void>;
  #resolveClosed!: () => void;
  /** Live-state bookkeeping for the current connection. */
  #pendingLive = new Set<Subscription>();
  #resumedConnection = false;
  #missed = 0;
  #recovered = true;
  readonly #subs = new Set<Subscription>();
  readonly #byWireId = new Map<string, Subscription>();
  readonly #reconnect: ReconnectOptions | null;
  readonly #WebSocket: WebSocketConstructor;
  readonly #settings: ConnectionSettings;
  readonly #link: SubscriptionLink;
  /** `stories()` requests waiting for their answer. */
  readonly #listings = new StoryListings((frame) => this.#send(frame));
  epoch: string | undefined;
  server: string | undefined;

  constructor(private readonly options: ConnectOptions) {
    super();
    this.#reconnect = resolveReconnect(options.reconnect);
    this.#WebSocket = resolveWebSocket(options.WebSocket);
    this.#settings = { heartbeatMs: options.heartbeatMs ?? 20_000, validateUpdates: options.validateUpdates ?? false };
    this.#token = options.token;
    this.#closed = new Promise((resolve) => (this.#resolveClosed = resolve));
    this.#link = {
      send: (frame) => this.#send(frame),
      nextWireId: () => `s${++this.#wireIds}`,
      resubscribe: (sub) => {
        if (this.#conn?.welcomed) this.#sendSubscribe(sub);
      },
      release: (sub) => this.#release(sub),
    };
    queueMicrotask(() => this.#open());
  }

  get state(): ClientState {
    return this.#state;
  }

  get subscriptions(): ReadonlySet<Subscription> {
    return this.#subs;
  }

  subscribe(opts: SubscribeOptions = {}): Subscription {
    if (this.#state === 'closed') throw new Error('client is closed');
    if (opts.snapshot && (opts.topics || opts.filter || opts.from))
      throw new Error('a snapshot subscription reads its story from the snapshot on: leave out topics, filter and from');
    const sub = new Subscription(
      `sub-${++this.#subIds}`,
      opts.topics,
      // A snapshot subscription is its story's updates: resumes after a reconnect say so.
      opts.snapshot ? { stories: [opts.snapshot.story] } : opts.filter,
      opts.from,
      { bufferSize: opts.bufferSize ?? 10_000, dedupeWindow: opts.dedupeWindow ?? 10_000 },
      this.#link,
      opts.snapshot,
    );
    this.#subs.add(sub);
    if (this.#conn?.welcomed) this.#sendSubscribe(sub);
    return sub;
  }

  /**
   * The stories the gateway holds state for, most recently active first
   * (docs/gateway.md#story-listing). Rejects with a StoryListingError: the
   * gateway's refusal (`code` state_unavailable, forbidden, unauthorized...),
   * or `closed` / `timeout` when no answer came. Asked now when connected,
   * else once the gateway welcomes the client.
   */
  stories(opts: StoriesOptions = {}): Promise<StoryListing> {
    if (this.#state === 'closed') return Promise.reject(new StoryListingError('closed', 'client is closed'));
    return this.#listings.request(this.#conn?.welcomed === true, opts);
  }

  /** Resolves when connected and every subscription is live (rejects if the client closes first). */
  ready(): Promise<void> {
    if (this.#state === 'live') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.on('state', (s) => {
        if (s.state === 'live') resolve();
        else if (s.state === 'closed') reject(new Error(`client closed: ${s.reason ?? ''}`));
        else return;
        off();
      });
    });
  }

  /** Closes the connection for good; every subscription ends. */
  close(): Promise<void> {
    this.#shutdown(CLOSE.normal, 'closed by the application');
    return this.#closed;
  }

  // ---- connection lifecycle ----

  #open(): void {
    if (this.#state === 'closed') return;
    this.#retryTimer = null;
    try {
      this.#conn = new Connection(this.#WebSocket, this.options.url, this.#settings, {
        hello: () => ({ op: 'hello', v: PROTOCOL_VERSION, ...(this.#token ? { token: this.#token } : {}) }),
        frame: (frame) => this.#onFrame(frame),
        badFrame: (error) => this.emit('error', { code: 'bad_frame', message: error }),
        closed: (conn, code, reason) => this.#onSocketClosed(conn, code, reason),
      });
    } catch (err) {
      // A malformed URL will never work: give up rather than loop.
      this.#shutdown(CLOSE.policy, `cannot open ${this.options.url}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #onSocketClosed(conn: Connection, code: number, reason: string): void {
    if (conn !== this.#conn) return;
    this.#detach();
    this.#listings.connectionLost(reason || `close ${code}`);
    if (this.#state === 'closed') return;
    for (const sub of this.#subs) sub.connectionLost();
    this.#byWireId.clear();
    // An expired token (4001), or a refused one (4103) that was not just
    // fetched, may work after a refresh: that is what getToken() is for.
    const refreshable = code === CLOSE.tokenExpired || (isForbiddenClose(code) && !this.#tokenFresh);
    if (this.#reconnect && refreshable && this.options.getToken) {
      void this.#refreshTokenThenRetry(code, reason);
      return;
    }
    // The code's range says whether to come back (protocol closeAction): no
    // list of codes here. An expired token without getToken() is the one
    // reconnect-range close this client cannot act on: its token stays expired.
    if (!this.#reconnect || closeAction(code) === 'terminal' || code === CLOSE.tokenExpired) {
      this.#shutdown(code, reason || (code === CLOSE.tokenExpired ? 'token expired and no getToken() to refresh it' : `connection closed (${code})`));
      return;
    }
    // A gateway restart or a lagged cut came after a welcome, which reset the
    // attempts: the first retry is at once-ish.
    this.#scheduleRetry(code, reason);
  }

  async #refreshTokenThenRetry(code: number, reason: string): Promise<void> {
    try {
      this.#token = await this.options.getToken!();
      this.#tokenFresh = true;
    } catch (err) {
      this.#shutdown(code, `token refresh failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.#attempt = 0;
    this.#scheduleRetry(code, reason);
  }

  #scheduleRetry(code: number, reason: string): void {
    if (this.#state === 'closed' || !this.#reconnect) return;
    if (this.#attempt >= this.#reconnect.maxAttempts) {
      this.#shutdown(code, `gave up after ${this.#attempt} attempts`);
      return;
    }
    const delayMs = backoffDelay(this.#attempt, this.#reconnect);
    this.#attempt += 1;
    this.#setState({ state: this.#everConnected ? 'reconnecting' : 'connecting', attempt: this.#attempt, delayMs, code, reason });
    this.#retryTimer = setTimeout(() => this.#open(), delayMs);
  }

  #shutdown(code: number, reason: string): void {
    if (this.#state === 'closed') return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#conn?.close();
    this.#conn = null;
    this.#setState({ state: 'closed', code, reason });
    for (const r of this.#subRetries.values()) if (r.timer) clearTimeout(r.timer);
    this.#subRetries.clear();
    const error = code === CLOSE.normal ? undefined : new Error(reason);
    for (const sub of [...this.#subs]) sub.clientClosed(reason, error);
    this.#listings.closed(reason);
    this.#subs.clear();
    this.#byWireId.clear();
    this.#resolveClosed();
  }

  /** Forgets the current connection (its late events are ignored). */
  #detach(): void {
    this.#conn?.dispose();
    this.#conn = null;
  }

  #send(frame: ClientFrame): boolean {
    return this.#conn?.send(frame) ?? false;
  }

  #sendSubscribe(sub: Subscription): void {
    const frame = sub.subscribeFrame();
    if (!frame || frame.op !== 'subscribe') return;
    this.#byWireId.set(frame.id, sub);
    this.#send(frame);
  }

  #release(sub: Subscription): void {
    const retry = this.#subRetries.get(sub);
    if (retry?.timer) clearTimeout(retry.timer);
    this.#subRetries.delete(sub);
    this.#subs.delete(sub);
    this.#pendingLive.delete(sub);
    for (const [id, s] of this.#byWireId) if (s === sub) this.#byWireId.delete(id);
  }

  #setState(change: StateChange): void {
    this.#state = change.state;
    this.emit('state', change);
  }

  // ---- frames ----

  #onFrame(frame: ServerFrame): void {
    switch (frame.op) {
      case 'update': {
        if (frame.sub !== undefined) {
          this.#current(frame.sub)?.onUpdate(frame);
          return;
        }
        for (const sub of this.#subs) if (sub.coversLive(frame)) sub.onLiveFrame(frame);
        return;
      }
      case 'welcome':
        return this.#onWelcome(frame);
      case 'subscribed': {
        const sub = this.#current(frame.id);
        if (!sub) return;
        sub.onSubscribed(this.epoch ?? '', frame);
        if (sub.state === 'live') this.#subLive(sub, true, 0);
        return;
      }
      case 'live': {
        const sub = this.#current(frame.id);
        if (!sub) return;
        sub.onLive(frame);
        if (sub.state === 'live') this.#subLive(sub, frame.recovered, frame.missed);
        return;
      }
      case 'snapshot': {
        this.#current(frame.id)?.onSnapshot(frame);
        return;
      }
      case 'gap': {
        const sub = this.#current(frame.id);
        if (!sub) return;
        this.#recovered = false;
        sub.onGap(frame);
        return;
      }
      case 'lagged':
      case 'shutdown': {
        // Each subscription's exact cursor when the gateway sent it, else the connection-wide minimum.
        const exact = new Map(frame.subscriptions.map((s) => [s.id, s.positions]));
        for (const sub of this.#subs) {
          const own = sub.wireId !== null ? exact.get(sub.wireId) : undefined;
          sub.onServerPositions(own ?? frame.positions, frame.op === 'lagged');
        }
        return;
      }
      case 'stories':
        this.#listings.onFrame(frame);
        return;
      case 'error': {
        if (this.#listings.onFrame(frame)) return;
        // Any code, known or not: what to do comes from `ref` and `temporary`.
        const sub = frame.ref !== undefined ? this.#current(frame.ref) : undefined;
        if (sub && frame.temporary === true) this.#retrySubscriptionLater(sub, frame.code, frame.message);
        else if (sub && sub.state === 'pending') sub.onRefused(frame.code, frame.message);
        else this.emit('error', { code: frame.code, message: frame.message, ...(frame.ref ? { ref: frame.ref } : {}), ...(frame.temporary !== undefined ? { temporary: frame.temporary } : {}) });
        return;
      }
      case 'unsubscribed':
        this.#byWireId.delete(frame.id);
        return;
      case 'pong':
        return;
      default:
        return;
    }
  }

  /**
   * A temporary error naming a subscription: the gateway refused it or gave it
   * up (e.g. `internal`: Kafka unavailable for its catch-up). Subscribe it
   * again from its cursor after a backoff; past reconnect.maxAttempts in a
   * row it ends as refused.
   */
  #retrySubscriptionLater(sub: Subscription, code: string, message: string): void {
    const opts = this.#reconnect ?? DEFAULT_RECONNECT;
    const retry = this.#subRetries.get(sub) ?? { attempt: 0, timer: null };
    if (retry.attempt >= opts.maxAttempts) {
      this.#subRetries.delete(sub);
      sub.onRefused(code, `${message} (gave up after ${retry.attempt} attempts)`);
      return;
    }
    if (sub.wireId !== null) this.#byWireId.delete(sub.wireId);
    sub.onTemporaryError(code, message);
    if (retry.timer) clearTimeout(retry.timer);
    retry.timer = setTimeout(() => {
      retry.timer = null;
      // Unless a reconnect's welcome has subscribed it again meanwhile.
      if (sub.state === 'pending' && sub.wireId === null) this.#link.resubscribe(sub);
    }, backoffDelay(retry.attempt, opts));
    retry.attempt += 1;
    this.#subRetries.set(sub, retry);
  }

  /**
   * The subscription a frame's id belongs to, only if that id is its CURRENT
   * incarnation: after a local pause/resubscribe, frames of the old wire id
   * (its late catch-up, its 'live') still arrive and must not be applied.
   */
  #current(wireId: string): Subscription | undefined {
    const sub = this.#byWireId.get(wireId);
    return sub && sub.wireId === wireId ? sub : undefined;
  }

  #onWelcome(frame: Extract<ServerFrame, { op: 'welcome' }>): void {
    const conn = this.#conn;
    if (!conn) return;
    conn.welcome(frame.limits);
    this.#tokenFresh = false;
    this.#attempt = 0;
    const resumed = this.#everConnected;
    this.#everConnected = true;
    this.epoch = frame.epoch;
    this.server = frame.server;
    this.emit('welcome', frame);
    this.#missed = 0;
    this.#recovered = true;
    this.#resumedConnection = resumed;
    this.#pendingLive = new Set([...this.#subs].filter((s) => s.state !== 'paused'));
    for (const sub of this.#pendingLive) this.#sendSubscribe(sub);
    this.#listings.welcomed();
    this.#maybeLive();
  }

  #subLive(sub: Subscription, recovered: boolean, missed: number): void {
    const retry = this.#subRetries.get(sub);
    if (retry?.timer) clearTimeout(retry.timer);
    this.#subRetries.delete(sub);
    if (!this.#pendingLive.delete(sub)) return;
    this.#missed += missed;
    if (!recovered) this.#recovered = false;
    this.#maybeLive();
  }

  /** 'live' once the connection is welcomed and each subscription it carried is live again. */
  #maybeLive(): void {
    if (!this.#conn?.welcomed || this.#pendingLive.size > 0 || this.#state === 'live' || this.#state === 'closed') return;
    this.#setState({ state: 'live', recovered: this.#recovered, missed: this.#missed, resumed: this.#resumedConnection });
  }
}

export function connect(options: ConnectOptions): NewswireClient {
  return new NewswireClient(options);
}
