/**
 * The demo wire: publishes a story's updates in order, spaced in time, once
 * or looping, through the producer library (so it gets the same validation,
 * idempotent producer and positions as every other producer). `newswire
 * demo` and `npm start` both run this. The default story is the seed told in
 * schema v2 (@newswire/schema/v2/seed).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger, type Logger } from '@newswire/config';
import { createPublisher, type Position, type Publisher } from '@newswire/kafka';
import { instantBounds, type Update } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';

/**
 * How fast the story is told:
 *  - max: as fast as the broker acknowledges;
 *  - scale: the story's own spacing (gaps between the earliest times each `reported` can mean)
 *    divided by `factor` (3600x: an hour per second); updates reported on the same day come at once;
 *  - interval: a fixed pause between updates.
 */
export type Pace = { mode: 'max' } | { mode: 'scale'; factor: number } | { mode: 'interval'; ms: number };

export const DEFAULT_PACE: Pace = { mode: 'interval', ms: 2000 };
const MAX_INTERVAL_MS = 24 * 3600 * 1000;
const BETWEEN_PASSES_MS = 5000;

/** Parses "max", "<N>x", "<N>ms", "<N>s" or a bare number of milliseconds. Throws a readable Error. */
export function parsePace(text: string): Pace {
  const s = text.trim().toLowerCase();
  if (s === 'max') return { mode: 'max' };
  const scale = /^(\d+(?:\.\d+)?)x$/.exec(s);
  if (scale) {
    const factor = Number(scale[1]);
    if (!(factor > 0)) throw new Error(`pace "${text}": the factor must be greater than 0`);
    return { mode: 'scale', factor };
  }
  const interval = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(s);
  if (interval) {
    const ms = Number(interval[1]) * (interval[2] === 's' ? 1000 : 1);
    if (ms > MAX_INTERVAL_MS) throw new Error(`pace "${text}": at most 24 hours between updates`);
    return ms === 0 ? { mode: 'max' } : { mode: 'interval', ms };
  }
  throw new Error(`pace "${text}" must be max, <N>x (e.g. 3600x), or a pause like 2000, 500ms or 2s`);
}

/** Milliseconds to wait before publishing `next`, which follows `prev` in the story. */
export function delayBetween(prev: Update | undefined, next: Update, pace: Pace): number {
  if (pace.mode === 'max' || prev === undefined) return 0;
  if (pace.mode === 'interval') return pace.ms;
  const gap = instantBounds(next.reported).earliest - instantBounds(prev.reported).earliest;
  return Math.min(Math.max(0, gap / pace.factor), MAX_INTERVAL_MS);
}

/**
 * The updates of pass `pass` (1-based). Pass 1 keeps the story's own ids, so
 * re-running the demo is deduplicated like any repeated publish; later passes
 * of a loop get a `:p<N>` suffix on every id (and every reference to an id)
 * so consumers that dedupe by id still show them.
 */
export function updatesForPass(updates: readonly Update[], pass: number): Update[] {
  if (pass <= 1) return [...updates];
  const suffix = (id: string) => `${id}:p${pass}`;
  const ids = new Set(updates.map((u) => u.id));
  const ref = (id: string | undefined) => (id !== undefined && ids.has(id) ? suffix(id) : id);
  return updates.map((u) => {
    const copy = structuredClone(u);
    copy.id = suffix(u.id);
    if (copy.revises !== undefined) copy.revises = ref(copy.revises);
    if (copy.retracts !== undefined) copy.retracts = ref(copy.retracts);
    if (copy.relations) copy.relations = copy.relations.map((r) => ({ ...r, to: ref(r.to)! }));
    if (copy.kind === 'casualties' && copy.payload.status === 'no-new-information' && copy.payload.lastFigures !== undefined)
      copy.payload.lastFigures = ref(copy.payload.lastFigures);
    if (copy.kind === 'diplomacy' && copy.payload.action === 'statement' && copy.payload.regarding)
      copy.payload.regarding = copy.payload.regarding.map((id) => ref(id)!);
    return copy;
  });
}

export interface DemoWireOptions {
  brokers: string[];
  pace?: Pace | string;
  /** Start again after the last update, until aborted (or maxPasses). */
  loop?: boolean;
  maxPasses?: number;
  signal?: AbortSignal;
  logger?: Logger;
  /** Publish through this publisher (left open) instead of creating one. */
  publisher?: Publisher;
  /** Partitions for topics created when missing. */
  partitions?: number;
  /** Replication factor of created topics; default min(3, brokers). */
  replication?: number;
  /** NEWSWIRE_TOPIC_PREFIX: topics are `<prefix>.<family>`. */
  topicPrefix?: string;
  connectTimeoutMs?: number;
  /** The story to tell; default the Kazakhstan seed in schema v2. */
  updates?: readonly Update[];
  onPublished?(update: Update, position: Position, pass: number): void;
}

export interface DemoWireResult {
  published: number;
  passes: number;
  aborted: boolean;
}

export async function runDemoWire(opts: DemoWireOptions): Promise<DemoWireResult> {
  const logger = opts.logger ?? createLogger('demo-wire');
  const pace = typeof opts.pace === 'string' ? parsePace(opts.pace) : (opts.pace ?? DEFAULT_PACE);
  const story = opts.updates ?? KAZAKHSTAN_SEED_V2;
  const maxPasses = opts.loop ? (opts.maxPasses ?? Infinity) : 1;
  const signal = opts.signal;
  const publisher =
    opts.publisher ??
    (await createPublisher({
      brokers: opts.brokers,
      logger,
      clientId: 'newswire-demo',
      partitions: opts.partitions,
      ...(opts.replication !== undefined ? { replication: opts.replication } : {}),
      ...(opts.topicPrefix !== undefined ? { topicPrefix: opts.topicPrefix } : {}),
      connectTimeoutMs: opts.connectTimeoutMs,
      ceSource: '/newswire/demo',
    }));
  let published = 0;
  let passes = 0;
  try {
    for (let pass = 1; pass <= maxPasses && !signal?.aborted; pass++) {
      passes = pass;
      logger.info({ pass, updates: story.length, pace }, 'demo wire pass');
      let prev: Update | undefined;
      for (const update of updatesForPass(story, pass)) {
        const wait = delayBetween(prev, update, pace);
        if (wait > 0 && !(await pause(wait, signal))) break;
        if (signal?.aborted) break;
        const [position] = await publisher.publishValidated([update]);
        if (!position) throw new Error(`no position returned for ${update.id}`);
        published++;
        opts.onPublished?.(update, position, pass);
        logger.debug({ kind: update.kind, ...position }, 'demo update published');
        prev = update;
      }
      // A breather between passes, so a watcher sees the story end before it starts again.
      if (pass < maxPasses && pace.mode !== 'max' && !(await pause(BETWEEN_PASSES_MS, signal))) break;
    }
  } finally {
    if (!opts.publisher) await publisher.close();
  }
  return { published, passes, aborted: signal?.aborted ?? false };
}

/** Waits `ms`; false if aborted meanwhile. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
