/**
 * A partition's read position in a group-less read, and what a fetch means
 * for it: the request that asks for it, the batch a fetched partition gives
 * the handler, and where the position goes next. No I/O here: the reader
 * fetches, calls the handler, and moves the cursor only once the handler is done.
 */
import type { FetchedBatch, KafkaRecord } from '../port.ts';
import { visibleRecords, type FetchPartitionResponse, type FetchRequest, type InternalRecord } from './internals.ts';

export interface Cursor {
  topic: string;
  partition: number;
  next: bigint;
  to: bigint | undefined;
  done: boolean;
  /** Leader broker id; null until (re)learnt from metadata. */
  leader: number | null;
  lastHw: bigint | null;
}

/** A cursor at `from`; already done when its range is empty. */
export function newCursor(topic: string, partition: number, from: bigint, to: bigint | undefined): Cursor {
  const done = to !== undefined && from >= to;
  return { topic, partition, next: from, to, done, leader: null, lastHw: null };
}

/** The fetch request's topics for these cursors, each from its position. */
export function fetchTopics(cursors: readonly Cursor[], maxBytesPerPartition: number): FetchRequest['topics'] {
  const byTopic = new Map<string, { partition: number; fetchOffset: string; maxBytes: number }[]>();
  for (const c of cursors) {
    let list = byTopic.get(c.topic);
    if (!list) byTopic.set(c.topic, (list = []));
    list.push({ partition: c.partition, fetchOffset: c.next.toString(), maxBytes: maxBytesPerPartition });
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

const toRecord = (topic: string, partition: number, m: InternalRecord): KafkaRecord => ({
  topic,
  partition,
  offset: BigInt(m.offset),
  timestamp: Number(m.timestamp),
  key: m.key,
  value: m.value,
  headers: m.headers,
});

/**
 * What one fetched partition means for its cursor: where it goes next, its
 * high watermark, and the batch for the handler (null when the fetch brought
 * nothing new: no records, no progress and the same high watermark).
 */
export function fetchedBatch(c: Cursor, p: FetchPartitionResponse): { batch: FetchedBatch | null; next: bigint; hw: bigint } {
  const hw = BigInt(p.highWatermark);
  const { records, lastOffset } = visibleRecords(c.topic, c.next, p);
  let next = lastOffset !== null && lastOffset >= c.next ? lastOffset + 1n : c.next;
  let out = records.map((m) => toRecord(c.topic, c.partition, m));
  if (c.to !== undefined && next > c.to) {
    next = c.to;
    const to = c.to;
    out = out.filter((r) => r.offset < to);
  }
  const changed = out.length > 0 || next !== c.next || hw !== c.lastHw;
  return { batch: changed ? { topic: c.topic, partition: c.partition, records: out, highWatermark: hw, next } : null, next, hw };
}

/** Moves the cursor once its batch is handled; a range is done at its end or at the log's end. */
export function advance(c: Cursor, next: bigint, hw: bigint): void {
  c.next = next;
  c.lastHw = hw;
  if (c.to !== undefined && (next >= c.to || next >= hw)) c.done = true;
}
