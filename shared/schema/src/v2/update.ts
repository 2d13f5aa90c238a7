/**
 * The v2 update: an envelope (IPTC ninjs news metadata, CloudEvents
 * identity) around one payload per kind. As in v1 the zod schema is a
 * discriminated union on `kind`, each option being envelope + that kind's
 * payload, so errors are reported at their own path.
 *
 * What changed from v1 (see upcast.ts for how v1 updates read as v2):
 *  - `reported` and `occurred` are instants or periods with their precision
 *    (v1's `reportedAt`/`occurredAt` forced hours, minutes and seconds);
 *  - places name admin areas, districts, sites and their extent;
 *  - actors are typed; sources have a role on every link;
 *  - figures say incident or toll, and may be ranges or vague words;
 *  - `relations` (lifts, extends, ...) sit beside the corrections
 *    (`revises`, `retracts`);
 *  - ninjs fields: `body` (prose), `language`, `by`, `located`, `embargoed`;
 *  - evidence ("photos show...") belongs to the envelope, for any kind.
 * The headline and body are prose for people; no structured fact needs them.
 */
import { z } from 'zod';
import { dateTimeSchema, idSchema, list, safeText, text } from '../primitives.ts';
import { URGENCIES, VERIFICATIONS } from '../update.ts';
import { KINDS, PAYLOAD_SCHEMAS, type Kind } from './kinds/index.ts';
import { placeSchema } from './place.ts';
import type { Actor } from './actor.ts';
import type { Figure } from './figure.ts';
import { checkLinks, relationsSchema, type Relation } from './relation.ts';
import { evidenceSchema, sourceSchema } from './source.ts';
import { instantSchema, whenCertainlyAfter, whenSchema, type Instant, type When } from './time.ts';

export const SCHEMA_VERSION = 2 as const;
export { URGENCIES, VERIFICATIONS } from '../update.ts';
export type { Urgency, Verification } from '../update.ts';

/** ninjs urgency (1 most urgent .. 9) for each of the wire's three levels. */
export const NINJS_URGENCY = { flash: 1, urgent: 3, routine: 5 } as const;

const LANGUAGE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export const envelopeShape = {
  schema: z.literal(SCHEMA_VERSION, { error: `must be ${SCHEMA_VERSION} (the schema version)` }),
  /** Stable idempotency key (ninjs uri, CloudEvents id). */
  id: idSchema,
  /** Story id: the Kafka key, so one story stays in order. */
  story: idSchema,
  headline: text(300),
  /** Prose for people, paragraphs separated by blank lines; never the only home of a fact. */
  body: safeText(20_000, { multiline: true }).optional(),
  /** BCP 47 language of headline and body; English when absent. */
  language: z.string().regex(LANGUAGE_PATTERN, { error: 'must be a BCP 47 language tag, e.g. en or pt-BR' }).optional(),
  /** Byline (ninjs by). */
  by: text(200).optional(),
  /** Dateline: where the report was filed from (ninjs located). */
  located: text(200).optional(),
  /** When it happened: an instant, or the interval within which it happened. Absent when unknown. */
  occurred: whenSchema.optional(),
  /** When the desk reported it (ninjs versioncreated), only as precise as known. */
  reported: instantSchema,
  /** Not to be published before this exact time (ninjs embargoed). */
  embargoed: dateTimeSchema.optional(),
  place: placeSchema,
  sources: list(sourceSchema, 10, 1),
  /** How it is seen: photos, videos and how far their origin is established. */
  evidence: list(evidenceSchema, 10, 1).optional(),
  verification: z.enum(VERIFICATIONS),
  urgency: z.enum(URGENCIES),
  /** Correction: this update replaces the earlier one's facts. */
  revises: idSchema.optional(),
  /** Correction: this update withdraws the earlier one (the payload repeats what is withdrawn). */
  retracts: idSchema.optional(),
  /** Typed links to other facts: lifts, extends, amends, follows-up, part-of-incident. */
  relations: relationsSchema.optional(),
};

interface EnvelopeChecked {
  id: string;
  occurred?: When | undefined;
  reported: Instant;
  revises?: string | undefined;
  retracts?: string | undefined;
  relations?: Relation[] | undefined;
  payload?: unknown;
}

/** Rules across envelope fields, and the times inside the payload that must not postdate the report. */
function checkEnvelope(u: EnvelopeChecked, ctx: z.RefinementCtx): void {
  checkLinks(u, ctx);
  if (u.occurred !== undefined && whenCertainlyAfter(u.occurred, u.reported))
    ctx.addIssue({ code: 'custom', path: ['occurred'], message: 'must not be later than reported' });
  for (const { path, figure } of figuresOf(u as unknown as KindAndPayload))
    if (figure !== null && typeof figure === 'object' && figure.asOf !== undefined && whenCertainlyAfter(figure.asOf, u.reported))
      ctx.addIssue({ code: 'custom', path: [...path, 'asOf'], message: 'a toll cannot stand as of a time after it was reported' });
}

function updateOf<K extends Kind>(kind: K) {
  return z.strictObject({ ...envelopeShape, kind: z.literal(kind), payload: PAYLOAD_SCHEMAS[kind] }).superRefine(checkEnvelope);
}

export const UPDATE_SCHEMAS = {
  arrests: updateOf('arrests'),
  casualties: updateOf('casualties'),
  displacement: updateOf('displacement'),
  'government-change': updateOf('government-change'),
  coup: updateOf('coup'),
  election: updateOf('election'),
  'leader-movement': updateOf('leader-movement'),
  'security-measure': updateOf('security-measure'),
  'security-operation': updateOf('security-operation'),
  connectivity: updateOf('connectivity'),
  'armed-conflict': updateOf('armed-conflict'),
  attack: updateOf('attack'),
  'foreign-military': updateOf('foreign-military'),
  diplomacy: updateOf('diplomacy'),
  unrest: updateOf('unrest'),
  'property-attack': updateOf('property-attack'),
  disaster: updateOf('disaster'),
  commemoration: updateOf('commemoration'),
} as const satisfies { [K in Kind]: z.ZodType };

export const updateSchema = z.discriminatedUnion(
  'kind',
  [
    UPDATE_SCHEMAS.arrests,
    UPDATE_SCHEMAS.casualties,
    UPDATE_SCHEMAS.displacement,
    UPDATE_SCHEMAS['government-change'],
    UPDATE_SCHEMAS.coup,
    UPDATE_SCHEMAS.election,
    UPDATE_SCHEMAS['leader-movement'],
    UPDATE_SCHEMAS['security-measure'],
    UPDATE_SCHEMAS['security-operation'],
    UPDATE_SCHEMAS.connectivity,
    UPDATE_SCHEMAS['armed-conflict'],
    UPDATE_SCHEMAS.attack,
    UPDATE_SCHEMAS['foreign-military'],
    UPDATE_SCHEMAS.diplomacy,
    UPDATE_SCHEMAS.unrest,
    UPDATE_SCHEMAS['property-attack'],
    UPDATE_SCHEMAS.disaster,
    UPDATE_SCHEMAS.commemoration,
  ],
  { error: () => `must be one of ${KINDS.join(', ')}` },
);

export type Update = z.infer<typeof updateSchema>;
/** The v2 update, named for code that reads both versions. */
export type UpdateV2 = Update;
export type UpdateOf<K extends Kind> = Extract<Update, { kind: K }>;
export type PayloadOf<K extends Kind> = UpdateOf<K>['payload'];

/** CloudEvents `type` of a v2 kind: org.newswire.<kind>.v2. */
export function cloudEventType(kind: Kind): string {
  return `org.newswire.${kind}.v2`;
}

/** Any update, or just its kind and payload. */
export type KindAndPayload = { [K in Kind]: { kind: K; payload: PayloadOf<K> } }[Kind];

/** A figure inside an update: what it counts, of whom, and where it sits. */
export interface FigureAt {
  /** Path from the update root, e.g. ['payload', 'killed', 'breakdown', 0, 'figure']. */
  path: (string | number)[];
  /** What is counted: arrested, released, charged, sentenced, killed, injured, missing, a displacement movement, affected. */
  metric: string;
  /** For a breakdown entry: the group counted. */
  who?: Actor;
  figure: Figure;
}

/**
 * Every figure (count with scope) an update states, in payload order: the
 * one place that knows where figures live, for tallies and for the rule that
 * a toll cannot stand as of a time after its report.
 */
export function figuresOf(u: KindAndPayload): FigureAt[] {
  const out: FigureAt[] = [];
  // Also called by the envelope rule on input that failed elsewhere: shapes are checked as it goes.
  if (u.payload === null || typeof u.payload !== 'object') return out;
  switch (u.kind) {
    case 'arrests':
      if (u.payload.count) out.push({ path: ['payload', 'count'], metric: u.payload.action ?? 'arrested', figure: u.payload.count });
      break;
    case 'casualties':
      if (u.payload.status !== 'figures') break;
      for (const metric of ['killed', 'injured', 'missing'] as const) {
        const toll = u.payload[metric];
        if (toll === null || typeof toll !== 'object') continue;
        if (toll.total) out.push({ path: ['payload', metric, 'total'], metric, figure: toll.total });
        if (!Array.isArray(toll.breakdown)) continue;
        toll.breakdown.forEach((b, i) => {
          if (b !== null && typeof b === 'object' && b.figure) out.push({ path: ['payload', metric, 'breakdown', i, 'figure'], metric, who: b.who, figure: b.figure });
        });
      }
      break;
    case 'displacement':
      if (u.payload.count) out.push({ path: ['payload', 'count'], metric: u.payload.movement, figure: u.payload.count });
      break;
    case 'disaster':
      if (u.payload.affected) out.push({ path: ['payload', 'affected'], metric: 'affected', figure: u.payload.affected });
      break;
    default:
      break;
  }
  return out;
}
