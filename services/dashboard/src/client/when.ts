/**
 * Times as the source gave them, in words: the event time and the report
 * time of an update, each in the place's local time (the IANA zone the
 * update carries, or the UTC offset a v1 update carried) and, where a time of
 * day was given, in UTC too. A date-only time shows a date and nothing else:
 * no time of day is ever made up. Pure functions, no DOM.
 */
import { instantBounds, type Duration, type Instant, type Period, type When } from '@newswire/schema/v2';
import { formatQuantity } from '@newswire/schema/v2';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const PART_OF_DAY_WORDS: Record<string, string> = {
  'early-morning': 'early morning',
  morning: 'morning',
  midday: 'midday',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
  overnight: 'overnight',
};

/** "Sat 8 Jan 2022", "Jan 2022", "week 1 of 2022", "2019": the calendar part, as precise as given. */
export function formatDate(date: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(date);
  if (week) return `week ${Number(week[2])} of ${week[1]}`;
  const parts = date.split('-').map(Number);
  const [y, m, d] = parts;
  if (parts.length === 1) return String(y);
  if (parts.length === 2) return `${MONTHS[m! - 1]} ${y}`;
  // The weekday of a calendar date does not depend on any zone.
  const wd = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return `${WEEKDAYS[wd]} ${d} ${MONTHS[m! - 1]} ${y}`;
}

/** "Almaty" for Asia/Almaty, "New York" for America/New_York; "UTC" stays. */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** Where the local time is: "Almaty time", "UTC+06:00", or nothing when neither was given. */
export function frameLabel(i: Instant): string {
  if (i.zone) return i.zone === 'UTC' ? 'UTC' : `${zoneCity(i.zone)} time`;
  if (i.offset) return i.offset === 'Z' ? 'UTC' : `UTC${i.offset}`;
  return '';
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The same instant in UTC, when it has a time of day ("05:00 UTC", "23:00 UTC on 7 Jan"). */
export function utcEquivalent(i: Instant): string | undefined {
  if (i.time === undefined || (i.zone === undefined && i.offset === undefined)) return undefined;
  if (i.zone === 'UTC' || i.offset === 'Z') return undefined;
  const utc = instantBounds(i).earliest;
  const d = new Date(utc);
  const utcDate = d.toISOString().slice(0, 10);
  return utcDate === i.date ? `${hhmm(utc)} UTC` : `${hhmm(utc)} UTC on ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/**
 * An instant in the place's local time, as precise as the source:
 * "Sat 8 Jan 2022" (a date), "Fri 7 Jan 2022, night" (a part of the day),
 * "Fri 7 Jan 2022, 11:00 Almaty time" (a time, with where it is local).
 */
export function formatLocal(i: Instant): string {
  const date = formatDate(i.date);
  if (i.partOfDay) return `${date}, ${PART_OF_DAY_WORDS[i.partOfDay] ?? i.partOfDay}`;
  if (i.time) {
    const frame = frameLabel(i);
    return `${date}, ${i.time}${frame ? ` ${frame}` : ''}`;
  }
  return date;
}

/** An instant with its UTC equivalent when it has a time of day: "Fri 7 Jan 2022, 11:00 Almaty time (05:00 UTC)". */
export function formatInstantWords(i: Instant): string {
  const utc = utcEquivalent(i);
  return utc ? `${formatLocal(i)} (${utc})` : formatLocal(i);
}

function isInstant(w: When): w is Instant {
  return typeof (w as Instant).date === 'string';
}

/** "36 hours", "about 15 hours", "days" (an amount that was not given stays unsaid). */
export function formatDuration(d: Duration): string {
  if (!d.amount) return d.unit;
  const n = formatQuantity(d.amount);
  const one = 'value' in d.amount && d.amount.value === 1 && d.amount.qualifier === 'exact';
  return `${n} ${one ? d.unit.replace(/s$/, '') : d.unit}`;
}

/**
 * A period in words: "36 hours from Sat 2 Apr 2022, 18:00 Colombo time",
 * "until further notice", "from Mon 3 Jan 2022 to Wed 5 Jan 2022", "for days".
 */
export function formatPeriod(p: Period): string {
  const parts: string[] = [];
  if (p.duration && p.from) parts.push(`${formatDuration(p.duration)} from ${formatLocal(p.from)}`);
  else if (p.from) parts.push(`from ${formatLocal(p.from)}`);
  else if (p.duration) parts.push(`for ${formatDuration(p.duration)}`);
  if (p.to) parts.push(`${p.from || p.duration ? 'to' : 'until'} ${formatLocal(p.to)}`);
  if (p.untilFurtherNotice) parts.push('until further notice');
  return parts.join(' ');
}

/** An instant or the interval something happened in: "between Mon 3 Jan 2022 and Wed 5 Jan 2022", "by Sat 8 Jan 2022". */
export function formatWhen(w: When): string {
  if (isInstant(w)) return formatInstantWords(w);
  if (w.from && w.to) return `between ${formatLocal(w.from)} and ${formatLocal(w.to)}`;
  if (w.to && !w.from && !w.duration) return `by ${formatLocal(w.to)}`;
  return formatPeriod(w);
}

/**
 * A sort key in UTC ms for event time: the earliest moment a time can mean
 * (a date sorts at its local midnight, before timed events that day); an
 * interval sorts by its start, or by its end when only the end is known.
 */
export function whenSortKey(w: When): number {
  if (isInstant(w)) return instantBounds(w).earliest;
  if (w.from) return instantBounds(w.from).earliest;
  if (w.to) return instantBounds(w.to).earliest;
  return Number.NaN;
}

/** What a row shows about time: when it happened (if said) and when it was reported. */
export interface RowTimes {
  /** "Fri 7 Jan 2022", or "Time of the event not given". */
  event: string;
  /** True when the update says when it happened. */
  eventGiven: boolean;
  /** "Sat 8 Jan 2022". */
  reported: string;
  /** The event time's frame ("Almaty time"), or the report's when no event time was given. */
  frame: string;
  /** Event-time sort key, falling back to the report time. */
  sortKey: number;
}

export function rowTimes(u: { occurred?: When | undefined; reported: Instant }): RowTimes {
  const reportKey = instantBounds(u.reported).earliest;
  const eventKey = u.occurred ? whenSortKey(u.occurred) : Number.NaN;
  return {
    event: u.occurred ? formatWhen(u.occurred) : 'Time of the event not given',
    eventGiven: u.occurred !== undefined,
    reported: formatInstantWords(u.reported),
    frame: frameLabel(u.occurred && isInstant(u.occurred) ? u.occurred : u.reported),
    sortKey: Number.isFinite(eventKey) ? eventKey : reportKey,
  };
}

/** A short date for "as of" labels: "8 Jan 2022" (no weekday), or the instant's own precision. */
export function formatShort(i: Instant): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(i.date);
  const date = m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : formatDate(i.date);
  if (i.time) return `${date}, ${i.time}${frameLabel(i) ? ` ${frameLabel(i)}` : ''}`;
  if (i.partOfDay) return `${date}, ${PART_OF_DAY_WORDS[i.partOfDay] ?? i.partOfDay}`;
  return date;
}

/** `d` as an <input type="datetime-local"> value, in the browser's own zone (YYYY-MM-DDTHH:MM:SS). */
export function datetimeLocalValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
