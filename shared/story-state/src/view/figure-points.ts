/**
 * Figure points: one per figure of a standing update, with its place, source
 * and the time it counts at; and the per-source picks the figure boards make
 * of them (latest per source, conflicting pairs).
 */
import { formatPlace, formatQuantity, quantitiesConflict, quantityOf, sourceKey, type FactStatus, type Place, type When } from '@newswire/schema/v2';
import { canonicalJson } from '../canonical.ts';
import type { Item } from '../item.ts';
import { compareAt } from '../position.ts';
import { byKey, compareWhen, sortedEntries, sourcesText } from './common.ts';
import type { FigurePoint } from './types.ts';

/** A figure's group as a key; '' for a total. */
export const whoKey = (p: FigurePoint) => (p.who ? canonicalJson(p.who) : '');

export function placeKey(p: Place): string {
  const { coordinates: _ignored, ...rest } = p;
  return canonicalJson(rest);
}

function sourcesKey(item: Item): string {
  return item.sources.map(sourceKey).sort().join('|');
}

export function pointsOf(item: Item, status: FactStatus): FigurePoint[] {
  const placeOf = (p: Place | undefined) => p ?? item.place;
  return (item.figures ?? []).map((f) => {
    const place = placeOf(f.figure.place);
    const toll = f.figure.scope === 'toll';
    const time: When = toll ? (f.figure.asOf ?? item.reported) : (item.occurred ?? item.reported);
    const timeBasis = toll ? (f.figure.asOf ? 'asOf' : 'reported') : item.occurred ? 'occurred' : 'reported';
    const quantity = quantityOf(f.figure);
    const p: FigurePoint = {
      id: item.id,
      at: item.at,
      kind: item.kind,
      metric: f.metric,
      scope: f.figure.scope,
      quantity,
      text: formatQuantity(quantity),
      place,
      placeText: formatPlace(place),
      source: sourcesText(item),
      sourceKey: sourcesKey(item),
      time,
      timeBasis,
      reported: item.reported,
      status,
    };
    if (f.who) p.who = f.who;
    return p;
  });
}

/** Later wins: by time (as-of / event), then position. */
function newer(a: FigurePoint, b: FigurePoint): FigurePoint {
  const c = compareWhen(a.time, b.time);
  if (c !== 0) return c > 0 ? a : b;
  return compareAt(a.at, b.at) >= 0 ? a : b;
}

export function latestPerSource(points: readonly FigurePoint[], extraKey: (p: FigurePoint) => string = () => ''): FigurePoint[] {
  const best = new Map<string, FigurePoint>();
  for (const p of points) {
    const k = `${p.sourceKey}\u0000${extraKey(p)}`;
    const cur = best.get(k);
    best.set(k, cur ? newer(p, cur) : p);
  }
  return sortedEntries(best).map(([, p]) => p);
}

/** Points taking part in at least one conflicting pair from different sources. */
export function conflicting(points: readonly FigurePoint[]): FigurePoint[] {
  const hit = new Set<FigurePoint>();
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (a.sourceKey !== b.sourceKey && quantitiesConflict(a.quantity, b.quantity)) {
        hit.add(a);
        hit.add(b);
      }
    }
  return points.filter((p) => hit.has(p));
}

export function groupBy<T>(values: readonly T[], key: (v: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const v of values) byKey(m, key(v), v);
  return m;
}
