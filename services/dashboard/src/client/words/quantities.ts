/** Figures in words: the amount as the source gave it, what kind of figure it is, and what it counts as of when. */
import { formatQuantity, type Figure, type Quantity, type Update } from '@newswire/schema/v2';
import { formatShort, formatWhen } from '../when.ts';
import { formatPlaceWords } from './places.ts';
import { w } from './text.ts';

/** "more than 4,400", "between 30 and 50", "roughly 30 to 50", "dozens", "more than a dozen". */
export function formatAmount(q: Quantity): string {
  if ('min' in q && q.qualifier === 'about') return `roughly ${q.min.toLocaleString('en-US')} to ${q.max.toLocaleString('en-US')}`;
  return formatQuantity(q);
}

/** What a figure is, for screen readers and tooltips. */
export function describeAmount(q: Quantity): string {
  if ('vague' in q) return q.qualifier ? `${w(q.qualifier)} a vague amount: no number was given` : 'a vague amount: no number was given';
  if ('min' in q) return q.qualifier === 'about' ? 'a rough range' : 'a range: both ends given';
  switch (q.qualifier) {
    case 'exact':
      return 'exact count';
    case 'about':
      return 'approximate';
    case 'at-least':
    case 'more-than':
      return 'lower bound';
    case 'up-to':
    case 'fewer-than':
      return 'upper bound';
  }
}

/**
 * What a figure counts and as of when: "in this incident", "toll as of 8 Jan 2022",
 * "toll as of some time up to 8 Jan 2022", "toll as of the report (8 Jan 2022)".
 */
export function figureScope(f: Figure, reported: Update['reported']): string {
  if (f.scope === 'incident') return 'in this incident';
  const where = f.place ? ` for ${formatPlaceWords(f.place)}` : '';
  if (!f.asOf) return `toll${where} as of the report (${formatShort(reported)})`;
  if ('date' in f.asOf) return `toll${where} as of ${formatShort(f.asOf)}`;
  if (f.asOf.to && !f.asOf.from) return `toll${where} as of some time up to ${formatShort(f.asOf.to)}`;
  return `toll${where} as of ${formatWhen(f.asOf)}`;
}
