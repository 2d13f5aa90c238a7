/**
 * What every part of the view shares: which facts stand, how a source list
 * reads, grouping in key order (output never depends on insertion order),
 * and ordering by what a When can mean.
 */
import { formatSource, whenBounds, type DerivedState, type FactStatus, type When } from '@newswire/schema/v2';
import type { Item } from '../item.ts';

const LIVE: readonly FactStatus[] = ['current', 'lifted'];
export const isLive = (s: DerivedState | undefined) => s !== undefined && LIVE.includes(s.status);
/** A fact that stands: live, and not itself a retraction (whose payload only repeats what it withdraws). */
export const stands = (item: Item, s: DerivedState | undefined) => item.retracts === undefined && isLive(s);

export function sourcesText(item: Item): string {
  return item.sources.map(formatSource).join('; ');
}

export function byKey<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Map entries in key order: output never depends on insertion order. */
export function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * whenBounds of a When, remembered: a zoned time's bounds cost several Intl
 * lookups, and the view's sorts compare the same Whens again and again (a
 * story at the item bounds spent most of its viewOf there). Per object (items
 * are not changed once folded), then per value, since many updates give the
 * same date; the value cache is bounded.
 */
type Bounds = ReturnType<typeof whenBounds>;
const boundsByObject = new WeakMap<When, Bounds>();
const boundsByValue = new Map<string, Bounds>();
const MAX_BOUNDS_BY_VALUE = 20_000;
function boundsOf(w: When): Bounds {
  let b = boundsByObject.get(w);
  if (b) return b;
  const key = JSON.stringify(w);
  b = boundsByValue.get(key);
  if (!b) {
    b = whenBounds(w);
    if (boundsByValue.size >= MAX_BOUNDS_BY_VALUE) boundsByValue.clear();
    boundsByValue.set(key, b);
  }
  boundsByObject.set(w, b);
  return b;
}

/** Orders Whens by what they can mean: earliest possible moment, then latest. */
export function compareWhen(a: When, b: When): number {
  const x = boundsOf(a);
  const y = boundsOf(b);
  if (x.earliest !== y.earliest) return x.earliest < y.earliest ? -1 : 1;
  if (x.latest !== y.latest) return x.latest < y.latest ? -1 : 1;
  return 0;
}
