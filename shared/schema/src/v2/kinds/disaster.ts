/**
 * disaster — natural hazards and large accidents (GLIDE / EM-DAT hazard
 * types; no ACLED or PLOVER type). The event itself; its human toll is
 * casualties and displacement updates linked by part-of-incident.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { figureSchema } from '../figure.ts';
import { quantitySchema } from '../quantity.ts';

export const HAZARDS = [
  'earthquake',
  'aftershock',
  'tsunami',
  'flood',
  'flash-flood',
  'landslide',
  'cyclone',
  'storm',
  'tornado',
  'wildfire',
  'volcanic-eruption',
  'drought',
  'heatwave',
  'cold-wave',
  'avalanche',
  'epidemic',
  'industrial-accident',
  'explosion',
  'building-collapse',
  'dam-failure',
] as const;

export const MAGNITUDE_SCALES = ['moment-magnitude', 'richter', 'saffir-simpson', 'enhanced-fujita', 'volcanic-explosivity-index'] as const;
export const DAMAGED_THINGS = ['homes', 'buildings', 'schools', 'hospitals', 'roads', 'bridges', 'power-lines', 'crops'] as const;

export const disasterPayloadSchema = z.strictObject({
  hazard: z.enum(HAZARDS),
  /** The name given to it: "Cyclone Freddy". */
  name: text(200).optional(),
  status: z.enum(['forecast', 'warning', 'under-way', 'over']).optional(),
  magnitude: z
    .strictObject({ scale: z.enum(MAGNITUDE_SCALES), value: z.number({ error: 'must be a number' }).min(0).max(100) })
    .optional(),
  depthKm: z.number({ error: 'must be a number' }).min(0).max(1000).optional(),
  /** People affected, as a figure (incident or toll). */
  affected: figureSchema.optional(),
  damaged: list(z.strictObject({ what: z.enum(DAMAGED_THINGS), count: quantitySchema }), 8, 1).optional(),
});
export type DisasterPayload = z.infer<typeof disasterPayloadSchema>;
