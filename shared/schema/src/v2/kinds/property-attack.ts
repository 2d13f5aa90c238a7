/**
 * property-attack — ACLED: Strategic developments / Looting or property
 * destruction, Riots (when a crowd does it); PLOVER: ASSAULT (destroy
 * property), COERCE (seize or occupy).
 *
 * Attacks on buildings and places: homes of lawmakers set on fire, the
 * president's residence stormed, a town hall occupied. The named sites are
 * in the update's place (`place.sites`); `targets` says what kinds of
 * property were hit, also when unnamed or many.
 */
import { z } from 'zod';
import { list } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { SITE_TYPES } from '../place.ts';
import { quantitySchema } from '../quantity.ts';

export const PROPERTY_ACTIONS = ['arson', 'storming', 'occupation', 'looting', 'vandalism', 'destruction', 'seizure', 'blockade'] as const;
export const PROPERTY_TARGETS = [...SITE_TYPES, 'vehicles', 'police-vehicles', 'shops', 'businesses', 'monument'] as const;

export const propertyAttackPayloadSchema = z.strictObject({
  action: z.enum(PROPERTY_ACTIONS),
  targets: list(z.enum(PROPERTY_TARGETS), 10, 1),
  by: actorListSchema(10).optional(),
  /** Whose property: "homes of ruling-party lawmakers" is { type: 'ruling-party', roles: ['lawmaker'] }. */
  owner: actorSchema.optional(),
  /** How many buildings or vehicles, as said. */
  count: quantitySchema.optional(),
  status: z.enum(['under-way', 'ended', 'repelled']).optional(),
});
export type PropertyAttackPayload = z.infer<typeof propertyAttackPayloadSchema>;
