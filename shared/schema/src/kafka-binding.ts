/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the Kafka value
 * is our update JSON (the event data), the CloudEvents attributes travel as
 * `ce_`-prefixed headers, and the Kafka key is the story id (so one story stays
 * in order on one partition).
 *
 *   ce_specversion  1.0
 *   ce_id           update.id          (idempotency key)
 *   ce_type         org.newswire.<kind>.v1
 *   ce_source       producer URI-reference, default "/newswire"
 *   content-type    application/json   (the binding's datacontenttype)
 *
 * The optional attributes `subject` (the story) and `time` (reportedAt) are
 * not sent as headers: both are in the value already (the story is also the
 * key), and every header costs the producer an allocation per message in
 * kafkajs (about a fifth of its per-record encoding time for these two).
 * Messages from older producers that carry `ce_subject` are still checked.
 *
 * The value alone is a complete update: consumers that ignore headers lose
 * nothing, and headers are checked against it when given.
 */
import { cloudEventType, topicForKind, type Kind } from './kinds.ts';
import { parseUpdate, type FieldError, type ParseResult } from './parse.ts';
import type { Update } from './update.ts';

/** Larger Kafka values are refused before JSON parsing. */
export const MAX_UPDATE_BYTES = 256 * 1024;
export const DEFAULT_CE_SOURCE = '/newswire';

export interface UpdateMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface ToKafkaOptions {
  /** CloudEvents `source` (URI-reference naming the producer), e.g. "/newswire/cli". */
  source?: string;
  /** Topic prefix (NEWSWIRE_TOPIC_PREFIX); default `newswire`. */
  topicPrefix?: string;
}

/** The CloudEvents attribute headers of an update (binary mode). */
export function cloudEventHeaders(id: string, kind: Kind, source: string = DEFAULT_CE_SOURCE): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: id,
    ce_type: cloudEventType(kind),
    ce_source: source,
    'content-type': 'application/json',
  };
}

export function toKafkaMessage(update: Update, opts: ToKafkaOptions = {}): UpdateMessage {
  return {
    key: update.story,
    value: JSON.stringify(update),
    headers: cloudEventHeaders(update.id, update.kind, opts.source),
  };
}

/** The topic and message an update is published as. */
export function toKafkaRecord(update: Update, opts: ToKafkaOptions = {}): { topic: string; message: UpdateMessage } {
  return { topic: topicForKind(update.kind, opts.topicPrefix), message: toKafkaMessage(update, opts) };
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function headerText(v: HeaderValue): string | undefined {
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/**
 * Parses a Kafka value back into a validated update. With headers, the
 * CloudEvents attributes must agree with the update (a mismatch means a broken
 * producer, and is reported like any other invalid field).
 */
export function fromKafkaMessage(
  value: Buffer | string | null | undefined,
  headers?: Record<string, HeaderValue>,
): ParseResult {
  if (value === null || value === undefined) return fail('(root)', 'message has no value');
  const size = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  if (size > MAX_UPDATE_BYTES) return fail('(root)', `message is ${size} bytes, more than ${MAX_UPDATE_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (err) {
    return fail('(root)', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseUpdate(json);
  if (!parsed.ok || !headers) return parsed;
  const errors: FieldError[] = [];
  const expect = (header: string, want: string) => {
    const got = headerText(headers[header]);
    if (got !== undefined && got !== want) errors.push({ path: `headers.${header}`, message: `is "${got}" but the update says "${want}"` });
  };
  expect('ce_id', parsed.update.id);
  expect('ce_type', cloudEventType(parsed.update.kind));
  expect('ce_subject', parsed.update.story);
  const spec = headerText(headers.ce_specversion);
  if (spec !== undefined && spec !== '1.0') errors.push({ path: 'headers.ce_specversion', message: `must be 1.0, got "${spec}"` });
  return errors.length ? { ok: false, errors } : parsed;
}

function fail(path: string, message: string): ParseResult {
  return { ok: false, errors: [{ path, message }] };
}
