/**
 * An Entry is one update as the gateway keeps it: the frame serialised ONCE
 * (the exact bytes every live socket receives) plus the few envelope fields
 * filters look at. The parsed update object itself is not kept, so the memory
 * window costs about the frame size per update.
 */
import { fromKafkaMessage } from '@newswire/schema/v2';
import { type StreamPosition, type UpdateFrame } from '@newswire/protocol';
import { prebuiltTextFrame } from './frame-writer.ts';

export interface Entry {
  topic: string;
  partition: number;
  offset: number;
  /** Kafka timestamp, epoch ms. */
  ts: number;
  id: string;
  kind: string;
  story: string;
  country: string;
  /** place.admin1 (v1's place.region): what the `regions` filter matches. */
  region: string | undefined;
  city: string | undefined;
  verification: string;
  urgency: string;
  /** The live frame: `{"op":"update","topic":...}` without `sub` (a view into `wire`). */
  frame: Buffer;
  /**
   * The complete WebSocket text frame (unmasked header + `frame`), built once
   * with ws's framing: live delivery writes exactly these bytes to every
   * matching socket that can take them raw (frame-writer.ts).
   */
  wire: Buffer;
}

export interface RawRecord {
  topic: string;
  partition: number;
  offset: string | number | bigint;
  timestamp: string | number;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;
}

const LIVE_PREFIX = Buffer.from('{"op":"update",');

/**
 * Parses and serialises one Kafka record; null when the record is not a valid
 * update (skipped, counted). v1 and v2 records are read side by side: a v1
 * record is upcast, so every frame carries a v2 update.
 */
export function entryFromRecord(rec: RawRecord, epoch: string): Entry | null {
  const parsed = fromKafkaMessage(rec.value, rec.headers);
  if (!parsed.ok) return null;
  const u = parsed.update;
  const offset = Number(rec.offset);
  const ts = Number(rec.timestamp);
  // Offsets go on the wire as decimal strings (Kafka offsets are int64).
  const frame: UpdateFrame = { op: 'update', topic: rec.topic, partition: rec.partition, offset: String(rec.offset), epoch, ts, update: u };
  return {
    topic: rec.topic,
    partition: rec.partition,
    offset,
    ts,
    id: u.id,
    kind: u.kind,
    story: u.story,
    country: u.place.country,
    region: u.place.admin1,
    city: u.place.city,
    verification: u.verification,
    urgency: u.urgency,
    ...wsTextFrame(JSON.stringify(frame)),
  };
}

/** The live frame around a JSON text, framed once by ws (see frame-writer.ts). */
export const wsTextFrame = prebuiltTextFrame;

/**
 * The catch-up/replay form of a live frame: the same bytes with `"sub":"<id>"`
 * spliced in after the op (no second JSON.stringify of the update).
 */
export function subFrame(entry: Entry, subId: string): Buffer {
  return Buffer.concat([LIVE_PREFIX, Buffer.from(`"sub":${JSON.stringify(subId)},`), entry.frame.subarray(LIVE_PREFIX.length)]);
}

/**
 * A position inside the gateway. Offsets are numbers here (cheap to compare
 * and add to; exact below 2^53, far beyond any real log) and decimal strings
 * on the wire: `toWire` is the one place they turn into strings.
 */
export interface Position {
  topic: string;
  partition: number;
  offset: number;
}

export function toWire(positions: readonly Position[]): StreamPosition[] {
  return positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: String(p.offset) }));
}

export { partitionKey } from '@newswire/schema';
