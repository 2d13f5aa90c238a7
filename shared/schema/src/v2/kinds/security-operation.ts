/**
 * security-operation — ACLED: Protests / Protest with intervention and
 * Excessive force against protesters, Strategic developments (raids);
 * PLOVER: COERCE, ASSAULT (violent repression), MOBILIZE (deployments).
 *
 * What security forces do: crowd control with tear gas or water cannon, live
 * fire, raids, clearing a camp or a square, deployments and checkpoints.
 * Casualties and arrests that result are their own updates, linked by
 * part-of-incident.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorListSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';

export const OPERATION_ACTIONS = [
  'crowd-control',
  'dispersal',
  'live-fire',
  'raid',
  'clearing',
  'storming',
  'cordon',
  'deployment',
  'patrols',
  'checkpoints',
  'search',
  'rescue',
] as const;

export const FORCE_MEANS = [
  'tear-gas',
  'water-cannon',
  'pepper-spray',
  'rubber-bullets',
  'stun-grenades',
  'batons',
  'live-ammunition',
  'snipers',
  'armoured-vehicles',
  'helicopters',
  'drones',
  'sound-cannon',
  'dogs',
  'horses',
] as const;

export const securityOperationPayloadSchema = z.strictObject({
  action: z.enum(OPERATION_ACTIONS),
  by: actorListSchema(10),
  against: actorListSchema(10).optional(),
  means: list(z.enum(FORCE_MEANS), 14, 1).optional(),
  warning: z.enum(['without-warning', 'after-warning', 'unspecified']).optional(),
  status: z.enum(['under-way', 'continuing', 'completed']).optional(),
  /** The authorities' name for it. */
  officialName: text(200).optional(),
  /** How many officers or troops. */
  size: quantitySchema.optional(),
});
export type SecurityOperationPayload = z.infer<typeof securityOperationPayloadSchema>;
