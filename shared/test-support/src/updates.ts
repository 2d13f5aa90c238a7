/**
 * Valid v2 updates for tests, the one factory every suite uses: the seed
 * story's updates (schema v2, what every publisher writes) re-keyed with
 * fresh ids and stories, spread over as many stories (so partitions) as asked.
 * Also exported alone as `@newswire/test-support/updates` (no Kafka helpers).
 */
import { randomUUID } from 'node:crypto';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import type { Update } from '@newswire/schema/v2';

/** The seed story in schema v2, what every producer now writes. */
export const SEED: readonly Update[] = KAZAKHSTAN_SEED_V2;

export interface MakeOptions {
  /** Ids are `<prefix>-u<i>`, stories `<prefix>-story-<i % stories>`. Default: 8 random characters, so every call is unique. */
  prefix?: string;
  /** Number of distinct stories to spread over, round robin (default 1). */
  stories?: number;
  /** Only updates of these kinds (cycling through the seed's updates of them). */
  kinds?: readonly string[];
  /** Fields to change in update i (applied last: it may set the story or the id). */
  patch?: (u: Update, i: number) => Partial<Update>;
}

/**
 * n updates cycling through the seed. Links to other updates (revises,
 * retracts, relations) are dropped: they name seed ids that the fresh ids
 * replace, so they would point at nothing.
 */
export function makeUpdates(n: number, opts: MakeOptions = {}): Update[] {
  const prefix = opts.prefix ?? randomUUID().slice(0, 8);
  const pool = opts.kinds ? SEED.filter((u) => opts.kinds!.includes(u.kind)) : SEED;
  if (pool.length === 0) throw new Error('no seed update of the requested kinds');
  const stories = opts.stories ?? 1;
  return Array.from({ length: n }, (_, i) => {
    const { revises: _r, retracts: _x, relations: _l, ...base } = pool[i % pool.length]!;
    const u = { ...base, id: `${prefix}-u${i}`, story: `${prefix}-story-${i % stories}` } as Update;
    return opts.patch ? ({ ...u, ...opts.patch(u, i) } as Update) : u;
  });
}

/** The first seed update of `kind` (its seed id and story). */
export function seedOfKind(kind: Update['kind']): Update {
  const u = SEED.find((x) => x.kind === kind);
  if (!u) throw new Error(`no seed update of kind ${kind}`);
  return u;
}

export const toNdjson = (updates: readonly unknown[]) => updates.map((u) => JSON.stringify(u)).join('\n') + '\n';
