/**
 * What the replay form asks for, read from its inputs: a day (and time) in
 * story time, which is the place's local time, or a publication (Kafka) time
 * in the browser's zone. A form that says too little is refused with the
 * words to announce and the input to focus: nothing is guessed.
 */
import { instantBounds } from '@newswire/schema/v2';

/** What the form reads of an input: its value, and focus for the one to fix. */
export interface FormField {
  readonly value: string;
  focus(): void;
}

export interface ReplayInputs {
  /** 'story' (story time) or 'kafka' (publication time). */
  mode: FormField;
  /** YYYY-MM-DD and optional HH:MM, in the place's local time. */
  date: FormField;
  time: FormField;
  /** A datetime-local value, in the browser's zone. */
  published: FormField;
}

export type ReplayRequest =
  /** Story time: read the story from earliest, show what happened from `fromEvent` (ms) on. */
  | { ok: true; label: string; from: 'earliest'; fromEvent: number }
  /** Publication time: read what Kafka holds since `from.time`. */
  | { ok: true; label: string; from: { time: string } }
  | { ok: false; message: string; focus: FormField };

/** The request in the form, for a story whose times are in `zone` (UTC when it gave none). */
export function readReplayForm(form: ReplayInputs, zone: string): ReplayRequest {
  if (form.mode.value === 'story') {
    const date = form.date.value;
    const time = form.time.value;
    if (!date) return { ok: false, message: 'Choose a date to replay from.', focus: form.date };
    const fromEvent = instantBounds({ date, ...(time ? { time } : {}), zone }).earliest;
    return { ok: true, label: `story time ${date}${time ? ` ${time}` : ''} (${zone})`, from: 'earliest', fromEvent };
  }
  const t = Date.parse(form.published.value);
  if (Number.isNaN(t)) return { ok: false, message: 'Choose a date and time to replay from.', focus: form.published };
  return { ok: true, label: `publication time since ${new Date(t).toLocaleString()}`, from: { time: new Date(t).toISOString() } };
}
