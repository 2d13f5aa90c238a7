/**
 * FanoutHub: the gateway's view of every partition it serves (next offset,
 * high watermark, recent-update window) and the index of subscriptions.
 *
 * ingest() is called by the live consumer for every record in per-partition
 * order. A subscription is found through the index by topic and kind, so a
 * non-matching update costs a couple of Map lookups, not a scan of every
 * subscription; the remaining filter fields are checked per subscription.
 * The entry's frame was serialised once; connections get the same Buffer.
 */
import { matches, type CompiledFilter } from './filter.ts';
import { partitionKey, type Entry, type Position } from './entry.ts';
import { PartitionWindow } from './window.ts';

export interface HubSubscriber {
  readonly topics: readonly string[];
  readonly filter: CompiledFilter;
  /** Called for every ingested entry that matches topic and filter. */
  offer(entry: Entry, seq: number): void;
}

export interface PartitionState {
  topic: string;
  partition: number;
  /** Next offset the hub will ingest: every record below it has been dispatched. */
  next: number;
  /** Last known high watermark (from fetch responses). */
  hw: number;
  window: PartitionWindow;
}

interface TopicIndex {
  any: Set<HubSubscriber>;
  byKind: Map<string, Set<HubSubscriber>>;
}

/** Something holding writes back until the end of the current batch (a corked socket). */
export interface CorkedWriter {
  uncork(): void;
}

export interface HubOptions {
  windowEntries: number;
  windowBytes: number;
  /**
   * Bound on the frame bytes of every window together (GATEWAY_WINDOW_TOTAL_BYTES):
   * past it the oldest entries of the largest window go first. Default: no bound.
   */
  windowTotalBytes?: number;
  /** Coalesce socket writes for this long (0: until the end of the event-loop turn). */
  flushDelayMs?: number;
  /** Called once per dispatched entry (metrics: e2e latency, updates in). */
  onDispatch?: (entry: Entry, deliveredTo: number) => void;
}

export class FanoutHub {
  private readonly partitions = new Map<string, PartitionState>();
  private readonly byTopic = new Map<string, PartitionState[]>();
  private readonly index = new Map<string, TopicIndex>();
  private seq = 0;
  private subscriberCount = 0;
  /** Frame bytes held by all windows together. */
  private heldBytes = 0;
  private readonly corked: CorkedWriter[] = [];
  private flushPending = false;

  constructor(private readonly opts: HubOptions) {}

  get subscriptions(): number {
    return this.subscriberCount;
  }

  /** Frame bytes held by every partition's window together. */
  get windowBytes(): number {
    return this.heldBytes;
  }

  ensurePartition(topic: string, partition: number, startOffset: number, hw = startOffset): PartitionState {
    const key = partitionKey(topic, partition);
    let st = this.partitions.get(key);
    if (st) return st;
    st = { topic, partition, next: startOffset, hw, window: new PartitionWindow(startOffset, this.opts.windowEntries, this.opts.windowBytes) };
    this.partitions.set(key, st);
    const list = this.byTopic.get(topic) ?? [];
    list.push(st);
    list.sort((a, b) => a.partition - b.partition);
    this.byTopic.set(topic, list);
    return st;
  }

  partition(topic: string, partition: number): PartitionState | undefined {
    return this.partitions.get(partitionKey(topic, partition));
  }

  partitionsOf(topic: string): readonly PartitionState[] {
    return this.byTopic.get(topic) ?? [];
  }

  allPartitions(): IterableIterator<PartitionState> {
    return this.partitions.values();
  }

  /** Current cursor (next offset) of every known partition of `topics`. */
  positions(topics: readonly string[]): Position[] {
    const out: Position[] = [];
    for (const t of topics) for (const st of this.partitionsOf(t)) out.push({ topic: t, partition: st.partition, offset: st.next });
    return out;
  }

  /** Total records behind the high watermarks. */
  lag(): number {
    let lag = 0;
    for (const st of this.partitions.values()) lag += Math.max(0, st.hw - st.next);
    return lag;
  }

  add(sub: HubSubscriber): void {
    for (const topic of sub.topics) {
      let ix = this.index.get(topic);
      if (!ix) {
        ix = { any: new Set(), byKind: new Map() };
        this.index.set(topic, ix);
      }
      if (!sub.filter.kinds) ix.any.add(sub);
      else
        for (const k of sub.filter.kinds) {
          let s = ix.byKind.get(k);
          if (!s) ix.byKind.set(k, (s = new Set()));
          s.add(sub);
        }
    }
    this.subscriberCount++;
  }

  remove(sub: HubSubscriber): void {
    let found = false;
    for (const topic of sub.topics) {
      const ix = this.index.get(topic);
      if (!ix) continue;
      if (ix.any.delete(sub)) found = true;
      if (sub.filter.kinds)
        for (const k of sub.filter.kinds) {
          const s = ix.byKind.get(k);
          if (s?.delete(sub)) found = true;
          if (s && s.size === 0) ix.byKind.delete(k);
        }
    }
    if (found) this.subscriberCount--;
  }

  /**
   * One record of partition `st` at `offset` (entry null: not a valid update,
   * skipped). Offsets below st.next were already ingested and are ignored.
   * st.next advances only after dispatch, so a connection cut during dispatch
   * snapshots the offset of the frame it did not get.
   */
  ingest(st: PartitionState, offset: number, entry: Entry | null): void {
    if (offset < st.next) return;
    if (entry === null) {
      st.window.noteEmpty(offset);
      st.next = offset + 1;
      return;
    }
    const before = st.window.byteSize;
    st.window.push(entry);
    this.heldBytes += st.window.byteSize - before;
    if (this.heldBytes > (this.opts.windowTotalBytes ?? Infinity)) this.trimWindows(st);
    const seq = ++this.seq;
    let delivered = 0;
    const ix = this.index.get(entry.topic);
    if (ix) {
      for (const sub of ix.any) if (matches(sub.filter, entry)) { sub.offer(entry, seq); delivered++; }
      const byKind = ix.byKind.get(entry.kind);
      if (byKind) for (const sub of byKind) if (matches(sub.filter, entry)) { sub.offer(entry, seq); delivered++; }
    }
    st.next = offset + 1;
    if (st.hw < st.next) st.hw = st.next;
    this.opts.onDispatch?.(entry, delivered);
  }

  /**
   * Sockets written to stay corked until the end of this turn of the event
   * loop (or flushDelayMs): everything the consumer dispatched from one fetch
   * response (many partition batches) then costs each socket one writev
   * instead of one write per update. Per-write syscalls, not JSON or
   * filtering, are what limit fan-out.
   */
  holdUntilBatchEnd(w: CorkedWriter): void {
    this.corked.push(w);
    if (this.flushPending) return;
    this.flushPending = true;
    const delay = this.opts.flushDelayMs ?? 0;
    if (delay > 0) setTimeout(this.onFlushTimer, delay);
    else setImmediate(this.onFlushTimer);
  }

  private readonly onFlushTimer = (): void => {
    this.flushPending = false;
    this.flush();
  };

  /** Flushes every corked socket now (a pending timer then finds nothing to do). */
  flush(): void {
    const list = this.corked.splice(0);
    for (const w of list) {
      try {
        w.uncork();
      } catch {
        /* a socket that died meanwhile: nothing to flush */
      }
    }
  }

  /** The partition's log was replaced (topic recreated): forget its window, continue at `offset`. */
  resetPartition(st: PartitionState, offset: number): void {
    st.next = offset;
    this.heldBytes -= st.window.byteSize;
    st.window.reset(offset);
  }

  /**
   * Over the total bound: evict the oldest entries of the largest window
   * (by bytes) until under it. The largest, not the globally oldest, so one
   * busy partition cannot push a quiet partition's recent past out of memory;
   * an evicted range is still served, from Kafka. The entry just ingested is
   * kept even when it alone is over the bound. Costs a scan of the partitions
   * per eviction, only while at the bound (a few dozen partitions: cheap).
   */
  private trimWindows(just: PartitionState): void {
    const limit = this.opts.windowTotalBytes ?? Infinity;
    while (this.heldBytes > limit) {
      let largest: PartitionState | undefined;
      for (const st of this.partitions.values()) {
        if (st === just && st.window.length <= 1) continue;
        if (st.window.length > 0 && (!largest || st.window.byteSize > largest.window.byteSize)) largest = st;
      }
      if (!largest) return;
      this.heldBytes -= largest.window.evictOldest();
    }
  }
}
