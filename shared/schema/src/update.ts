/**
 * The structured update: one envelope (who, where, when, how sure) around one
 * payload per kind. The zod schema is a discriminated union on `kind`, each
 * option being envelope + that kind's payload, so an error in a payload is
 * reported at its own path (payload.count.value), not as "no union matched".
 */
import { z } from 'zod';
import { KINDS, type Kind } from './kinds.ts';
import { dateTimeSchema, idSchema, list, placeSchema, sourceSchema, text } from './primitives.ts';
import { arrestsPayloadSchema, casualtiesPayloadSchema, governmentChangePayloadSchema } from './payloads-people.ts';
import {
  commemorationPayloadSchema,
  connectivityPayloadSchema,
  diplomacyPayloadSchema,
  foreignMilitaryPayloadSchema,
  securityMeasurePayloadSchema,
  unrestPayloadSchema,
} from './payloads-events.ts';

export const SCHEMA_VERSION = 1 as const;

/** confirmed: established by the desk; reported: a named source says so; claimed: a party to events says so; unverified: cannot be checked; disputed: contradicted. */
export const VERIFICATIONS = ['confirmed', 'reported', 'claimed', 'unverified', 'disputed'] as const;
export type Verification = (typeof VERIFICATIONS)[number];
export const URGENCIES = ['flash', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const PAYLOAD_SCHEMAS = {
  arrests: arrestsPayloadSchema,
  casualties: casualtiesPayloadSchema,
  'government-change': governmentChangePayloadSchema,
  'security-measure': securityMeasurePayloadSchema,
  connectivity: connectivityPayloadSchema,
  'foreign-military': foreignMilitaryPayloadSchema,
  diplomacy: diplomacyPayloadSchema,
  unrest: unrestPayloadSchema,
  commemoration: commemorationPayloadSchema,
} as const satisfies Record<Kind, z.ZodType>;

/** The envelope fields every update carries, whatever its kind. */
export const envelopeShape = {
  schema: z.literal(SCHEMA_VERSION, { error: `must be ${SCHEMA_VERSION} (the schema version)` }),
  id: idSchema,
  story: idSchema,
  headline: text(300),
  /** When it happened; absent when unknown. */
  occurredAt: dateTimeSchema.optional(),
  reportedAt: dateTimeSchema,
  place: placeSchema,
  sources: list(sourceSchema, 10, 1),
  verification: z.enum(VERIFICATIONS),
  urgency: z.enum(URGENCIES),
  /** The id of an earlier update this one corrects (its facts replace the earlier ones). */
  revises: idSchema.optional(),
  /** The id of an earlier update this one withdraws (the payload repeats what is withdrawn). */
  retracts: idSchema.optional(),
};

interface EnvelopeChecked {
  id: string;
  occurredAt?: string | undefined;
  reportedAt: string;
  revises?: string | undefined;
  retracts?: string | undefined;
}

/** Rules across envelope fields. */
function checkEnvelope(u: EnvelopeChecked, ctx: z.RefinementCtx): void {
  if (u.revises !== undefined && u.retracts !== undefined)
    ctx.addIssue({ code: 'custom', path: ['retracts'], message: 'an update either revises or retracts, not both' });
  if (u.revises === u.id) ctx.addIssue({ code: 'custom', path: ['revises'], message: 'an update cannot revise itself' });
  if (u.retracts === u.id) ctx.addIssue({ code: 'custom', path: ['retracts'], message: 'an update cannot retract itself' });
  if (u.occurredAt !== undefined && Date.parse(u.occurredAt) > Date.parse(u.reportedAt))
    ctx.addIssue({ code: 'custom', path: ['occurredAt'], message: 'must not be later than reportedAt' });
}

function updateOf<K extends Kind>(kind: K) {
  return z
    .strictObject({ ...envelopeShape, kind: z.literal(kind), payload: PAYLOAD_SCHEMAS[kind] })
    .superRefine(checkEnvelope);
}

export const UPDATE_SCHEMAS = {
  arrests: updateOf('arrests'),
  casualties: updateOf('casualties'),
  'government-change': updateOf('government-change'),
  'security-measure': updateOf('security-measure'),
  connectivity: updateOf('connectivity'),
  'foreign-military': updateOf('foreign-military'),
  diplomacy: updateOf('diplomacy'),
  unrest: updateOf('unrest'),
  commemoration: updateOf('commemoration'),
} as const satisfies { [K in Kind]: z.ZodType };

export const updateSchema = z.discriminatedUnion(
  'kind',
  [
    UPDATE_SCHEMAS.arrests,
    UPDATE_SCHEMAS.casualties,
    UPDATE_SCHEMAS['government-change'],
    UPDATE_SCHEMAS['security-measure'],
    UPDATE_SCHEMAS.connectivity,
    UPDATE_SCHEMAS['foreign-military'],
    UPDATE_SCHEMAS.diplomacy,
    UPDATE_SCHEMAS.unrest,
    UPDATE_SCHEMAS.commemoration,
  ],
  { error: () => `must be one of ${KINDS.join(', ')}` },
);

export type Update = z.infer<typeof updateSchema>;
/** The update of one kind, e.g. UpdateOf<'arrests'>. */
export type UpdateOf<K extends Kind> = Extract<Update, { kind: K }>;
export type PayloadOf<K extends Kind> = UpdateOf<K>['payload'];
