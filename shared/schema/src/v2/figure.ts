/**
 * A `Figure` is a count of people or things that add up across a story
 * (killed, injured, arrested, displaced...): a quantity as the source said it
 * (see quantity.ts) plus its scope, the distinction ACLED's "one row per
 * event" rests on:
 *   - `incident`: counted in this one event ("three killed in the blast");
 *   - `toll`: a running total as of a time ("more than 40 killed so far").
 * Incident figures may be added up; tolls never are: a newer toll replaces an
 * older one from the same source for the same place. Mixing the two is how a
 * later toll from another incident silently overwrote an earlier figure in v1.
 */
import { z } from 'zod';
import { placeSchema } from './place.ts';
import { checkRange, exactShape, rangeShape, vagueShape, type Quantity } from './quantity.ts';
import { whenSchema } from './time.ts';

export const FIGURE_SCOPES = ['incident', 'toll'] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

const scopeShape = {
  scope: z.enum(FIGURE_SCOPES),
  /**
   * For a toll: the time it stands at. Absent means "as of the report"
   * (the update's `reported`). An interval says it was given at some point
   * within it ("the authorities had previously spoken of...").
   */
  asOf: whenSchema.optional(),
  /** The place the figure counts, when narrower or wider than the update's place. */
  place: placeSchema.optional(),
};

function checkScope(f: { scope: FigureScope; asOf?: unknown }, ctx: z.RefinementCtx): void {
  if (f.scope === 'incident' && f.asOf !== undefined)
    ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'an incident figure has no asOf (only a running toll stands as of a time)' });
}

export const numberFigureSchema = z.strictObject({ ...exactShape, ...scopeShape }).superRefine(checkScope);
export const rangeFigureSchema = z
  .strictObject({ ...rangeShape, ...scopeShape })
  .superRefine((f, ctx) => {
    checkRange(f, ctx);
    checkScope(f, ctx);
  });
export const vagueFigureSchema = z.strictObject({ ...vagueShape, ...scopeShape }).superRefine(checkScope);

/** A count that adds up across a story: a quantity plus its scope (incident or toll). */
export const figureSchema = z.union([numberFigureSchema, rangeFigureSchema, vagueFigureSchema]);
export type Figure = z.infer<typeof figureSchema>;

/** The quantity part of a figure (drops scope, asOf and place). */
export function quantityOf(f: Figure): Quantity {
  if ('vague' in f) return f.qualifier ? { vague: f.vague, qualifier: f.qualifier } : { vague: f.vague };
  if ('min' in f) return f.qualifier ? { min: f.min, max: f.max, qualifier: f.qualifier } : { min: f.min, max: f.max };
  return { value: f.value, qualifier: f.qualifier };
}
