/**
 * Valid (v2) updates for producer tests: the seed story's updates, re-keyed with
 * fresh ids (and, when asked, spread over several stories so they land on
 * several partitions).
 */
import { randomUUID } from 'node:crypto';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import type { Update } from '@newswire/schema/v2';

/** The seed story in schema v2, what every producer now writes. */
export const SEED: readonly Update[] = KAZAKHSTAN_SEED_V2;

export interface MakeOptions {
  /** Number of distinct story ids to spread over (default 1). */
  stories?: number;
  /** Prefix for ids and stories, unique per test by default. */
  prefix?: string;
  /** Only updates of these kinds. */
  kinds?: string[];
}

export function makeUpdates(n: number, opts: MakeOptions = {}): Update[] {
  const prefix = opts.prefix ?? randomUUID().slice(0, 8);
  const pool = opts.kinds ? SEED.filter((u) => opts.kinds!.includes(u.kind)) : SEED;
  if (pool.length === 0) throw new Error('no seed update of the requested kinds');
  const stories = opts.stories ?? 1;
  return Array.from({ length: n }, (_, i) => ({
    ...pool[i % pool.length]!,
    id: `${prefix}-u${i}`,
    story: `${prefix}-story-${i % stories}`,
  }));
}

export const toNdjson = (updates: readonly unknown[]) => updates.map((u) => JSON.stringify(u)).join('\n') + '\n';
