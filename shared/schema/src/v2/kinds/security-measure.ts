/**
 * security-measure — PLOVER: COERCE (curfew, martial law / state of
 * emergency, restrictions) and THREATEN (shoot orders); ACLED codes none of
 * these as events, a wire must.
 *
 * A measure declared by an authority, in force for a period. Each measure
 * lists exactly its own fields (a discriminated union on `measure`); every
 * measure has a status and may have a period:
 *   - "a 36-hour curfew from 5 January": period { from, duration };
 *   - "until further notice": period { untilFurtherNotice: true };
 *   - "from 11 pm to 7 am": dailyHours { from: '23:00', to: '07:00' }.
 * A lift or an extension is a new update with status lifted/extended and a
 * relation (lifts / extends) to the declaration — not a correction of it.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';
import { periodSchema } from '../time.ts';

export const MEASURE_STATUSES = [
  'proposed',
  'announced',
  'ordered',
  'declared',
  'approved',
  'in-force',
  'ongoing',
  'extended',
  'amended',
  'eased',
  'tightened',
  'lifted',
  'ended',
] as const;

const common = {
  status: z.enum(MEASURE_STATUSES),
  issuedBy: actorSchema.optional(),
  /** Who approved it, if someone must (a parliament approving a state of emergency). */
  approvedBy: actorSchema.optional(),
  period: periodSchema.optional(),
};

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM' });

/** Tokayev ordered police and army to shoot "without warning" at demonstrators he called "terrorists". */
export const shootOrderSchema = z.strictObject({
  measure: z.literal('shoot-order'),
  ...common,
  orderedTo: actorListSchema(10),
  targets: actorListSchema(10),
  /** The issuer's words for the targets ("terrorists", "bandits"). */
  targetsDescribedAs: list(text(100), 10, 1).optional(),
  warning: z.enum(['without-warning', 'after-warning', 'unspecified']),
  /** Exact words quoted by the source. */
  quote: text(300).optional(),
});

export const stateOfEmergencySchema = z.strictObject({ measure: z.literal('state-of-emergency'), ...common });
export const martialLawSchema = z.strictObject({ measure: z.literal('martial-law'), ...common });

/** "The so-called anti-terrorist operation continues." */
export const counterTerrorismOperationSchema = z.strictObject({
  measure: z.literal('counter-terrorism-operation'),
  ...common,
  /** The authorities' name for it; the wire keeps its distance ("so-called"). */
  officialName: text(200).optional(),
  conductedBy: actorListSchema(10).optional(),
});

export const curfewSchema = z.strictObject({
  measure: z.literal('curfew'),
  ...common,
  /** Daily curfew hours, local time; may run past midnight. */
  dailyHours: z.strictObject({ from: clockTime, to: clockTime }).optional(),
});

export const banOnGatheringsSchema = z.strictObject({
  measure: z.literal('ban-on-gatherings'),
  ...common,
  /** Gatherings above this size are banned. */
  maxPeople: quantitySchema.optional(),
});

export const MOVEMENT_RESTRICTIONS = [
  'border-closure',
  'airspace-closure',
  'airport-closure',
  'checkpoints',
  'roadblocks',
  'travel-ban',
  'lockdown',
  'exit-ban',
] as const;
export const movementRestrictionSchema = z.strictObject({
  measure: z.literal('movement-restriction'),
  ...common,
  restrictions: list(z.enum(MOVEMENT_RESTRICTIONS), 8, 1),
});

export const CLOSED_FACILITIES = ['schools', 'universities', 'businesses', 'banks', 'markets', 'public-transport', 'government-offices', 'places-of-worship'] as const;
export const closureSchema = z.strictObject({
  measure: z.literal('closure'),
  ...common,
  facilities: list(z.enum(CLOSED_FACILITIES), 8, 1),
});

export const MEDIA_RESTRICTIONS = ['outlet-suspended', 'outlet-blocked', 'broadcast-ban', 'accreditation-revoked', 'foreign-media-barred', 'reporting-ban'] as const;
export const mediaRestrictionSchema = z.strictObject({
  measure: z.literal('media-restriction'),
  ...common,
  restrictions: list(z.enum(MEDIA_RESTRICTIONS), 6, 1),
  /** The outlets concerned. */
  outlets: actorListSchema(20).optional(),
});

export const evacuationOrderSchema = z.strictObject({ measure: z.literal('evacuation-order'), ...common });

/** Forces called up or reservists mobilised. */
export const mobilisationSchema = z.strictObject({
  measure: z.literal('mobilisation'),
  ...common,
  forces: actorListSchema(10).optional(),
  size: quantitySchema.optional(),
});

export const SECURITY_MEASURES = [
  'shoot-order',
  'state-of-emergency',
  'martial-law',
  'counter-terrorism-operation',
  'curfew',
  'ban-on-gatherings',
  'movement-restriction',
  'closure',
  'media-restriction',
  'evacuation-order',
  'mobilisation',
] as const;

export const securityMeasurePayloadSchema = z.discriminatedUnion('measure', [
  shootOrderSchema,
  stateOfEmergencySchema,
  martialLawSchema,
  counterTerrorismOperationSchema,
  curfewSchema,
  banOnGatheringsSchema,
  movementRestrictionSchema,
  closureSchema,
  mediaRestrictionSchema,
  evacuationOrderSchema,
  mobilisationSchema,
]);
export type SecurityMeasurePayload = z.infer<typeof securityMeasurePayloadSchema>;
