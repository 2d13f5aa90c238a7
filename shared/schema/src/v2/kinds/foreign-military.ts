/**
 * foreign-military — ACLED: external forces (inter 8); PLOVER: AID
 * (military, peacekeeping), DEMAND (military aid), MOBILIZE.
 *
 * Help asked of or offered by other states and alliances, and foreign troops
 * sent, arriving or withdrawing. Strikes by foreign forces are armed-conflict.
 */
import { z } from 'zod';
import { countryCodeSchema, list, text } from '../../primitives.ts';
import { actorSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';

export const ASSISTANCE_TYPES = ['troops', 'peacekeepers', 'equipment', 'air-support', 'intelligence', 'training'] as const;

/** Tokayev asked the CSTO, a Russian-led military alliance, for help. */
export const helpRequestedSchema = z.strictObject({
  action: z.literal('help-requested'),
  requestedBy: actorSchema,
  from: actorSchema,
  assistance: list(z.enum(ASSISTANCE_TYPES), 6, 1).optional(),
});

export const helpOfferedSchema = z.strictObject({
  action: z.literal('help-offered'),
  offeredBy: actorSchema,
  to: actorSchema,
  assistance: list(z.enum(ASSISTANCE_TYPES), 6, 1).optional(),
});

export const helpRefusedSchema = z.strictObject({
  action: z.literal('help-refused'),
  refusedBy: actorSchema,
  requestedBy: actorSchema.optional(),
});

export const DEPLOYMENT_STATUSES = ['planned', 'under-way', 'arrived', 'withdrawing', 'withdrawn'] as const;

/** "A total of around 2,500 foreign soldiers were to be sent." */
export const deploymentSchema = z.strictObject({
  action: z.literal('deployment'),
  status: z.enum(DEPLOYMENT_STATUSES),
  force: actorSchema.optional(),
  troops: quantitySchema.optional(),
  /** The countries the troops come from. */
  fromCountries: list(countryCodeSchema, 50, 1).optional(),
  mission: z.enum(['peacekeeping', 'protection-of-facilities', 'combat', 'training', 'evacuation', 'unspecified']).optional(),
  /** The name the force gives the mission. */
  missionName: text(200).optional(),
});

export const foreignMilitaryPayloadSchema = z.discriminatedUnion('action', [
  helpRequestedSchema,
  helpOfferedSchema,
  helpRefusedSchema,
  deploymentSchema,
]);
export type ForeignMilitaryPayload = z.infer<typeof foreignMilitaryPayloadSchema>;
