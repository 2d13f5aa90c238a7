/**
 * Which flags `newswire publish <kind>` takes: the hand-written envelope
 * flags, and each kind's payload flags DERIVED from its v2 payload schema
 * (schema-flags.ts), with the util.parseArgs option table of them all.
 */
import type { parseArgs } from 'node:util';
import { KINDS, PAYLOAD_SCHEMAS, type Kind } from '@newswire/schema/v2';
import { flagsOf, type FlagSpec } from '../schema-flags.ts';

/** One flag as util.parseArgs hands it over, in command-line order. */
export type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

const ENVELOPE_STRING = [
  'id', 'story', 'headline', 'body-text', 'language', 'byline', 'located', 'occurred', 'reported', 'zone', 'embargoed',
  'country', 'admin1', 'admin2', 'city', 'extent', 'place', 'source-role', 'source-title', 'source-url', 'via-role', 'via-title',
  'verification', 'urgency', 'revises', 'retracts', 'payload',
] as const;
const ENVELOPE_REPEATABLE = ['district', 'site', 'source', 'via', 'relation', 'evidence'] as const;
export const ENVELOPE_FLAGS: readonly string[] = [...ENVELOPE_STRING, ...ENVELOPE_REPEATABLE];

/**
 * A payload flag whose first key is also an envelope flag is spelt
 * `--payload.<field>`, so the two never clash: unrest's own `extent` (how
 * widespread) is `--payload.extent`, the place's is `--extent`.
 */
function payloadFlags(kind: Kind): FlagSpec[] {
  return flagsOf(PAYLOAD_SCHEMAS[kind]).map((f) => (ENVELOPE_FLAGS.includes(f.name.split('.')[0]!) ? { ...f, name: `payload.${f.name}` } : f));
}

const perKind = new Map<Kind, Map<string, FlagSpec>>();

/** A kind's payload flags by name (derived once per kind). */
export function flagsFor(kind: Kind): Map<string, FlagSpec> {
  let m = perKind.get(kind);
  if (!m) perKind.set(kind, (m = new Map(payloadFlags(kind).map((f) => [f.name, f]))));
  return m;
}

/** A kind's payload flags as `publish <kind>` takes them (a clash with an envelope flag renamed). */
export function payloadFlagSpecs(kind: Kind): FlagSpec[] {
  return [...flagsFor(kind).values()];
}

/** Every payload flag of each kind, derived from its v2 payload schema. */
export const KIND_FLAGS = Object.fromEntries(KINDS.map((k) => [k, [...flagsFor(k).keys()]])) as unknown as Record<Kind, readonly string[]>;

type Option = { type: 'string' | 'boolean'; multiple?: boolean };

/**
 * parseArgs option table for every update flag of every kind. Payload flags
 * may repeat (a repeated field inside a list of objects starts its next
 * element); a repeat that means nothing is refused when the update is built.
 * A name that is a boolean in one kind and takes a value in another (none
 * today) takes a value ("true").
 */
export function updateFlagOptions(): Record<string, Option> {
  const out: Record<string, Option> = {};
  for (const n of ENVELOPE_STRING) out[n] = { type: 'string' };
  for (const n of ENVELOPE_REPEATABLE) out[n] = { type: 'string', multiple: true };
  for (const k of KINDS) {
    for (const f of flagsFor(k).values()) {
      const type = f.type === 'boolean' ? 'boolean' : 'string';
      const prev = out[f.name];
      out[f.name] = { type: prev && prev.type !== type ? 'string' : type, multiple: true };
    }
  }
  return out;
}
