/**
 * One subscription of one connection, and its catch-up.
 *
 * A subscription that starts in the past is registered in the hub at once in
 * 'catching-up' state, so every live entry that matches it from that instant
 * is buffered (bounded). Catch-up then delivers, per partition, the offsets
 * from its cursor up to the hub's `next` at that moment — from the memory
 * window when it still covers the cursor, else from Kafka through the replay
 * reader. The buffered live entries are then flushed minus those below the
 * cursor, and the switch to live happens in the same tick, so nothing is lost
 * or duplicated. If the buffer overflows while Kafka is slow, it is dropped
 * and catch-up simply goes round again up to the new `next`.
 */
import type { KafkaPort } from '@newswire/kafka';
import type { GapMessage, StreamPosition, SubscriptionPositions, SubscriptionStart } from '@newswire/protocol';

/** A gap as the gateway works it out (offsets as numbers); sendGap puts it on the wire. */
interface Gap {
  topic: string;
  partition: number;
  requested: number | null;
  available: number;
  reason: GapMessage['reason'];
}
import type { Logger } from '@newswire/config';
import { partitionKey, subFrame, toWire, type Entry, type Position } from './entry.ts';
import { matches, type CompiledFilter } from './filter.ts';
import type { FanoutHub, HubSubscriber } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import { ReplayAbortedError, type ReplayReader } from './replay-reader.ts';

/** What a subscription needs from its connection. */
export interface SubscriptionOwner {
  sendLive(entry: Entry, seq: number): void;
  /** false when the connection is cut or closed (stop delivering). */
  sendFrame(frame: Buffer | string, mode: 'replay' | 'control'): boolean;
  /** Waits until the socket buffer drained below the low-water mark. */
  drain(signal: AbortSignal): Promise<void>;
}

export interface SubscriptionDeps {
  hub: FanoutHub;
  replay: ReplayReader;
  kafka: KafkaPort;
  epoch: string;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Bound on live entries buffered during catch-up, in bytes. */
  catchupBufferBytes: number;
}

interface Cursor {
  topic: string;
  partition: number;
  next: number;
}

export class Subscription implements HubSubscriber {
  state: 'catching-up' | 'live' | 'closed' = 'catching-up';
  private readonly cursors = new Map<string, Cursor>();
  /** Set when live starts below a cursor (client ahead of this gateway): entries under it are skipped. */
  private skipBelow: Map<string, number> | null = null;
  private buffer: Entry[] = [];
  private bufferBytes = 0;
  private overflowed = false;
  private missed = 0;
  private gapped = false;
  private readonly abort = new AbortController();

  constructor(
    readonly id: string,
    readonly topics: readonly string[],
    readonly filter: CompiledFilter,
    private readonly owner: SubscriptionOwner,
    private readonly deps: SubscriptionDeps,
  ) {}

  offer(entry: Entry, seq: number): void {
    if (this.state === 'live') {
      if (this.skipBelow) {
        const below = this.skipBelow.get(partitionKey(entry.topic, entry.partition));
        if (below !== undefined && entry.offset < below) return;
      }
      this.owner.sendLive(entry, seq);
    } else if (this.state === 'catching-up' && !this.overflowed) {
      this.buffer.push(entry);
      this.bufferBytes += entry.frame.length;
      if (this.bufferBytes > this.deps.catchupBufferBytes) {
        this.overflowed = true;
        this.buffer = [];
        this.bufferBytes = 0;
      }
    }
  }

  /** Live from now: the cursor is the hub's. */
  goLiveNow(): Position[] {
    this.state = 'live';
    return this.deps.hub.positions(this.topics);
  }

  /** The subscription's resume cursor right now. */
  positions(): Position[] {
    if (this.state === 'live') {
      const pos = this.deps.hub.positions(this.topics);
      if (!this.skipBelow) return pos;
      return pos.map((p) => ({ ...p, offset: Math.max(p.offset, this.skipBelow!.get(partitionKey(p.topic, p.partition)) ?? 0) }));
    }
    return [...this.cursors.values()].map((c) => ({ topic: c.topic, partition: c.partition, offset: c.next }));
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.abort.abort();
    this.deps.hub.remove(this);
    this.buffer = [];
  }

  /**
   * Resolves the start cursor of every partition, sends `subscribed` and any
   * `gap` notices, catches up, then switches to live and sends `live`.
   * Throws only for Kafka/admin failures (the caller reports `internal`).
   */
  async catchUp(from: Exclude<SubscriptionStart, 'live'>, sendSubscribed: (positions: StreamPosition[]) => void): Promise<void> {
    // Positions this gateway can resolve alone need no round trip to Kafka: a
    // resume at the live edge then says `live` in this very turn.
    const gaps = this.resolveFromHub(from) ?? (await this.resolveStart(from));
    if (this.state !== 'catching-up') return;
    sendSubscribed(toWire(this.positions()));
    for (const g of gaps) this.sendGap(g);
    try {
      await this.run();
    } catch (err) {
      if (err instanceof ReplayAbortedError || this.state !== 'catching-up') return;
      throw err;
    }
  }

  /**
   * The start cursors of a resume whose every position the hub can vouch for
   * by itself, or null (then Kafka's offsets decide, resolveStart). A position
   * can be taken as it is when the partition's memory window is complete from
   * it (so nothing below the hub's cursor is missing: no retention gap can
   * apply to what the window holds) and it is not past the high watermark the
   * hub last saw (so it is no reset). Every partition the hub reads of the
   * subscription's topics must have such a position: a partition left out
   * starts at the earliest retained offset, which only Kafka knows. Same
   * cursors, same catch-up as through Kafka; only the offset requests go.
   */
  private resolveFromHub(from: Exclude<SubscriptionStart, 'live'>): Gap[] | null {
    if (typeof from !== 'object' || !('positions' in from)) return null;
    if (from.epoch !== undefined && from.epoch !== this.deps.epoch) return null;
    const given = new Map<string, number>();
    for (const p of from.positions) given.set(partitionKey(p.topic, p.partition), Number(p.offset));
    const cursors: Cursor[] = [];
    for (const topic of this.topics)
      for (const st of this.deps.hub.partitionsOf(topic)) {
        const want = given.get(partitionKey(topic, st.partition));
        if (want === undefined || !st.window.covers(want) || want > st.hw) return null;
        cursors.push({ topic, partition: st.partition, next: want });
      }
    for (const c of cursors) this.cursors.set(partitionKey(c.topic, c.partition), c);
    return [];
  }

  private async resolveStart(from: Exclude<SubscriptionStart, 'live'>): Promise<Gap[]> {
    const { kafka, hub, epoch } = this.deps;
    const gaps: Gap[] = [];
    const given = new Map<string, number>();
    // Offsets arrive as decimal strings, checked by the connection to be exact as numbers.
    if (typeof from === 'object' && 'positions' in from) for (const p of from.positions) given.set(partitionKey(p.topic, p.partition), Number(p.offset));
    const epochMismatch = typeof from === 'object' && 'positions' in from && from.epoch !== undefined && from.epoch !== epoch;
    for (const topic of this.topics) {
      const offsets = await kafka.topicOffsets(topic);
      const byTime = typeof from === 'object' && 'time' in from ? await kafka.offsetsAt(topic, Date.parse(from.time)) : null;
      for (const o of offsets) {
        if (!hub.partition(topic, o.partition)) continue; // not consumed yet: it will come live
        const low = Number(o.low);
        const high = Number(o.high);
        let next: number;
        if (from === 'earliest') next = low;
        else if (byTime) next = Number(byTime.get(o.partition) ?? o.high);
        else {
          const want = given.get(partitionKey(topic, o.partition));
          next = low;
          if (epochMismatch) gaps.push({ topic, partition: o.partition, requested: want ?? null, available: low, reason: 'epoch' });
          else if (want === undefined) next = low;
          else if (want < low) gaps.push({ topic, partition: o.partition, requested: want, available: low, reason: 'retention' });
          else if (want > high) gaps.push({ topic, partition: o.partition, requested: want, available: low, reason: 'reset' });
          else next = want;
        }
        this.cursors.set(partitionKey(topic, o.partition), { topic, partition: o.partition, next });
      }
    }
    return gaps;
  }

  private sendGap(g: Gap): void {
    this.gapped = true;
    this.deps.metrics.gaps.labels(g.reason).inc();
    const msg: GapMessage = {
      op: 'gap',
      id: this.id,
      topic: g.topic,
      partition: g.partition,
      requested: g.requested === null ? null : String(g.requested),
      available: String(g.available),
      reason: g.reason,
    };
    this.owner.sendFrame(JSON.stringify(msg), 'control');
  }

  private async deliver(entry: Entry): Promise<void> {
    if (!matches(this.filter, entry)) return;
    if (!this.owner.sendFrame(subFrame(entry, this.id), 'replay')) throw new ReplayAbortedError('connection cut');
    this.missed++;
    await this.owner.drain(this.abort.signal);
  }

  private async run(): Promise<void> {
    const { hub } = this.deps;
    for (;;) {
      if (this.state !== 'catching-up') return;
      if (this.overflowed) {
        this.deps.metrics.catchupOverflows.inc();
        this.overflowed = false;
        this.buffer = [];
        this.bufferBytes = 0;
      }
      // Snapshot targets in the same tick as the buffer (re)starts: the buffer
      // then holds exactly the matching entries at or above each target.
      const kafkaRanges: { topic: string; partition: number; from: number; to: number }[] = [];
      const windowWork: { c: Cursor; entries: Entry[]; to: number }[] = [];
      for (const c of this.cursors.values()) {
        const st = hub.partition(c.topic, c.partition);
        if (!st || c.next >= st.next) continue;
        if (st.window.covers(c.next)) windowWork.push({ c, entries: st.window.slice(c.next, st.next), to: st.next });
        else kafkaRanges.push({ topic: c.topic, partition: c.partition, from: c.next, to: st.next });
      }
      if (windowWork.length) this.deps.metrics.catchupRanges.labels('window').inc(windowWork.length);
      if (kafkaRanges.length) this.deps.metrics.catchupRanges.labels('kafka').inc(kafkaRanges.length);
      for (const w of windowWork) {
        for (const e of w.entries) {
          await this.deliver(e);
          w.c.next = e.offset + 1;
        }
        w.c.next = Math.max(w.c.next, w.to);
      }
      if (kafkaRanges.length > 0) {
        await this.deps.replay.read(
          kafkaRanges,
          {
            onRecord: async (range, offset, entry) => {
              const c = this.cursors.get(partitionKey(range.topic, range.partition))!;
              if (entry) await this.deliver(entry);
              c.next = offset + 1;
            },
            onGap: (range, requested, available) => {
              this.sendGap({ topic: range.topic, partition: range.partition, requested, available, reason: 'retention' });
            },
          },
          this.abort.signal,
        );
        for (const r of kafkaRanges) {
          const c = this.cursors.get(partitionKey(r.topic, r.partition))!;
          c.next = Math.max(c.next, r.to);
        }
      }
      if (this.state !== 'catching-up') return;
      // Not overflowed: the buffer holds every matching entry ingested since
      // the targets were taken, and the cursors reached the targets.
      if (this.overflowed) continue;
      this.switchToLive();
      return;
    }
  }

  /** Synchronous: flush the buffer (minus what was delivered) and go live in the same tick. */
  private switchToLive(): void {
    for (const e of this.buffer) {
      const c = this.cursors.get(partitionKey(e.topic, e.partition));
      if (c && e.offset < c.next) continue;
      if (!this.owner.sendFrame(subFrame(e, this.id), 'replay')) return;
      this.missed++;
      if (c) c.next = e.offset + 1;
    }
    this.buffer = [];
    this.bufferBytes = 0;
    // Client ahead of this gateway on some partition: skip live entries below its cursor.
    for (const c of this.cursors.values()) {
      const st = this.deps.hub.partition(c.topic, c.partition);
      if (st && c.next > st.next) (this.skipBelow ??= new Map()).set(partitionKey(c.topic, c.partition), c.next);
    }
    this.state = 'live';
    const positions = toWire(this.positions());
    this.owner.sendFrame(JSON.stringify({ op: 'live', id: this.id, recovered: !this.gapped, missed: this.missed, positions }), 'control');
  }
}

/**
 * The resume cursors of every subscription of a connection (each subscription
 * resumes from its own), and the per-partition minimum over them (a client
 * that resumes all its subscriptions from one position list).
 */
export function resumePositionsOf(subs: Iterable<Subscription>): { positions: StreamPosition[]; subscriptions: SubscriptionPositions[] } {
  const subscriptions: SubscriptionPositions[] = [];
  const min = new Map<string, Position>();
  for (const sub of subs) {
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
