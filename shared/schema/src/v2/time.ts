/**
 * Time as sources give it, with its precision (ISO 8601 reduced precision,
 * ACLED's time precision): nothing forces a time of day, or even a day, that
 * no source said.
 *
 *   { date: '2022-01-08' }                                            a day
 *   { date: '2022-01-07', partOfDay: 'night', zone: 'Asia/Almaty' }    a part of a day
 *   { date: '2022-01-07', time: '11:00', zone: 'Asia/Almaty' }         to the minute
 *   { date: '2022-01-07', time: '11:00:30', offset: '+06:00' }         to the second
 *   { date: '2022-01' }, { date: '2022-W01' }, { date: '2019' }        a month, an ISO week, a year
 *
 * `zone` is the IANA time zone of the place, so a local time keeps its
 * meaning across daylight-saving changes; `offset` is the UTC offset alone
 * (what v1 updates carried). A time of day needs one of them.
 *
 * A `Period` runs from/to, lasts a `duration`, or lasts until further notice,
 * each part optional: "a 36-hour curfew from 5 January" is
 * { from: { date: '2022-01-05' }, duration: { amount: { value: 36, qualifier: 'exact' }, unit: 'hours' } }.
 * A `When` is either: an instant, or the interval within which something happened.
 */
import { z } from 'zod';
import { quantitySchema } from './quantity.ts';

// ---------------------------------------------------------------- instants

const DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-W(?:0[1-9]|[1-4]\d|5[0-3]))?$/;
const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?$/;
const OFFSET_PATTERN = /^(?:Z|[+-](?:0\d|1[0-4]):[0-5]\d)$/;
/** Area/Location names and UTC; refuses offsets and other forms Intl would also accept. */
const ZONE_PATTERN = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+){1,2})$/;

const zoneCache = new Map<string, boolean>();
/** Whether the runtime's IANA database knows the zone (tzdata names, including links). */
export function isTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = ZONE_PATTERN.test(zone);
    } catch {
      known = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(zone, known);
  }
  return known;
}

export const timeZoneSchema = z
  .string()
  .regex(ZONE_PATTERN, { error: 'must be an IANA time zone name, e.g. Asia/Almaty' })
  .refine(isTimeZone, { error: 'is not a known IANA time zone' });

export const PARTS_OF_DAY = ['early-morning', 'morning', 'midday', 'afternoon', 'evening', 'night', 'overnight'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

/**
 * Generous local-hour windows for parts of the day, used only to order and
 * check times (never shown as a time): "night" runs into the next morning.
 */
const PART_OF_DAY_HOURS: Record<PartOfDay, [number, number]> = {
  'early-morning': [3, 9],
  morning: [5, 12],
  midday: [11, 14],
  afternoon: [12, 19],
  evening: [17, 23],
  night: [19, 30],
  overnight: [21, 32],
};

function dateIsReal(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return true;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]);
}

const instantShape = {
  /** YYYY-MM-DD, or less precise: YYYY-MM (a month), YYYY-Www (an ISO week), YYYY (a year). */
  date: z
    .string()
    .regex(DATE_PATTERN, { error: 'must be a date YYYY-MM-DD, or YYYY-MM, YYYY-Www or YYYY when less is known' })
    .refine(dateIsReal, { error: 'is not a real calendar date' }),
  /** When only the part of the day is known ("on Friday night"). Not with `time`. */
  partOfDay: z.enum(PARTS_OF_DAY).optional(),
  /** Local time HH:MM, HH:MM:SS or HH:MM:SS.sss, only as precise as the source. */
  time: z.string().regex(TIME_PATTERN, { error: 'must be a local time HH:MM or HH:MM:SS' }).optional(),
  /** The place's IANA time zone. */
  zone: timeZoneSchema.optional(),
  /** The UTC offset in effect, Z or ±HH:MM. With `zone` too, it must agree with the zone. */
  offset: z.string().regex(OFFSET_PATTERN, { error: 'must be Z or a UTC offset ±HH:MM' }).optional(),
};

export interface Instant {
  date: string;
  partOfDay?: PartOfDay | undefined;
  time?: string | undefined;
  zone?: string | undefined;
  offset?: string | undefined;
}

/**
 * Whether a value is an instant whose every part is well formed: cross-field
 * rules run even when a field is invalid (zod reports both), and must then
 * compare nothing rather than compute with garbage.
 */
export function isWellFormedInstant(i: unknown): i is Instant {
  if (i === null || typeof i !== 'object') return false;
  const x = i as Record<string, unknown>;
  return (
    typeof x.date === 'string' && DATE_PATTERN.test(x.date) && dateIsReal(x.date) &&
    (x.time === undefined || (typeof x.time === 'string' && TIME_PATTERN.test(x.time))) &&
    (x.partOfDay === undefined || (PARTS_OF_DAY as readonly unknown[]).includes(x.partOfDay)) &&
    (x.zone === undefined || (typeof x.zone === 'string' && isTimeZone(x.zone))) &&
    (x.offset === undefined || (typeof x.offset === 'string' && OFFSET_PATTERN.test(x.offset))) &&
    !(x.partOfDay !== undefined && x.time !== undefined) &&
    ((x.time === undefined && x.partOfDay === undefined) || /^\d{4}-\d{2}-\d{2}$/.test(x.date))
  );
}

function checkInstant(i: Instant, ctx: z.RefinementCtx): void {
  if (typeof i.date !== 'string') return;
  const fullDate = /^\d{4}-\d{2}-\d{2}$/.test(i.date);
  if (i.time !== undefined && i.partOfDay !== undefined)
    ctx.addIssue({ code: 'custom', path: ['partOfDay'], message: 'give a time or a part of the day, not both' });
  if (!fullDate && (i.time !== undefined || i.partOfDay !== undefined))
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'a time or part of the day needs a full date YYYY-MM-DD' });
  if (i.time !== undefined && i.zone === undefined && i.offset === undefined)
    ctx.addIssue({ code: 'custom', path: ['zone'], message: 'a time of day needs the place’s time zone (zone) or a UTC offset' });
  if (i.time !== undefined && i.zone !== undefined && i.offset !== undefined && isWellFormedInstant(i)) {
    const local = localMs(i.date, i.time);
    const want = offsetOfZone(i.zone, localToUtc(local, i.zone));
    if (want !== parseOffset(i.offset))
      ctx.addIssue({ code: 'custom', path: ['offset'], message: `is not the offset of ${i.zone} at that time (${formatOffset(want)})` });
  }
}

export const instantSchema = z.strictObject(instantShape).superRefine(checkInstant);

export type InstantPrecision = 'year' | 'month' | 'week' | 'day' | 'part-of-day' | 'minute' | 'second';

export function instantPrecision(i: Instant): InstantPrecision {
  if (i.time !== undefined) return i.time.length > 5 ? 'second' : 'minute';
  if (i.partOfDay !== undefined) return 'part-of-day';
  if (i.date.includes('W')) return 'week';
  if (i.date.length === 4) return 'year';
  if (i.date.length === 7) return 'month';
  return 'day';
}

// ---------------------------------------------------------------- durations and periods

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/**
 * How long: "about 15 hours" is { amount: { value: 15, qualifier: 'about' }, unit: 'hours' };
 * without an amount it is the bare plural, as in "for days" ({ unit: 'days' }).
 */
export const durationSchema = z.strictObject({
  amount: quantitySchema.optional(),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;

export const periodSchema = z
  .strictObject({
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    duration: durationSchema.optional(),
    /** Open-ended: "until further notice". */
    untilFurtherNotice: z.literal(true).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.from === undefined && p.to === undefined && p.duration === undefined && p.untilFurtherNotice === undefined)
      ctx.addIssue({ code: 'custom', path: [], message: 'a period needs from, to, duration or untilFurtherNotice' });
    if (p.to !== undefined && p.untilFurtherNotice !== undefined)
      ctx.addIssue({ code: 'custom', path: ['untilFurtherNotice'], message: 'a period with an end (to) is not until further notice' });
    if (p.from !== undefined && p.to !== undefined && certainlyAfter(p.from, p.to))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type Period = z.infer<typeof periodSchema>;

/** An instant, or the interval within which something happened. */
export const whenSchema = z.union([instantSchema, periodSchema]);
export type When = z.infer<typeof whenSchema>;

export function isInstant(w: When): w is z.infer<typeof instantSchema> {
  return 'date' in w;
}

// ---------------------------------------------------------------- arithmetic

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Widest offsets in use (UTC-12 .. UTC+14): an instant without zone or offset could be anywhere in between. */
const WEST = -12 * HOUR;
const EAST = 14 * HOUR;

function parseOffset(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * HOUR + Number(offset.slice(4, 6)) * MINUTE);
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / HOUR);
  const m = Math.round((abs % HOUR) / MINUTE);
  return `${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** One formatter per zone: creating an Intl.DateTimeFormat costs far more than using one. Bounded. */
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetFormatter(zone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    if (offsetFormatters.size >= 1000) offsetFormatters.clear();
    offsetFormatters.set(zone, f);
  }
  return f;
}

/** The UTC offset (ms) of an IANA zone at a UTC instant. */
export function offsetOfZone(zone: string, utcMs: number): number {
  const name = offsetFormatter(zone)
    .formatToParts(new Date(utcMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  // "GMT" for UTC itself, otherwise "GMT+06:00".
  return !name || name === 'GMT' ? 0 : parseOffset(name.slice(3));
}

/** A local wall-clock time in a zone to UTC (the usual two-step guess handles DST gaps and overlaps). */
function localToUtc(localMsValue: number, zone: string): number {
  const first = localMsValue - offsetOfZone(zone, localMsValue);
  return localMsValue - offsetOfZone(zone, first);
}

/** Wall-clock time as if it were UTC, in ms. */
function localMs(date: string, time = '00:00'): number {
  return Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
}

function isoWeekStart(date: string): number {
  const year = Number(date.slice(0, 4));
  const week = Number(date.slice(6));
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return mondayOfWeek1 + (week - 1) * 7 * DAY;
}

/** The local wall-clock span [start, end) an instant covers, in as-if-UTC ms. */
function localSpan(i: Instant): [number, number] {
  if (i.time !== undefined) {
    const start = localMs(i.date, i.time);
    const step = i.time.length === 5 ? MINUTE : i.time.length === 8 ? 1000 : 1;
    return [start, start + step];
  }
  if (i.partOfDay !== undefined) {
    const day = localMs(i.date);
    const [from, to] = PART_OF_DAY_HOURS[i.partOfDay];
    return [day + from * HOUR, day + to * HOUR];
  }
  if (i.date.includes('W')) {
    const start = isoWeekStart(i.date);
    return [start, start + 7 * DAY];
  }
  if (i.date.length === 4) {
    const y = Number(i.date);
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  }
  if (i.date.length === 7) {
    const y = Number(i.date.slice(0, 4));
    const m = Number(i.date.slice(5, 7));
    return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)];
  }
  const day = localMs(i.date);
  return [day, day + DAY];
}

/**
 * The earliest and latest UTC ms an instant can mean, given its precision:
 * a day in Asia/Almaty is 24 hours from local midnight; a day without a zone
 * could be anywhere on Earth, so it is widened by the world's offsets.
 * `latest` is exclusive.
 */
export function instantBounds(i: Instant): { earliest: number; latest: number } {
  const [start, end] = localSpan(i);
  if (i.offset !== undefined) {
    const off = parseOffset(i.offset);
    return { earliest: start - off, latest: end - off };
  }
  if (i.zone !== undefined && isTimeZone(i.zone)) return { earliest: localToUtc(start, i.zone), latest: localToUtc(end, i.zone) };
  return { earliest: start - EAST, latest: end - WEST };
}

/**
 * Whether `a` is certainly later than `b` (starts at or after b ends). Two
 * instants in the same frame (the same zone, the same offset, or neither)
 * compare by their local wall-clock spans, so "7 January" is after "5 January"
 * even when no zone says where; otherwise by their UTC bounds.
 */
export function certainlyAfter(a: Instant, b: Instant): boolean {
  if (!isWellFormedInstant(a) || !isWellFormedInstant(b)) return false;
  if (a.zone === b.zone && a.offset === b.offset) return localSpan(a)[0] >= localSpan(b)[1];
  return instantBounds(a).earliest >= instantBounds(b).latest;
}

/** Whether a When certainly starts after an instant ends (a period by its start). */
export function whenCertainlyAfter(w: When, b: Instant): boolean {
  if (w === null || typeof w !== 'object') return false;
  if (isInstant(w)) return certainlyAfter(w, b);
  return w.from !== undefined && certainlyAfter(w.from, b);
}

/** Bounds of a When: an instant's own, or a period's from..to (open ends are unbounded). */
export function whenBounds(w: When): { earliest: number; latest: number } {
  if (isInstant(w)) return instantBounds(w);
  return {
    earliest: w.from ? instantBounds(w.from).earliest : -Infinity,
    latest: w.to ? instantBounds(w.to).latest : Infinity,
  };
}

/** A sort key for ordering instants: their earliest possible UTC ms. */
export function instantSortKey(i: Instant): number {
  return instantBounds(i).earliest;
}

/**
 * A v1-style ISO date-time (always with seconds and an offset) as an instant.
 * v1 forced seconds onto every time, so ":00" seconds carry no information and
 * are dropped (minute precision); other seconds and fractions are kept.
 */
export function instantFromIso(iso: string): Instant {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}(?:\.\d+)?))?(Z|[+-]\d{2}:\d{2})$/i.exec(iso);
  if (!m) throw new Error(`not an ISO 8601 date-time with an offset: ${iso}`);
  const [, date, hm, sec, offset] = m as unknown as [string, string, string, string | undefined, string];
  const seconds = sec === undefined || /^00(?:\.0+)?$/.test(sec) ? '' : `:${sec.slice(0, 6)}`;
  return { date, time: `${hm}${seconds}`, offset: offset.toUpperCase() };
}

/** "2022-01-08", "2022-01-07 night (Asia/Almaty)", "2022-01-07 11:00 +06:00". */
export function formatInstant(i: Instant): string {
  const when = [i.date, i.partOfDay, i.time].filter(Boolean).join(' ');
  const where = i.zone ?? i.offset;
  return where ? `${when} (${where})` : when;
}
