/**
 * Bench updates: the seed story's real (v2) updates (realistic size and
 * shape) with a fresh id per publish that carries the publish time, so a
 * receiver can compute end-to-end latency from the frame alone:
 *   id = bench:<run>:<seq>:<publish time, µs since the Unix epoch>
 * Stories are spread over many ids so every partition gets traffic.
 */
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';
import type { Update } from '@newswire/schema/v2';

export const ID_MARKER = '"id":"bench:';

export function benchUpdate(run: string, seq: number, publishedAtMs: number, stories = 64): Update {
  const seed = KAZAKHSTAN_SEED[seq % KAZAKHSTAN_SEED.length]!;
  const { revises: _r, retracts: _x, ...rest } = seed;
  return {
    ...rest,
    id: `bench:${run}:${seq}:${Math.round(publishedAtMs * 1000)}`,
    story: `bench-story-${seq % stories}`,
  } as Update;
}

const MARKER = Buffer.from(ID_MARKER);
const QUOTE = 0x22;
const COLON = 0x3a;

/** Publish time (ms) embedded in a frame's update id, or NaN. Works on raw bytes: no JSON.parse. */
export function publishTimeOf(frame: Buffer): number {
  const at = frame.indexOf(MARKER);
  if (at < 0) return NaN;
  const end = frame.indexOf(QUOTE, at + MARKER.length);
  if (end < 0) return NaN;
  let colon = end - 1;
  while (colon > at && frame[colon] !== COLON) colon--;
  return Number(frame.toString('latin1', colon + 1, end)) / 1000;
}

/** The bench sequence number in a frame's update id, or -1. */
export function seqOf(frame: Buffer): number {
  const at = frame.indexOf(MARKER);
  if (at < 0) return -1;
  const runEnd = frame.indexOf(COLON, at + MARKER.length);
  const seqEnd = frame.indexOf(COLON, runEnd + 1);
  return Number(frame.toString('latin1', runEnd + 1, seqEnd));
}
