/**
 * Per-topic configs the storage acts on, by their Kafka names:
 * `cleanup.policy` (delete, compact, or both), `retention.ms`, `retention.bytes`,
 * `delete.retention.ms`, `min.cleanable.dirty.ratio`, `segment.ms` and `segment.bytes`. CreateTopics passes them;
 * every other Kafka config is accepted and ignored (the broker-wide values
 * apply). They are kept in `topic-config.json` inside each partition
 * directory, so a partition opens with its own policy and a deleted topic
 * takes its configs with it.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const TOPIC_CONFIG_FILE = 'topic-config.json';

const policy = z
  .string()
  .transform((v) => v.split(',').map((p) => p.trim().toLowerCase()))
  .refine((ps) => ps.length > 0 && ps.every((p) => p === 'delete' || p === 'compact'), 'must be "delete", "compact" or "compact,delete"')
  .transform((ps) => ({ delete: ps.includes('delete'), compact: ps.includes('compact') }));

const intString = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min, `must be an integer >= ${min}`);

/** The configs this broker acts on, as CreateTopics sends them (strings); zod checks each value. */
export const topicConfigEntriesSchema = z.object({
  'cleanup.policy': policy.optional(),
  // -1: no limit, as in Kafka.
  'retention.ms': intString(-1).optional(),
  'retention.bytes': intString(-1).optional(),
  'delete.retention.ms': intString(0).optional(),
  'min.cleanable.dirty.ratio': z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number in [0, 1]')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 1, 'must be a number in [0, 1]')
    .optional(),
  'segment.ms': intString(1).optional(),
  'segment.bytes': intString(1024)
    .refine((n) => n <= 0x7fffffff, 'must be at most 2147483647')
    .optional(),
});

export interface TopicConfig {
  cleanupPolicy: { delete: boolean; compact: boolean };
  /** Delete segments whose newest record is older than this (ms), -1 never; undefined = the broker's (BROKER_RETENTION_MS). */
  retentionMs?: number;
  /** Delete the oldest segments while the rest still hold this many bytes, -1 never; undefined = the broker's. */
  retentionBytes?: number;
  /** Tombstones older than this are removed by the cleaner; undefined = the broker's default (24 h). */
  deleteRetentionMs?: number;
  /** Clean a partition once dirty bytes / closed bytes reach this; undefined = the broker's default (0.5). */
  minCleanableDirtyRatio?: number;
  /** Roll the active segment once its first record is this old (ms); undefined = size only. */
  segmentMs?: number;
  /** Roll the active segment past this size; undefined = the broker's (BROKER_SEGMENT_BYTES). */
  segmentBytes?: number;
}

export const DEFAULT_TOPIC_CONFIG: TopicConfig = { cleanupPolicy: { delete: true, compact: false } };

export type TopicConfigResult = { ok: true; config: TopicConfig } | { ok: false; message: string };

/**
 * Kafka config entries (name, value) to a TopicConfig. Names this broker
 * does not act on are ignored; a bad value of one it does act on is refused
 * with Kafka's wording style ("Invalid value ... for configuration ...").
 */
export function parseTopicConfigs(entries: readonly { name: string; value: string | null }[]): TopicConfigResult {
  const known = new Set(Object.keys(topicConfigEntriesSchema.shape));
  const picked: Record<string, string> = {};
  for (const e of entries) {
    if (!known.has(e.name)) continue;
    if (e.value === null) return { ok: false, message: `Invalid value null for configuration ${e.name}: a value is required.` };
    picked[e.name] = e.value;
  }
  const parsed = topicConfigEntriesSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    return { ok: false, message: `Invalid value ${picked[name]} for configuration ${name}: ${issue.message}.` };
  }
  const c = parsed.data;
  return {
    ok: true,
    config: {
      cleanupPolicy: c['cleanup.policy'] ?? DEFAULT_TOPIC_CONFIG.cleanupPolicy,
      ...(c['retention.ms'] !== undefined && { retentionMs: c['retention.ms'] }),
      ...(c['retention.bytes'] !== undefined && { retentionBytes: c['retention.bytes'] }),
      ...(c['delete.retention.ms'] !== undefined && { deleteRetentionMs: c['delete.retention.ms'] }),
      ...(c['min.cleanable.dirty.ratio'] !== undefined && { minCleanableDirtyRatio: c['min.cleanable.dirty.ratio'] }),
      ...(c['segment.ms'] !== undefined && { segmentMs: c['segment.ms'] }),
      ...(c['segment.bytes'] !== undefined && { segmentBytes: c['segment.bytes'] }),
    },
  };
}

const fileSchema = z.object({
  cleanupPolicy: z.object({ delete: z.boolean(), compact: z.boolean() }),
  retentionMs: z.number().int().min(-1).optional(),
  retentionBytes: z.number().int().min(-1).optional(),
  deleteRetentionMs: z.number().int().min(0).optional(),
  minCleanableDirtyRatio: z.number().min(0).max(1).optional(),
  segmentMs: z.number().int().min(1).optional(),
  segmentBytes: z.number().int().min(1024).max(0x7fffffff).optional(),
});

/** The partition's topic config, or the default (delete) when it has none (auto-created topics). */
export function readTopicConfig(dir: string): TopicConfig {
  const file = join(dir, TOPIC_CONFIG_FILE);
  if (!existsSync(file)) return DEFAULT_TOPIC_CONFIG;
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid topic config: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

/** Written with a temp file, fsync and rename: a crash leaves the old config or the new one. */
export function writeTopicConfig(dir: string, config: TopicConfig): void {
  writeFileDurably(join(dir, TOPIC_CONFIG_FILE), JSON.stringify(config));
}

export function writeFileDurably(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
