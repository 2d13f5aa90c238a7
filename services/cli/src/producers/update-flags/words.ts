/**
 * Values as people type them in a flag: JSON, numbers with separators
 * ("4,400"), quantities in words ("more-than 4400", "30-50", "dozens") and
 * times as precise as they were given ("2022-01-08"). A value that is none of
 * these is a UsageError naming the flag and what it takes.
 */
import { QUALIFIERS, VAGUE_QUANTITIES } from '@newswire/schema/v2';
import { UsageError } from '../../command.ts';

export function parseJson(flag: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`--${flag} is not valid JSON: ${(err as Error).message}`);
  }
}

/** A number as people write it: "4,400", "4_400", "12.5". */
export function parseNumber(flag: string, raw: string): number {
  const cleaned = raw.replace(/[,_]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) throw new UsageError(`--${flag} must be a number, got "${raw}"`);
  return Number(cleaned);
}

/**
 * A quantity as words, for the JSON flag of a Quantity or Figure: "4400" or
 * "4,400" (exact), "more-than 4400", "30-50", "about 30-50", "dozens",
 * "more-than a-dozen". The words are the schema's own (QUALIFIERS,
 * VAGUE_QUANTITIES); a figure's scope is its own flag (--count.scope toll).
 */
export function quantityFromWords(flag: string, raw: string): Record<string, unknown> {
  const words = raw.trim().split(/\s+/);
  const qualifier = (QUALIFIERS as readonly string[]).includes(words[0]!) && words.length > 1 ? words.shift() : undefined;
  const rest = words.join(' ');
  const range = /^(\d[\d,_]*)\s*(?:-|\.\.|to)\s*(\d[\d,_]*)$/.exec(rest);
  if (range) return { min: parseNumber(flag, range[1]!), max: parseNumber(flag, range[2]!), ...(qualifier && { qualifier }) };
  if (/^\d[\d,_]*$/.test(rest)) return { value: parseNumber(flag, rest), qualifier: qualifier ?? 'exact' };
  if ((VAGUE_QUANTITIES as readonly string[]).includes(rest)) return { vague: rest, ...(qualifier && { qualifier }) };
  throw new UsageError(
    `--${flag} must be JSON or a quantity in words: 4400, more-than 4400, 30-50, about 30-50, dozens, more-than a-dozen (qualifiers ${QUALIFIERS.join(', ')}; vague words ${VAGUE_QUANTITIES.join(', ')}); got "${raw}"`,
  );
}

const INSTANT = /^(\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?)(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A time as precise as given: `2022-01-08` (a day), `2022-01` (a month),
 * `2022-01-08T10:00+06:00` (a minute, with its offset), or JSON (an Instant, or
 * for --occurred a Period). --zone adds the place's time zone.
 */
export function instantFromFlag(flag: string, raw: string, zone: string | undefined): unknown {
  if (raw.trim().startsWith('{')) return parseJson(flag, raw);
  const m = INSTANT.exec(raw.trim());
  if (!m) throw new UsageError(`--${flag} must be a date (2022-01-08, 2022-01, 2022), a date and time with an offset (2022-01-08T10:00+06:00) or JSON; got "${raw}"`);
  const [, date, time, offset] = m;
  return { date, ...(time && { time }), ...(offset && { offset: offset.toUpperCase() }), ...(zone && { zone }) };
}
