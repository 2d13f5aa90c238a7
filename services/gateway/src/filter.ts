/**
 * A subscription filter compiled to Sets once, so matching an entry is a few
 * Set lookups. Kinds are also used by the hub's index, so `matches` is only
 * asked about entries already known to be of a wanted kind on a wanted topic.
 */
import type { SubscriptionFilter } from '@newswire/protocol';
import type { Entry } from './entry.ts';

export interface CompiledFilter {
  kinds: Set<string> | null;
  stories: Set<string> | null;
  countries: Set<string> | null;
  regions: Set<string> | null;
  cities: Set<string> | null;
  verification: Set<string> | null;
  urgency: Set<string> | null;
}

/** Absent = no constraint (null). An empty list (refused by the protocol anyway) matches nothing, never everything. */
const set = (xs: readonly string[] | undefined): Set<string> | null => (xs ? new Set(xs) : null);

export function compileFilter(f: SubscriptionFilter | undefined): CompiledFilter {
  return {
    kinds: set(f?.kinds),
    stories: set(f?.stories),
    countries: set(f?.countries),
    regions: set(f?.regions),
    cities: set(f?.cities),
    verification: set(f?.verification),
    urgency: set(f?.urgency),
  };
}

export function matches(f: CompiledFilter, e: Entry): boolean {
  if (f.kinds && !f.kinds.has(e.kind)) return false;
  if (f.stories && !f.stories.has(e.story)) return false;
  if (f.countries && !f.countries.has(e.country)) return false;
  if (f.regions && (e.region === undefined || !f.regions.has(e.region))) return false;
  if (f.cities && (e.city === undefined || !f.cities.has(e.city))) return false;
  if (f.verification && !f.verification.has(e.verification)) return false;
  if (f.urgency && !f.urgency.has(e.urgency)) return false;
  return true;
}
