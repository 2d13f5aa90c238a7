/**
 * diplomacy — PLOVER: CONSULT (calls, visits, meetings), AGREE / SUPPORT,
 * ACCUSE / DEMAND (statements and calls), SANCTION, AID, and mediation.
 * ACLED leaves most of these out; a news wire cannot: crisis coverage always
 * carries the world's reaction.
 *
 * Statements are structured by stance and what they call for, and point at
 * the facts they are about (`regarding`), so no fact hides in a quote.
 */
import { z } from 'zod';
import { idSchema, list, text } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';
import { durationSchema, instantSchema } from '../time.ts';

const format = z.enum(['video', 'in-person', 'phone']);

/** "Putin had a long phone call with Tokayev, according to the Kremlin." */
export const phoneCallSchema = z.strictObject({
  action: z.literal('phone-call'),
  participants: actorListSchema(20).min(2, { error: 'needs at least 2 entries' }),
  /** As the source puts it, when it gives no length. */
  duration: z.enum(['brief', 'long']).optional(),
  length: durationSchema.optional(),
});

/** "Putin supports Tokayev's proposal of a CSTO video summit in the coming days." */
export const summitProposedSchema = z.strictObject({
  action: z.literal('summit-proposed'),
  proposedBy: actorSchema,
  supportedBy: actorListSchema(20).optional(),
  organisation: actorSchema.optional(),
  /** Who would attend, as the source puts it ("heads of state and government"). */
  attendees: text(200).optional(),
  format: z.enum(['video', 'in-person']),
  /** "in the coming days" is { unit: 'days' }. */
  expectedWithin: durationSchema.optional(),
  date: instantSchema.optional(),
  /** No date has been set. */
  unscheduled: z.literal(true).optional(),
});

export const meetingSchema = z.strictObject({
  action: z.literal('meeting'),
  participants: actorListSchema(50).min(2, { error: 'needs at least 2 entries' }),
  format,
});

export const STANCES = ['condemns', 'concern', 'calls-for', 'supports', 'welcomes', 'rejects', 'denies', 'warns', 'accuses'] as const;
export const CALLS = [
  'restraint',
  'dialogue',
  'end-to-violence',
  'ceasefire',
  'release-of-detainees',
  'investigation',
  'respect-for-rights',
  'restore-internet',
  'humanitarian-access',
  'new-elections',
  'peaceful-transfer-of-power',
  'return-to-constitutional-order',
  'withdrawal-of-troops',
] as const;

export const statementSchema = z.strictObject({
  action: z.literal('statement'),
  by: actorListSchema(20),
  stances: list(z.enum(STANCES), 9, 1),
  calls: list(z.enum(CALLS), 13, 1).optional(),
  /** Who the statement is addressed to or about. */
  concerning: actorListSchema(10).optional(),
  /** The updates reporting the facts the statement is about. */
  regarding: list(idSchema, 10, 1).optional(),
  quote: text(300).optional(),
});

export const SANCTION_TYPES = ['asset-freeze', 'travel-ban', 'arms-embargo', 'trade', 'financial', 'suspension-of-aid', 'suspension-of-membership'] as const;
export const sanctionsSchema = z.strictObject({
  action: z.literal('sanctions'),
  status: z.enum(['threatened', 'imposed', 'extended', 'eased', 'lifted']),
  by: actorListSchema(20),
  against: actorListSchema(20),
  types: list(z.enum(SANCTION_TYPES), 7, 1).optional(),
});

export const mediationSchema = z.strictObject({
  action: z.literal('mediation'),
  status: z.enum(['offered', 'accepted', 'rejected', 'under-way', 'agreement-reached', 'failed']),
  mediators: actorListSchema(10),
  parties: actorListSchema(10).optional(),
});

export const ENVOY_ACTIONS = [
  'ambassador-recalled',
  'ambassador-expelled',
  'diplomats-expelled',
  'embassy-closed',
  'embassy-evacuated',
  'relations-severed',
  'relations-restored',
] as const;
export const envoysSchema = z.strictObject({
  action: z.literal('envoys'),
  measure: z.enum(ENVOY_ACTIONS),
  by: actorSchema,
  concerning: actorSchema,
});

export const evacuationOfNationalsSchema = z.strictObject({
  action: z.literal('evacuation-of-nationals'),
  status: z.enum(['planned', 'under-way', 'completed']),
  by: actorSchema,
  count: quantitySchema.optional(),
});

export const AID_TYPES = ['humanitarian', 'financial', 'medical', 'food', 'shelter', 'rescue-teams', 'military'] as const;
export const aidSchema = z.strictObject({
  action: z.literal('aid'),
  status: z.enum(['requested', 'pledged', 'delivered', 'blocked']),
  by: actorListSchema(20).optional(),
  to: actorSchema.optional(),
  types: list(z.enum(AID_TYPES), 7, 1).optional(),
  /** Money pledged or delivered, in an ISO 4217 currency. */
  amount: z.strictObject({ quantity: quantitySchema, currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code, e.g. USD' }) }).optional(),
});

const voteCount = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(1000, { error: 'must be at most 1000' });
export const resolutionSchema = z.strictObject({
  action: z.literal('resolution'),
  status: z.enum(['proposed', 'adopted', 'rejected', 'vetoed']),
  body: actorSchema,
  vetoedBy: actorListSchema(5).optional(),
  votes: z.strictObject({ for: voteCount, against: voteCount, abstained: voteCount.optional() }).optional(),
  calls: list(z.enum(CALLS), 13, 1).optional(),
});

export const travelAdvisorySchema = z.strictObject({
  action: z.literal('travel-advisory'),
  by: actorSchema,
  advice: z.enum(['exercise-caution', 'avoid-non-essential-travel', 'avoid-all-travel', 'leave-now']),
});

export const DIPLOMACY_ACTIONS = [
  'phone-call',
  'summit-proposed',
  'meeting',
  'statement',
  'sanctions',
  'mediation',
  'envoys',
  'evacuation-of-nationals',
  'aid',
  'resolution',
  'travel-advisory',
] as const;

export const diplomacyPayloadSchema = z.discriminatedUnion('action', [
  phoneCallSchema,
  summitProposedSchema,
  meetingSchema,
  statementSchema,
  sanctionsSchema,
  mediationSchema,
  envoysSchema,
  evacuationOfNationalsSchema,
  aidSchema,
  resolutionSchema,
  travelAdvisorySchema,
]);
export type DiplomacyPayload = z.infer<typeof diplomacyPayloadSchema>;
