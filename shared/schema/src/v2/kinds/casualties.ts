/**
 * casualties — ACLED: fatalities per event; PLOVER: ASSAULT (its outcome).
 *
 * The human toll: killed, injured, missing. Three shapes, on `status`:
 *  - figures: tolls and/or individual victims. A toll is a total and/or a
 *    breakdown by who; a breakdown entry without a figure says the toll
 *    includes that group but no number was given ("more than 40 killed,
 *    including security forces"). Every figure says incident or toll.
 *  - no-new-information: "no new official information on the fatalities".
 *  - feared: casualties feared but not counted ("many civilian deaths feared").
 * The event that caused them (an attack, a disaster, live fire) is its own
 * update, linked by part-of-incident.
 */
import { z } from 'zod';
import { idSchema, list, text } from '../../primitives.ts';
import { actorListSchema, actorSchema, perpetratorSchema } from '../actor.ts';
import { figureSchema, type Figure } from '../figure.ts';
import { placeSchema } from '../place.ts';
import { quantitySchema } from '../quantity.ts';

export const OUTCOMES = ['killed', 'injured', 'missing'] as const;
export const CAUSES_OF_HARM = [
  'shot',
  'stabbed',
  'beaten',
  'explosion',
  'shelling',
  'air-strike',
  'vehicle',
  'fire',
  'tear-gas',
  'crushed',
  'drowned',
  'building-collapse',
  'natural-hazard',
  'unknown',
] as const;

export const breakdownEntrySchema = z.strictObject({ who: actorSchema, figure: figureSchema.optional() });

export const tollSchema = z
  .strictObject({
    total: figureSchema.optional(),
    breakdown: list(breakdownEntrySchema, 20, 1).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.total === undefined && t.breakdown === undefined)
      ctx.addIssue({ code: 'custom', path: [], message: 'needs a total or a breakdown' });
    const scope = (f: Figure | undefined) => (f !== null && typeof f === 'object' ? f.scope : undefined);
    if (!Array.isArray(t.breakdown) || scope(t.total) === undefined) return;
    t.breakdown.forEach((b, i) => {
      if (b !== null && typeof b === 'object' && scope(b.figure) !== undefined && scope(b.figure) !== scope(t.total))
        ctx.addIssue({ code: 'custom', path: ['breakdown', i, 'figure', 'scope'], message: `must match the total's scope (${scope(t.total)})` });
    });
  });
export type Toll = z.infer<typeof tollSchema>;

/** One reported person: "an 11-year-old boy, shot and killed while walking with his parents". */
export const victimSchema = z.strictObject({
  person: actorSchema,
  outcome: z.enum(OUTCOMES),
  cause: z.enum(CAUSES_OF_HARM).optional(),
  /** What the victim was doing, in the source's words ("walking with his parents"). */
  circumstances: text(300).optional(),
  /** Where, when narrower than the update's place. */
  place: placeSchema.optional(),
});
export type Victim = z.infer<typeof victimSchema>;

export const casualtyFiguresSchema = z
  .strictObject({
    status: z.literal('figures'),
    killed: tollSchema.optional(),
    injured: tollSchema.optional(),
    missing: tollSchema.optional(),
    victims: list(victimSchema, 50, 1).optional(),
    cause: z.enum(CAUSES_OF_HARM).optional(),
    perpetrator: perpetratorSchema.optional(),
  })
  .refine((p) => p.killed !== undefined || p.injured !== undefined || p.missing !== undefined || p.victims !== undefined, {
    error: 'figures need killed, injured, missing or victims',
  });

export const casualtiesNoNewInformationSchema = z.strictObject({
  status: z.literal('no-new-information'),
  about: z.enum(['killed', 'injured', 'missing', 'killed-and-injured']),
  /** The update with the latest figures, shown alongside. */
  lastFigures: idSchema.optional(),
});

export const casualtiesFearedSchema = z.strictObject({
  status: z.literal('feared'),
  outcome: z.enum(OUTCOMES),
  who: actorListSchema(10),
  /** "many", "dozens": how many are feared, as said; absent when no amount was given. */
  magnitude: quantitySchema.optional(),
});

export const casualtiesPayloadSchema = z.discriminatedUnion('status', [
  casualtyFiguresSchema,
  casualtiesNoNewInformationSchema,
  casualtiesFearedSchema,
]);
export type CasualtiesPayload = z.infer<typeof casualtiesPayloadSchema>;
