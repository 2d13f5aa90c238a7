/**
 * leader-movement — a leader leaving, fleeing or returning to the country
 * (PLOVER: RETREAT / MOBILIZE by an individual; no ACLED event type). A
 * denial ("his office says he has not left") is a second update with
 * verification `disputed`, not a movement.
 */
import { z } from 'zod';
import { actorSchema } from '../actor.ts';
import { placeSchema } from '../place.ts';

/** `in-hiding`: the person says (or is said) to be hiding inside the country; unlike whereabouts-unknown, by choice. */
export const LEADER_MOVEMENTS = ['left-country', 'fled', 'returned', 'arrived', 'in-exile', 'in-hiding', 'whereabouts-unknown', 'resurfaced'] as const;

export const leaderMovementPayloadSchema = z.strictObject({
  movement: z.enum(LEADER_MOVEMENTS),
  person: actorSchema,
  from: placeSchema.optional(),
  to: placeSchema.optional(),
  /** How: "on a military aircraft". */
  means: z.enum(['military-aircraft', 'government-aircraft', 'commercial-flight', 'private-aircraft', 'ship', 'overland']).optional(),
});
export type LeaderMovementPayload = z.infer<typeof leaderMovementPayloadSchema>;
