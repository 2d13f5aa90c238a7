/**
 * Snapshots as bytes, for the compacted `<prefix>.story-state` topic:
 *
 *   key `<story id>`      value { kind: 'story', story, epoch, positions, state }
 *   key `#checkpoint`     value { kind: 'checkpoint', epoch, positions, stories: [[story, digest]...] }
 *
 * Values are canonical JSON (canonical.ts), so the same state at the same
 * positions is the same bytes on every gateway. A snapshot read back is
 * input like any other: it is validated (zod) before it is used, and one
 * that fails is skipped, never half-loaded.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical.ts';
import { sortPositions, type Position } from './position.ts';
import { STATE_FORMAT, type StoryStateData } from './story.ts';

/** The key of the checkpoint record; story ids cannot contain '#'. */
export const CHECKPOINT_KEY = '#checkpoint';

export interface StorySnapshot {
  format: typeof STATE_FORMAT;
  kind: 'story';
  story: string;
  /** The gateway epoch (Kafka cluster) the positions refer to. */
  epoch: string;
  /** Every partition the writer read: below each offset, every record is reflected. */
  positions: Position[];
  state: StoryStateData;
}

/**
 * Written after every story changed since the previous checkpoint has been
 * snapshotted at `positions`: every update below them is in a snapshot. A
 * restart reads on from here. `stories` vouches for each story's snapshot by
 * digest, so a reader can tell a snapshot that is still valid at `positions`
 * (the story had no update since) from one that is not.
 */
export interface Checkpoint {
  format: typeof STATE_FORMAT;
  kind: 'checkpoint';
  epoch: string;
  positions: Position[];
  /** [story, digest of its snapshot value], sorted by story. */
  stories: [string, string][];
}

const offset = z.string().regex(/^(0|[1-9][0-9]{0,18})$/);
const positionSchema = z.strictObject({ topic: z.string().min(1).max(249), partition: z.number().int().min(0).max(100_000), offset });
const positionsSchema = z.array(positionSchema).max(10_000);
const atSchema = z.strictObject({ topic: z.string().min(1).max(249), partition: z.number().int().min(0), offset, ts: z.number().finite() });
const storyId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/);
const count = z.number().int().min(0);

/** Items and recent updates were validated as updates when folded; here their frame is checked. */
const itemSchema = z.looseObject({
  at: atSchema,
  id: storyId,
  kind: z.string().min(1).max(64),
  category: z.enum(['figures', 'measures', 'government', 'other']),
  headline: z.string(),
  reported: z.looseObject({ date: z.string() }),
  place: z.looseObject({ country: z.string() }),
  sources: z.array(z.looseObject({ name: z.string() })).min(1),
});
const recentSchema = z.strictObject({ at: atSchema, update: z.looseObject({ schema: z.literal(2), id: storyId, story: storyId, kind: z.string() }) });

const stateSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  story: storyId,
  records: count,
  kinds: z.record(z.string(), count),
  items: z.array(itemSchema).max(1_000_000),
  recent: z.array(recentSchema).max(1_000_000),
  dropped: z.strictObject({ figures: count, measures: count, government: count, other: count, recent: count }),
  partialHistory: z.boolean(),
});

const storySnapshotSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  kind: z.literal('story'),
  story: storyId,
  epoch: z.string().min(1).max(128),
  positions: positionsSchema,
  state: stateSchema,
});

const checkpointSchema = z.strictObject({
  format: z.literal(STATE_FORMAT),
  kind: z.literal('checkpoint'),
  epoch: z.string().min(1).max(128),
  positions: positionsSchema,
  stories: z.array(z.tuple([storyId, z.string().min(1).max(128)])).max(1_000_000),
});

export function encodeSnapshot(story: StoryStateData, positions: readonly Position[], epoch: string): string {
  const snap: StorySnapshot = { format: STATE_FORMAT, kind: 'story', story: story.story, epoch, positions: sortPositions(positions), state: story };
  return canonicalJson(snap);
}

export function encodeCheckpoint(positions: readonly Position[], stories: Iterable<[string, string]>, epoch: string): string {
  const list = [...stories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const cp: Checkpoint = { format: STATE_FORMAT, kind: 'checkpoint', epoch, positions: sortPositions(positions), stories: list };
  return canonicalJson(cp);
}

export type DecodedRecord = { ok: true; value: StorySnapshot | Checkpoint } | { ok: false; error: string };

/** A record of the story-state topic, checked: its key must name what its value holds. */
export function decodeStateRecord(key: string | null, value: string | Buffer | null): DecodedRecord {
  if (value === null) return { ok: false, error: 'no value (a tombstone)' };
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (err) {
    return { ok: false, error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const kind = (json as { kind?: unknown } | null)?.kind;
  const parsed = kind === 'checkpoint' ? checkpointSchema.safeParse(json) : storySnapshotSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  const v = parsed.data as StorySnapshot | Checkpoint;
  const want = v.kind === 'checkpoint' ? CHECKPOINT_KEY : v.story;
  if (key !== want) return { ok: false, error: `key ${JSON.stringify(key)} does not match the value (${want})` };
  if (v.kind === 'story' && v.state.story !== v.story) return { ok: false, error: 'state.story does not match story' };
  return { ok: true, value: v };
}
