/**
 * attack — ACLED: Violence against civilians (attack, abduction, sexual
 * violence) and Explosions/Remote violence when aimed at civilians (suicide
 * bomb, remote explosive); PLOVER: ASSAULT.
 *
 * Mass-casualty and targeted attacks on people. The dead and injured are a
 * casualties update linked by part-of-incident, so that the toll has one home
 * and is never counted twice.
 */
import { z } from 'zod';
import { list } from '../../primitives.ts';
import { actorListSchema, perpetratorSchema } from '../actor.ts';
import { quantitySchema } from '../quantity.ts';

export const ATTACK_METHODS = [
  'shooting',
  'bombing',
  'suicide-bombing',
  'car-bombing',
  'remote-explosive',
  'grenade',
  'stabbing',
  'vehicle-ramming',
  'arson',
  'hostage-taking',
  'abduction',
  'assassination',
  'massacre',
  'sexual-violence',
  'beating',
  'chemical',
  'unknown',
] as const;

export const attackPayloadSchema = z.strictObject({
  methods: list(z.enum(ATTACK_METHODS), 6, 1),
  perpetrator: perpetratorSchema,
  /** Who was targeted: worshippers, concert-goers, a named official. */
  targets: actorListSchema(10).optional(),
  /** How many attackers: "three gunmen". */
  attackers: quantitySchema.optional(),
  status: z.enum(['under-way', 'ended', 'attempted', 'foiled']).optional(),
});
export type AttackPayload = z.infer<typeof attackPayloadSchema>;
