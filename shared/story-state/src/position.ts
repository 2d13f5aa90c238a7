/**
 * Where a record sits in Kafka, as the state keeps it. Offsets are decimal
 * strings (Kafka offsets are int64), compared without BigInt: for canonical
 * decimals (no sign, no leading zero) the longer one is larger, and equal
 * lengths compare as text.
 */

/** A record's place in Kafka: its own offset and its Kafka timestamp (ms). */
export interface RecordAt {
  topic: string;
  partition: number;
  offset: string;
  ts: number;
}

/** A cursor: on this partition, every record below `offset` is reflected. */
export interface Position {
  topic: string;
  partition: number;
  offset: string;
}

const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;

/** A Kafka offset (number, bigint or string) as the canonical decimal string. */
export function offsetString(offset: string | number | bigint): string {
  const s = typeof offset === 'string' ? offset : String(offset);
  if (!DECIMAL.test(s)) throw new Error(`not a Kafka offset: ${s}`);
  return s;
}

export function compareOffsets(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The offset after `offset`: the cursor once it is reflected. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}

/**
 * The total order every list of the state is kept in: Kafka timestamp, then
 * topic, partition and offset. It depends on the record alone, never on the
 * order records arrived in from different partitions, so the same set of
 * records gives the same state on every gateway.
 */
export function compareAt(a: RecordAt, b: RecordAt): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.partition !== b.partition) return a.partition - b.partition;
  return compareOffsets(a.offset, b.offset);
}

/** Positions sorted by topic then partition (the canonical order). */
export function sortPositions(positions: readonly Position[]): Position[] {
  return [...positions]
    .map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset }))
    .sort((a, b) => (a.topic !== b.topic ? (a.topic < b.topic ? -1 : 1) : a.partition - b.partition));
}

export function positionMap(positions: readonly Position[]): Map<string, string> {
  return new Map(positions.map((p) => [partitionKey(p.topic, p.partition), p.offset]));
}

/** Whether `a` is at or past `b` on every partition `b` names (a partition `a` lacks counts as offset 0). */
export function dominates(a: readonly Position[], b: readonly Position[]): boolean {
  const am = positionMap(a);
  return b.every((p) => compareOffsets(am.get(partitionKey(p.topic, p.partition)) ?? '0', p.offset) >= 0);
}
