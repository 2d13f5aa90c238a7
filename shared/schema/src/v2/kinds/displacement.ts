/**
 * displacement — the human toll beyond casualties (no ACLED event type;
 * IDMC/OCHA reporting): people displaced, evacuated, fleeing abroad,
 * sheltering or returning.
 */
import { z } from 'zod';
import { actorListSchema } from '../actor.ts';
import { figureSchema } from '../figure.ts';
import { placeSchema } from '../place.ts';

export const DISPLACEMENT_MOVEMENTS = ['displaced', 'evacuated', 'fled-abroad', 'sheltering', 'homeless', 'stranded', 'returned', 'relocated'] as const;
export const DISPLACEMENT_CAUSES = ['armed-conflict', 'violence', 'unrest', 'natural-hazard', 'evacuation-order', 'unknown'] as const;

export const displacementPayloadSchema = z
  .strictObject({
    movement: z.enum(DISPLACEMENT_MOVEMENTS),
    count: figureSchema.optional(),
    who: actorListSchema(10).optional(),
    /** Where people left; the update's place when absent. */
    from: placeSchema.optional(),
    /** Where they went: a camp, a city, another country. */
    to: placeSchema.optional(),
    cause: z.enum(DISPLACEMENT_CAUSES).optional(),
  })
  .refine((p) => p.count !== undefined || p.who !== undefined, { error: 'needs a count or who was displaced' });
export type DisplacementPayload = z.infer<typeof displacementPayloadSchema>;
