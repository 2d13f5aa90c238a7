/**
 * Numbers as sources say them, and nothing more:
 *   - a value with a qualifier: "more than 4,400" is { value: 4400, qualifier: 'more-than' };
 *   - a range: "between 30 and 50" is { min: 30, max: 50 };
 *   - a vague word: "dozens" is { vague: 'dozens' }. It has no number field, so
 *     no number can be invented for it (ACLED codes "dozens" as 12 for its sums;
 *     a wire keeps the word and lets the reader see it).
 * The helpers below derive only what the words fix: bounds, conflicts, sums.
 */
import { z } from 'zod';

const MAX_COUNT = 1_000_000_000;

const count = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_COUNT, { error: `must be at most ${MAX_COUNT}` });

/** How a single reported number relates to the real one. The same values as v1. */
export const QUALIFIERS = ['exact', 'about', 'at-least', 'more-than', 'up-to', 'fewer-than'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/**
 * Words that state an amount without a number, roughly smallest first. "a dozen" is
 * here too: in crisis reporting it is a round word, not a count of twelve.
 */
export const VAGUE_QUANTITIES = [
  'a-few',
  'a-handful',
  'some',
  'several',
  'a-dozen',
  'dozens',
  'scores',
  'many',
  'hundreds',
  'thousands',
  'tens-of-thousands',
  'hundreds-of-thousands',
  'millions',
] as const;
export type VagueQuantity = (typeof VAGUE_QUANTITIES)[number];

/** A bound on a vague word: "more than a dozen", "fewer than a dozen", "at least hundreds". */
export const VAGUE_QUALIFIERS = ['at-least', 'more-than', 'up-to', 'fewer-than'] as const;

export const exactShape = { value: count, qualifier: z.enum(QUALIFIERS) };
export const rangeShape = {
  min: count,
  max: count,
  /** "roughly 30 to 50": both ends are themselves approximate. */
  qualifier: z.literal('about').optional(),
};
export const vagueShape = { vague: z.enum(VAGUE_QUANTITIES), qualifier: z.enum(VAGUE_QUALIFIERS).optional() };

export function checkRange(q: { min?: number; max?: number }, ctx: z.RefinementCtx): void {
  if (q.min !== undefined && q.max !== undefined && q.min >= q.max)
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be greater than min (a range with equal ends is a value)' });
}

export const numberQuantitySchema = z.strictObject(exactShape);
export const rangeQuantitySchema = z.strictObject(rangeShape).superRefine(checkRange);
export const vagueQuantitySchema = z.strictObject(vagueShape);

export const quantitySchema = z.union([numberQuantitySchema, rangeQuantitySchema, vagueQuantitySchema]);
export type Quantity = z.infer<typeof quantitySchema>;
export type NumberQuantity = z.infer<typeof numberQuantitySchema>;
export type RangeQuantity = z.infer<typeof rangeQuantitySchema>;
export type VagueQuantityValue = z.infer<typeof vagueQuantitySchema>;

export function isVague(q: Quantity): q is VagueQuantityValue {
  return 'vague' in q;
}
export function isRange(q: Quantity): q is RangeQuantity {
  return 'min' in q;
}

/**
 * What a quantity firmly says about the real number: `min`/`max` where the
 * words fix a bound (more than 40 means at least 41), `approx` for "about".
 * Vague words fix nothing: "dozens" gives neither bound — no number is made up.
 */
export interface QuantityBounds {
  min?: number;
  max?: number;
  approx?: number;
}

export function quantityBounds(q: Quantity): QuantityBounds {
  if ('vague' in q) return {};
  if ('min' in q) return q.qualifier === 'about' ? {} : { min: q.min, max: q.max };
  switch (q.qualifier) {
    case 'exact':
      return { min: q.value, max: q.value };
    case 'about':
      return { approx: q.value };
    case 'at-least':
      return { min: q.value };
    case 'more-than':
      return { min: q.value + 1 };
    case 'up-to':
      return { max: q.value };
    case 'fewer-than':
      return { max: Math.max(0, q.value - 1) };
  }
}

/**
 * Whether two quantities cannot both be true: only when their firm bounds do
 * not overlap ("exactly 9" and "more than 40"). "About", ranges said roughly
 * and vague words fix no bound, so they never conflict with anything; two
 * figures that merely differ ("more than 40" and "52") are not a conflict.
 */
export function quantitiesConflict(a: Quantity, b: Quantity): boolean {
  const x = quantityBounds(a);
  const y = quantityBounds(b);
  if (x.min !== undefined && y.max !== undefined && x.min > y.max) return true;
  if (y.min !== undefined && x.max !== undefined && y.min > x.max) return true;
  return false;
}

/**
 * The sum of incident quantities as far as it is known: `atLeast` adds the
 * firm lower bounds, `exact` says every part was exact, `unbounded` counts the
 * parts that fix no lower bound (about, vague, up to...), which the sum leaves out.
 */
export function sumLowerBounds(quantities: readonly Quantity[]): { atLeast: number; exact: boolean; unbounded: number } {
  let atLeast = 0;
  let exact = true;
  let unbounded = 0;
  for (const q of quantities) {
    const b = quantityBounds(q);
    if (b.min === undefined) unbounded++;
    else atLeast += b.min;
    if (b.min === undefined || b.max === undefined || b.min !== b.max) exact = false;
  }
  return { atLeast, exact, unbounded };
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  about: 'about ',
  'at-least': 'at least ',
  'more-than': 'more than ',
  'up-to': 'up to ',
  'fewer-than': 'fewer than ',
};

/** "more than 4,400", "between 30 and 50", "more than a dozen", "dozens". */
export function formatQuantity(q: Quantity): string {
  const n = (v: number) => v.toLocaleString('en-US');
  if ('vague' in q) return `${q.qualifier ? QUALIFIER_WORDS[q.qualifier] : ''}${q.vague.replaceAll('-', ' ')}`;
  if ('min' in q) return `${q.qualifier === 'about' ? 'roughly ' : 'between '}${n(q.min)} and ${n(q.max)}`;
  return `${QUALIFIER_WORDS[q.qualifier]}${n(q.value)}`;
}

