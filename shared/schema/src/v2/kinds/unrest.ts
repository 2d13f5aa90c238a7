/**
 * unrest — ACLED: Protests (peaceful protest, protest with intervention) and
 * Riots (violent demonstration, mob violence); PLOVER: PROTEST (demonstrate,
 * strike, obstruct, riot).
 *
 * Street unrest and what is seen of it: "fuel-price anger turned into
 * peaceful, but sometimes also violent, protests against the government";
 * "gunshots heard on videos allegedly from Almaty". The v1 activities keep
 * their meaning; what security forces do is security-operation, attacks on
 * buildings are property-attack.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorListSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';
import { durationSchema } from '../time.ts';

export const UNREST_ACTIVITIES = [
  'protests',
  'riots',
  'clashes',
  'gunfire',
  'detentions',
  'looting',
  'arson',
  'strike',
  'march',
  'sit-in',
  'blockade',
  'occupation',
  'hunger-strike',
] as const;
export const UNREST_CAUSES = [
  'fuel-prices',
  'living-costs',
  'food-prices',
  'shortages',
  'taxes',
  'wages',
  'government-policy',
  'corruption',
  'elections',
  'constitutional-change',
  'repression',
  'police-violence',
  'rights',
  'leadership',
  'unknown',
] as const;

export const unrestPayloadSchema = z.strictObject({
  activity: z.enum(UNREST_ACTIVITIES),
  character: list(z.enum(['peaceful', 'violent']), 2, 1).optional(),
  causes: list(z.enum(UNREST_CAUSES), 15, 1).optional(),
  /** What protesters demand, in their words ("Gota go home"). */
  demands: list(text(200), 10, 1).optional(),
  against: actorListSchema(10).optional(),
  participants: actorListSchema(10).optional(),
  /** Crowd size as said: "thousands", "about 5,000". */
  size: quantitySchema.optional(),
  extent: z.enum(['isolated', 'several-places', 'many-places', 'nationwide']).optional(),
  severity: z.enum(['minor', 'serious', 'severe', 'worst-in-years']).optional(),
  /** How long it has been going on: "for days" is { unit: 'days' }. */
  ongoingFor: durationSchema.optional(),
});
export type UnrestPayload = z.infer<typeof unrestPayloadSchema>;
