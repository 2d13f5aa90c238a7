/**
 * One subscription: its request, its cursor (where to resume), dedupe, and the
 * bounded buffer behind async iteration. The client (client.ts) owns the
 * socket and hands this object the frames that belong to it.
 */
import { AsyncQueue } from './async-queue.ts';
import { Cursor, type CursorPosition } from './cursor.ts';
import { Emitter } from './emitter.ts';
import { RecentIds } from './recent-ids.ts';
import { matchesFilter, matchesTopics } from './routing.ts';
import type { Delivery, From, LiveNotice, SnapshotRequest, StorySnapshot, SubscriptionEvents, SubscriptionState } from './subscription-types.ts';
import type { ClientFrame, Position, ServerFrame, StartFrom, SubscriptionFilter, UpdateFrame } from './wire.ts';

/** What a subscription needs from its client. */
export interface SubscriptionLink {
  /** Sends if the connection is ready; false otherwise (the client resubscribes on reconnect). */
  send(frame: ClientFrame): boolean;
  /** A fresh wire id; each (re)subscribe gets its own so stale frames cannot be misattributed. */
  nextWireId(): string;
  /** Subscribe again from the cursor (after a local pause), now or when the connection is back. */
  resubscribe(sub: Subscription): void;
  release(sub: Subscription): void;
}

function normaliseFrom(from: From | undefined): StartFrom {
  if (from === undefined || from === 'live' || from === 'earliest') return from ?? 'live';
  if (from instanceof Date) return { time: from.toISOString() };
  if ('time' in from) return { time: from.time instanceof Date ? from.time.toISOString() : from.time };
  return { positions: from.positions.map((p) => ({ ...p })), ...(from.epoch ? { epoch: from.epoch } : {}) };
}

export class Subscription extends Emitter<SubscriptionEvents> implements AsyncIterable<Delivery> {
  readonly cursor = new Cursor();
  #state: SubscriptionState = 'pending';
  #wireId: string | null = null;
  #resumed = false;
  #gaps = 0;
  /** Topics the gateway resolved for us (the default is every topic, or those of filter.kinds). */
  #resolvedTopics: string[] | undefined;
  #iterating = false;
  readonly #start: StartFrom;
  readonly #queue: AsyncQueue<Delivery>;
  readonly #seen: RecentIds;
  #resolveSnapshot: ((s: StorySnapshot) => void) | null = null;
  #rejectSnapshot: ((e: Error) => void) | null = null;
  /** For a subscription with a snapshot request: the snapshot, before any update. */
  readonly snapshot: Promise<StorySnapshot> | null;

  constructor(
    readonly id: string,
    readonly topics: string[] | undefined,
    readonly filter: SubscriptionFilter | undefined,
    from: From | undefined,
    readonly options: { bufferSize: number; dedupeWindow: number },
    private readonly link: SubscriptionLink,
    readonly snapshotRequest?: SnapshotRequest,
  ) {
    super();
    this.snapshot = snapshotRequest
      ? new Promise<StorySnapshot>((resolve, reject) => {
          this.#resolveSnapshot = resolve;
          this.#rejectSnapshot = reject;
        })
      : null;
    // Nobody may await it: a refusal must not become an unhandled rejection.
    this.snapshot?.catch(() => {});
    this.#start = normaliseFrom(from);
    if (typeof this.#start === 'object' && 'positions' in this.#start) {
      this.cursor.merge(this.#start.positions);
      this.cursor.epoch = this.#start.epoch;
    }
    this.#queue = new AsyncQueue(options.bufferSize);
    this.#seen = new RecentIds(options.dedupeWindow);
  }

  get state(): SubscriptionState {
    return this.#state;
  }

  get wireId(): string | null {
    return this.#wireId;
  }

  /** Deliveries waiting in the iterator buffer. */
  get buffered(): number {
    return this.#queue.size;
  }

  /** Current resume positions (next offset per partition). */
  positions(): CursorPosition[] {
    return this.cursor.positions();
  }

  /** Stops the subscription; an active `for await` loop ends after the buffered deliveries. */
  close(): void {
    if (this.#state === 'closed') return;
    if (this.#wireId && this.#state !== 'paused') this.link.send({ op: 'unsubscribe', id: this.#wireId });
    this.#finish('closed by the application');
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery> {
    this.#iterating = true;
    return {
      next: () => this.#queue.next(),
      return: () => {
        // `break` out of for-await: stop the subscription, free the buffer.
        this.close();
        this.#queue.clear();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  // ---- called by the client ----

  /** The subscribe frame for (re)subscribing: from the cursor when we have one, else the original start. */
  subscribeFrame(): ClientFrame | null {
    if (this.#state === 'closed' || this.#state === 'paused') return null;
    this.#wireId = this.link.nextWireId();
    this.#state = 'pending';
    const positions = this.cursor.positions();
    // Ask for the snapshot only until we have positions; a resume continues from the cursor.
    if (this.snapshotRequest && positions.length === 0)
      return { op: 'subscribe', id: this.#wireId, snapshot: { ...this.snapshotRequest } };
    const from: StartFrom =
      positions.length > 0 ? { positions, ...(this.cursor.epoch ? { epoch: this.cursor.epoch } : {}) } : this.#start;
    return {
      op: 'subscribe',
      id: this.#wireId,
      ...(this.topics ? { topics: this.topics } : {}),
      ...(this.filter ? { filter: this.filter } : {}),
      from,
    };
  }

  /** The connection dropped: wait for the client to resubscribe. */
  connectionLost(): void {
    if (this.#state === 'closed') return;
    if (this.#state !== 'paused') this.#state = 'pending';
    this.#wireId = null;
    this.#resumed = true;
  }

  onSubscribed(epoch: string, frame: Extract<ServerFrame, { op: 'subscribed' }>): void {
    if (this.#state !== 'pending') return;
    if (this.cursor.epoch !== epoch) {
      // Our offsets belong to a log that was reset: the gateway reports the
      // loss as gap notices; from here on only the new epoch's offsets count.
      this.cursor.reset();
      this.cursor.epoch = epoch;
    }
    this.#resolvedTopics = frame.topics;
    // The gateway resolved the start to concrete positions for every
    // partition: keeping them lets a resume cover partitions that had nothing
    // for us yet.
    this.cursor.merge(frame.positions);
    if (frame.catchingUp) this.#state = 'catching-up';
    else this.onLive({ recovered: true, missed: 0, positions: [] });
  }

  onLive(frame: { recovered: boolean; missed: number; positions: Position[] }): void {
    if (this.#state !== 'pending' && this.#state !== 'catching-up') return;
    this.cursor.merge(frame.positions);
    this.#state = 'live';
    const notice: LiveNotice = { recovered: frame.recovered && this.#gaps === 0, missed: frame.missed, resumed: this.#resumed };
    this.#gaps = 0;
    this.emit('live', notice);
  }

  /** The snapshot of a snapshot subscription: comes right after `subscribed`, before any update. */
  onSnapshot(frame: Extract<ServerFrame, { op: 'snapshot' }>): void {
    if (this.#state === 'closed') return;
    this.cursor.epoch = frame.epoch;
    this.cursor.merge(frame.positions);
    const recent: Delivery[] = frame.recent.map((r) => ({ update: r.update, topic: r.topic, partition: r.partition, offset: r.offset, epoch: frame.epoch, ts: r.ts, replay: true }));
    for (const r of recent) this.#seen.add(r.update.id);
    const snapshot: StorySnapshot = { story: frame.story, epoch: frame.epoch, state: frame.state, recent, positions: frame.positions, history: frame.history };
    this.#resolveSnapshot?.(snapshot);
    this.#resolveSnapshot = this.#rejectSnapshot = null;
    this.emit('snapshot', snapshot);
  }

  onGap(frame: Extract<ServerFrame, { op: 'gap' }>): void {
    if (this.#state !== 'pending' && this.#state !== 'catching-up') return;
    this.#gaps += 1;
    this.cursor.advanceTo(frame.topic, frame.partition, frame.available);
    this.emit('gap', {
      topic: frame.topic,
      partition: frame.partition,
      requested: frame.requested,
      available: frame.available,
      reason: frame.reason,
    });
  }

  /** The gateway said where to resume (lagged or shutdown): keep the furthest of its and ours. */
  onServerPositions(positions: Position[], lagged: boolean): void {
    if (this.#state === 'closed') return;
    if (this.#state !== 'paused') this.cursor.merge(positions);
    if (lagged) this.emit('lagged', { source: 'server', positions: this.cursor.positions() });
  }

  /** True when this subscription is live on the frame's topic: a live frame then advances its cursor. */
  coversLive(frame: UpdateFrame): boolean {
    return this.#state === 'live' && matchesTopics(this.#resolvedTopics ?? this.topics, frame.topic);
  }

  /**
   * A live frame (no subscription id): delivered when it passes our filter,
   * otherwise only our cursor moves past it (the gateway delivers each
   * partition in order, so everything before it was seen).
   */
  onLiveFrame(frame: UpdateFrame): void {
    if (matchesFilter(this.filter, frame.update)) this.onUpdate(frame);
    else if (this.cursor.epoch === frame.epoch) this.cursor.delivered(frame.topic, frame.partition, frame.offset);
  }

  onUpdate(frame: UpdateFrame): void {
    if (this.#state !== 'live' && this.#state !== 'catching-up') return;
    const { topic, partition, offset } = frame;
    if (this.cursor.epoch !== frame.epoch) {
      // Offsets of another epoch mean nothing here: the log was reset.
      if (this.cursor.size > 0) this.cursor.reset();
      this.cursor.epoch = frame.epoch;
    }
    if (!this.cursor.isNew(topic, partition, offset)) return;
    if (this.#seen.has(frame.update.id)) {
      // Same update at another offset (a producer retry) or a replayed one.
      this.cursor.delivered(topic, partition, offset);
      return;
    }
    const delivery: Delivery = {
      update: frame.update,
      topic,
      partition,
      offset,
      epoch: frame.epoch,
      ts: frame.ts,
      replay: frame.sub !== undefined,
    };
    if (this.#buffering() && !this.#queue.push(delivery)) {
      this.#pause();
      return;
    }
    this.#seen.add(frame.update.id);
    this.cursor.delivered(topic, partition, offset);
    this.emit('update', delivery);
  }

  /**
   * The gateway refused or dropped this subscription for a temporary reason
   * (an error frame with `temporary: true`): it stays open and waits, pending,
   * for the client to subscribe it again from its cursor.
   */
  onTemporaryError(code: string, message: string): void {
    if (this.#state === 'closed' || this.#state === 'paused') return;
    this.#state = 'pending';
    this.#wireId = null;
    this.#resumed = true;
    this.emit('error', { code, message, temporary: true });
  }

  onRefused(code: string, message: string): void {
    this.#rejectSnapshot?.(new Error(`snapshot refused (${code}): ${message}`));
    this.#resolveSnapshot = this.#rejectSnapshot = null;
    this.emit('error', { code, message });
    this.#finish(`refused by the gateway: ${code}`, new Error(`subscription refused (${code}): ${message}`));
  }

  /** The client closed for good. */
  clientClosed(reason: string, error?: Error): void {
    this.#finish(reason, error);
  }

  // ---- internals ----

  /**
   * Buffer for the iterator once iteration started, or while nobody listens at
   * all (so `sub = subscribe(); for await (... of sub)` misses nothing). A
   * callbacks-only application never fills the buffer.
   */
  #buffering(): boolean {
    return this.#iterating || this.listenerCount('update') === 0;
  }

  #pause(): void {
    if (this.#wireId) this.link.send({ op: 'unsubscribe', id: this.#wireId });
    this.#wireId = null;
    this.#state = 'paused';
    this.#resumed = true;
    this.emit('lagged', { source: 'client', positions: this.cursor.positions() });
    this.#queue.whenDrained(Math.floor(this.options.bufferSize / 2), () => {
      if (this.#state !== 'paused') return;
      this.#state = 'pending';
      this.link.resubscribe(this);
    });
  }

  #finish(reason: string, error?: Error): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#wireId = null;
    this.#rejectSnapshot?.(error ?? new Error(`subscription ended before its snapshot: ${reason}`));
    this.#resolveSnapshot = this.#rejectSnapshot = null;
    this.#queue.end(error);
    this.link.release(this);
    this.emit('end', { reason });
  }
}
