/**
 * Parsing of `newswire replay` arguments into a plan description: which
 * topics, where to start (earliest, a time, or explicit offsets), where to
 * stop, how fast. Pure functions: everything Kafka-dependent is in replay-plan.
 */
import { DEFAULT_TOPIC_PREFIX, newswireTopics, partitionKey } from '@newswire/schema';
import { KINDS } from '@newswire/schema/v2';
import { UsageError } from '../command.ts';

export type From =
  | { kind: 'earliest' }
  | { kind: 'time'; ms: number }
  | { kind: 'offsets'; offsets: { topic: string; partition: number; offset: bigint }[] };

/** Playback speed: factor 1 = original spacing, Infinity = as fast as possible. */
export type Pace = { factor: number };

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** `arrests` is short for `<prefix>.arrests` (newswire.arrests by default); `all` means every newswire topic. */
export function resolveTopics(names: string[], prefix: string = DEFAULT_TOPIC_PREFIX): string[] {
  const ours = newswireTopics(prefix);
  const out: string[] = [];
  for (const n of names) {
    if (n === 'all') out.push(...ours);
    else if (!n.includes('.') && ours.includes(`${prefix}.${n}`)) out.push(`${prefix}.${n}`);
    else if (TOPIC_NAME.test(n)) out.push(n);
    else throw new UsageError(`"${n}" is not a valid topic name`);
  }
  return [...new Set(out)];
}

export function parseTime(flag: string, raw: string): number {
  // A date-time needs a zone: "2022-01-08T10:00:00" alone is ambiguous.
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
  const ms = Date.parse(raw);
  if (!iso.test(raw) || Number.isNaN(ms)) {
    throw new UsageError(`${flag} must be an ISO 8601 time with a zone (e.g. 2022-01-08T10:00:00Z) or a date, got "${raw}"`);
  }
  return ms;
}

export function parseFrom(raw: string | undefined, prefix: string = DEFAULT_TOPIC_PREFIX): From {
  if (raw === undefined || raw === 'earliest' || raw === 'beginning') return { kind: 'earliest' };
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return { kind: 'time', ms: parseTime('--from', raw) };
  const offsets = raw.split(',').map((part) => {
    const m = /^(.+):(\d+):(\d+)$/.exec(part.trim());
    if (!m) throw new UsageError(`--from must be earliest, an ISO time, or topic:partition:offset[,...]; cannot read "${part}"`);
    return { topic: resolveTopics([m[1]!], prefix)[0]!, partition: Number(m[2]), offset: BigInt(m[3]!) };
  });
  const seen = new Set<string>();
  for (const o of offsets) {
    const k = partitionKey(o.topic, o.partition);
    if (seen.has(k)) throw new UsageError(`--from names ${o.topic}:${o.partition} twice`);
    seen.add(k);
  }
  return { kind: 'offsets', offsets };
}

export function parsePace(raw: string | undefined): Pace {
  if (raw === undefined || raw === 'max') return { factor: Infinity };
  if (raw === 'original') return { factor: 1 };
  const m = /^(\d+(\.\d+)?)x$/.exec(raw);
  const factor = m ? Number(m[1]) : NaN;
  if (!(factor > 0) || !Number.isFinite(factor)) throw new UsageError(`--pace must be original, max, or a speed-up like 10x or 0.5x; got "${raw}"`);
  return { factor };
}

export function parseKinds(raw: string[] | undefined): Set<string> | undefined {
  if (!raw?.length) return undefined;
  const kinds = raw.flatMap((k) => k.split(',')).map((k) => k.trim());
  for (const k of kinds) {
    if (!(KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind "${k}" is not a kind; one of ${KINDS.join(', ')}`);
  }
  return new Set(kinds);
}
