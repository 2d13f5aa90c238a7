/**
 * armed-conflict — ACLED: Battles (armed clash, government regains
 * territory, non-state actor overtakes territory) and Explosions/Remote
 * violence (air or drone strike; shelling, artillery or missile attack;
 * remote explosive; grenade; suicide bomb; chemical weapon); PLOVER: ASSAULT,
 * MOBILIZE, RETREAT (ceasefire).
 *
 * Fighting between armed actors. `event` takes ACLED's sub-event types, plus
 * the ceasefire events a wire reports. Casualties go in a linked casualties
 * update (ACLED counts fatalities per event; so does the wire, by incident figures).
 */
import { z } from 'zod';
import { list } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { periodSchema } from '../time.ts';

export const CONFLICT_EVENTS = [
  'armed-clash',
  'government-regains-territory',
  'non-state-actor-overtakes-territory',
  'air-or-drone-strike',
  'shelling-artillery-missile',
  'remote-explosive',
  'grenade',
  'suicide-bomb',
  'chemical-weapon',
  'siege',
  'incursion',
  'ceasefire-declared',
  'ceasefire-violated',
] as const;

export const WEAPONS = ['small-arms', 'artillery', 'rockets', 'missiles', 'mortars', 'drones', 'aircraft', 'helicopters', 'tanks', 'explosives', 'chemical'] as const;

export const armedConflictPayloadSchema = z.strictObject({
  event: z.enum(CONFLICT_EVENTS),
  /** The parties: one for a strike, two or more for a clash. */
  sides: actorListSchema(10),
  weapons: list(z.enum(WEAPONS), 11, 1).optional(),
  /** Who holds the place afterwards, when the event changes control. */
  controlAfter: actorSchema.optional(),
  status: z.enum(['ongoing', 'ended']).optional(),
  /** When a ceasefire or siege runs: "a 72-hour ceasefire from midnight" is { from, duration }. */
  period: periodSchema.optional(),
});
export type ArmedConflictPayload = z.infer<typeof armedConflictPayloadSchema>;
