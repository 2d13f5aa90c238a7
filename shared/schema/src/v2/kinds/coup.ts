/**
 * coup — ACLED: Strategic developments / Change to group or activity (or
 * Battles when fought); PLOVER: COERCE / ASSAULT against the government.
 *
 * A seizure of power by force, from plot to outcome. What the plotters then
 * do is listed in `actions`; detentions, curfews and shutdowns they impose are
 * their own updates (arrests, security-measure, connectivity) linked by
 * part-of-incident.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';

export const COUP_STAGES = ['plot-alleged', 'attempt', 'under-way', 'claimed', 'successful', 'failed', 'foiled', 'reversed'] as const;
export const COUP_ACTIONS = [
  'seized-power',
  'detained-leader',
  'dissolved-government',
  'dissolved-parliament',
  'suspended-constitution',
  'closed-borders',
  'closed-airspace',
  'seized-broadcaster',
  'imposed-curfew',
  'named-leader',
  'announced-transition',
] as const;

export const coupPayloadSchema = z.strictObject({
  stage: z.enum(COUP_STAGES),
  /** The plotters: a military faction, a presidential guard. */
  by: actorListSchema(10),
  /** Who is being overthrown. */
  against: actorListSchema(10).optional(),
  /** The leader the plotters name, e.g. the head of a junta. */
  leader: actorSchema.optional(),
  /** The name the plotters give their body: "National Council for the Safeguard of the Homeland". */
  junta: text(200).optional(),
  actions: list(z.enum(COUP_ACTIONS), 11, 1).optional(),
});
export type CoupPayload = z.infer<typeof coupPayloadSchema>;
