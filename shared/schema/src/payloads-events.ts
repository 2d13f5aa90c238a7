/**
 * Payloads about events and measures: security measures, connectivity,
 * foreign military, diplomacy, unrest and commemorations. Where a kind has
 * sub-types with different facts, the payload is itself a discriminated union
 * (on `measure` or `action`) so each sub-type lists exactly its own fields.
 */
import { z } from 'zod';
import { actorSchema, dateSchema, figureSchema, list, organisationSchema, text } from './primitives.ts';

export const MEASURE_STATUSES = ['ordered', 'declared', 'in-force', 'ongoing', 'extended', 'lifted', 'ended'] as const;
const measureStatus = z.enum(MEASURE_STATUSES);

/** Tokayev ordered police and army to shoot "without warning" at demonstrators he called "terrorists". */
export const shootOrderSchema = z.strictObject({
  measure: z.literal('shoot-order'),
  status: measureStatus,
  issuedBy: actorSchema,
  orderedTo: list(actorSchema, 10, 1),
  targets: list(text(200), 10, 1),
  /** The words the issuer used for the targets ("terrorists", "bandits"). */
  targetsDescribedAs: list(text(100), 10, 1).optional(),
  warning: z.enum(['without-warning', 'after-warning', 'unspecified']),
  /** Exact words quoted by the source. */
  quote: text(300).optional(),
});

export const stateOfEmergencySchema = z.strictObject({
  measure: z.literal('state-of-emergency'),
  status: measureStatus,
  issuedBy: actorSchema.optional(),
  until: dateSchema.optional(),
});

/** "The so-called anti-terrorist operation continues." */
export const counterTerrorismOperationSchema = z.strictObject({
  measure: z.literal('counter-terrorism-operation'),
  status: measureStatus,
  /** The name the authorities give it; the wire keeps its distance ("so-called"). */
  officialName: text(200).optional(),
  conductedBy: list(actorSchema, 10, 1).optional(),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM' });
export const curfewSchema = z.strictObject({
  measure: z.literal('curfew'),
  status: measureStatus,
  issuedBy: actorSchema.optional(),
  from: clockTime.optional(),
  to: clockTime.optional(),
});

export const securityMeasurePayloadSchema = z.discriminatedUnion('measure', [
  shootOrderSchema,
  stateOfEmergencySchema,
  counterTerrorismOperationSchema,
  curfewSchema,
]);

export const CONNECTIVITY_SERVICES = ['internet', 'mobile', 'mobile-internet', 'landline', 'messaging-apps', 'social-media'] as const;
export const CONNECTIVITY_STATES = ['shut-down', 'intermittent', 'throttled', 'restricted', 'restored'] as const;

/** "The authorities have switched off the Internet in Almaty"; "the cell phone connection keeps breaking down". */
export const connectivityPayloadSchema = z.strictObject({
  service: z.enum(CONNECTIVITY_SERVICES),
  state: z.enum(CONNECTIVITY_STATES),
  cause: z.enum(['ordered-shutdown', 'technical', 'damage', 'unknown']).optional(),
  imposedBy: actorSchema.optional(),
  /** The outage makes independent reporting from the area hardly possible. */
  impedesReporting: z.boolean().optional(),
});

/** Tokayev asked the CSTO, a Russian-led military alliance, for help. */
export const helpRequestedSchema = z.strictObject({
  action: z.literal('help-requested'),
  requestedBy: actorSchema,
  from: organisationSchema,
});

/** "A total of around 2500 foreign soldiers were to be sent." */
export const deploymentSchema = z.strictObject({
  action: z.literal('deployment'),
  status: z.enum(['planned', 'under-way', 'arrived', 'withdrawing', 'withdrawn']),
  force: organisationSchema.optional(),
  troops: figureSchema.optional(),
});

export const foreignMilitaryPayloadSchema = z.discriminatedUnion('action', [helpRequestedSchema, deploymentSchema]);

/** "Putin had a long phone call with Tokayev, according to the Kremlin." */
export const phoneCallSchema = z.strictObject({
  action: z.literal('phone-call'),
  participants: list(actorSchema, 20, 2),
  duration: z.enum(['brief', 'long']).optional(),
});

/** "Putin supports Tokayev's proposal of a CSTO video summit in the coming days." */
export const summitProposedSchema = z.strictObject({
  action: z.literal('summit-proposed'),
  proposedBy: actorSchema,
  supportedBy: list(actorSchema, 20, 1).optional(),
  organisation: organisationSchema.optional(),
  /** Who would attend, as the source puts it ("heads of state and government"). */
  attendees: text(200).optional(),
  format: z.enum(['video', 'in-person']),
  expected: z.enum(['coming-days', 'coming-weeks', 'unscheduled']).optional(),
  date: dateSchema.optional(),
});

export const meetingSchema = z.strictObject({
  action: z.literal('meeting'),
  participants: list(actorSchema, 50, 2),
  format: z.enum(['video', 'in-person']),
});

export const diplomacyPayloadSchema = z.discriminatedUnion('action', [phoneCallSchema, summitProposedSchema, meetingSchema]);

export const UNREST_ACTIVITIES = ['protests', 'riots', 'clashes', 'gunfire', 'detentions', 'looting', 'arson', 'strike'] as const;
export const UNREST_CAUSES = ['fuel-prices', 'living-costs', 'government-policy', 'elections', 'corruption', 'unknown'] as const;

/** Photos, videos... that show something, and how far their origin is established. */
export const evidenceSchema = z.strictObject({
  medium: z.enum(['photos', 'videos', 'audio', 'documents']),
  channel: z.enum(['social-networks', 'broadcast', 'news-agency', 'official']).optional(),
  /** verified: origin established; alleged: claimed to be from the place; unverified: unknown. */
  provenance: z.enum(['verified', 'alleged', 'unverified']),
});

/**
 * Protests, riots and what is seen of them: "fuel-price anger turned into
 * peaceful, but sometimes also violent, protests against the government";
 * "photos show armed security forces leading protesters away".
 */
export const unrestPayloadSchema = z.strictObject({
  activity: z.enum(UNREST_ACTIVITIES),
  character: list(z.enum(['peaceful', 'violent']), 2, 1).optional(),
  causes: list(z.enum(UNREST_CAUSES), 6, 1).optional(),
  against: actorSchema.optional(),
  extent: z.enum(['isolated', 'several-places', 'many-places', 'nationwide']).optional(),
  severity: z.enum(['minor', 'serious', 'severe', 'worst-in-years']).optional(),
  /** How long it has been going on, as the source puts it ("for days"). */
  duration: z.enum(['hours', 'days', 'weeks', 'months']).optional(),
  actors: list(actorSchema, 10, 1).optional(),
  evidence: list(evidenceSchema, 10, 1).optional(),
});

/** "Tokayev ordered a nationwide mourning ceremony on Monday to commemorate the victims." */
export const commemorationPayloadSchema = z.strictObject({
  type: z.enum(['day-of-mourning', 'memorial-service', 'minute-of-silence', 'funeral']),
  date: dateSchema.optional(),
  orderedBy: actorSchema.optional(),
  honouring: text(200),
});
