/**
 * The government timeline: ordered by when things happened, not when they
 * were reported; an entry with no event time says so (basis 'reported').
 */
import { formatPlace, instantPrecision, isInstant, type Actor, type DerivedState, type InstantPrecision, type When } from '@newswire/schema/v2';
import type { Item } from '../item.ts';
import { compareAt } from '../position.ts';
import { compareWhen, sourcesText, stands } from './common.ts';
import type { TimelineEntry } from './types.ts';

function precisionOf(w: When): InstantPrecision | 'period' {
  return isInstant(w) ? instantPrecision(w) : 'period';
}

export function timeline(items: readonly Item[], states: Map<string, DerivedState>, rootOf: (id: string) => string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const item of items) {
    if (item.category !== 'government' || !stands(item, states.get(item.id))) continue;
    const p = item.payload as { action: string; body: string; office?: string; person?: Actor; by?: Actor; successor?: Actor; wholeBody?: boolean; except?: unknown[] };
    const when = item.occurred ?? item.reported;
    const e: TimelineEntry = {
      id: item.id,
      at: item.at,
      headline: item.headline,
      action: p.action,
      body: p.body,
      when,
      basis: item.occurred ? 'occurred' : 'reported',
      precision: precisionOf(when),
      reported: item.reported,
      placeText: formatPlace(item.place),
      source: sourcesText(item),
    };
    if (p.office !== undefined) e.office = p.office;
    if (p.person) e.person = p.person;
    if (p.by) e.by = p.by;
    if (p.successor) e.successor = p.successor;
    if (p.wholeBody !== undefined) e.wholeBody = p.wholeBody;
    if (p.except) e.except = p.except;
    if (item.revises !== undefined) e.corrects = rootOf(item.id);
    out.push(e);
  }
  return out.sort((a, b) => compareWhen(a.when, b.when) || compareAt(a.at, b.at));
}
