/**
 * CloudEvents 1.0 Kafka binding for v2, beside v1's (../kafka-binding.ts):
 * the same binary content mode (update JSON as the value, `ce_` headers, the
 * story as the key), and the schema version said twice on the wire:
 *
 *   ce_type        org.newswire.<kind>.v2           (v1: org.newswire.<kind>.v1)
 *   ce_dataschema  https://newswire.dev/schema/v2/update.schema.json   (v1 sent none)
 *   value          { "schema": 2, ... }             (v1: "schema": 1)
 *
 * `fromKafkaMessage` reads either version and returns v2 (v1 upcast), so a
 * reader switches to this module and reads a topic holding both. Headers,
 * when given, must agree with the value and its version: a v1 body under a
 * v2 type means a broken producer and is refused like any invalid field.
 */
import { cloudEventType as v1CloudEventType } from '../kinds.ts';
import { DEFAULT_CE_SOURCE, MAX_UPDATE_BYTES, type ToKafkaOptions, type UpdateMessage } from '../kafka-binding.ts';
import { decodeUtf8 } from '../primitives.ts';
import { topicForKind, type Kind } from './kinds/index.ts';
import { parseAnyUpdate, type AnyParseResult } from './upcast.ts';
import { cloudEventType, SCHEMA_VERSION, type Update } from './update.ts';
import type { FieldError } from './parse.ts';

export { DEFAULT_CE_SOURCE, MAX_UPDATE_BYTES } from '../kafka-binding.ts';
export type { ToKafkaOptions, UpdateMessage } from '../kafka-binding.ts';

/** The CloudEvents `dataschema` of each version: the JSON Schema document an update validates against. */
export const DATASCHEMA = {
  1: 'https://newswire.dev/schema/v1/update.schema.json',
  2: 'https://newswire.dev/schema/v2/update.schema.json',
} as const;

/** The CloudEvents attribute headers of a v2 update (binary mode). */
export function cloudEventHeaders(id: string, kind: Kind, source: string = DEFAULT_CE_SOURCE): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: id,
    ce_type: cloudEventType(kind),
    ce_source: source,
    ce_dataschema: DATASCHEMA[SCHEMA_VERSION],
    'content-type': 'application/json',
  };
}

export function toKafkaMessage(update: Update, opts: ToKafkaOptions = {}): UpdateMessage {
  return { key: update.story, value: JSON.stringify(update), headers: cloudEventHeaders(update.id, update.kind, opts.source) };
}

/** The topic and message a v2 update is published as (the same topics as v1). */
export function toKafkaRecord(update: Update, opts: ToKafkaOptions = {}): { topic: string; message: UpdateMessage } {
  return { topic: topicForKind(update.kind, opts.topicPrefix), message: toKafkaMessage(update, opts) };
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function headerText(v: HeaderValue): string | undefined {
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/** The schema version headers claim, if they claim one. */
export function versionFromHeaders(headers: Record<string, HeaderValue>): 1 | 2 | undefined {
  const schema = headerText(headers.ce_dataschema);
  if (schema === DATASCHEMA[2]) return 2;
  if (schema === DATASCHEMA[1]) return 1;
  const type = headerText(headers.ce_type);
  if (type?.endsWith('.v2')) return 2;
  if (type?.endsWith('.v1')) return 1;
  return undefined;
}

/**
 * A Kafka value (and, optionally, its headers) as a validated v2 update,
 * whichever version was written; `from` says which.
 */
export function fromKafkaMessage(value: Buffer | string | null | undefined, headers?: Record<string, HeaderValue>): AnyParseResult {
  if (value === null || value === undefined) return fail('(root)', 'message has no value');
  const size = typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  if (size > MAX_UPDATE_BYTES) return fail('(root)', `message is ${size} bytes, more than ${MAX_UPDATE_BYTES}`);
  let textValue: string;
  try {
    textValue = typeof value === 'string' ? value : decodeUtf8(value);
  } catch (err) {
    return fail('(root)', `not valid UTF-8: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(textValue);
  } catch (err) {
    return fail('(root)', `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseAnyUpdate(json);
  if (!parsed.ok || !headers) return parsed;
  const { update, from } = parsed;
  const errors: FieldError[] = [];
  const expect = (header: string, want: string) => {
    const got = headerText(headers[header]);
    if (got !== undefined && got !== want) errors.push({ path: `headers.${header}`, message: `is "${got}" but the update says "${want}"` });
  };
  expect('ce_id', update.id);
  // A v1 body keeps its v1 kind name, which v2 kept for every v1 kind.
  expect('ce_type', from === 1 ? v1CloudEventType(update.kind as Parameters<typeof v1CloudEventType>[0]) : cloudEventType(update.kind));
  expect('ce_dataschema', DATASCHEMA[from]);
  expect('ce_subject', update.story);
  const spec = headerText(headers.ce_specversion);
  if (spec !== undefined && spec !== '1.0') errors.push({ path: 'headers.ce_specversion', message: `must be 1.0, got "${spec}"` });
  return errors.length ? { ok: false, errors } : parsed;
}

function fail(path: string, message: string): AnyParseResult {
  return { ok: false, errors: [{ path, message }] };
}
