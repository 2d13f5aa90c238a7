/**
 * The dashboard's filters, the ones `newswire tail` has: place (country,
 * region, city), urgency, kind and verification. They apply in the browser to
 * what is loaded, so changing one is instant and loses nothing. The feed
 * honours all of them; the figures and the board of measures honour place
 * (a toll or a measure has a place); the government timeline is about the
 * whole story.
 */
import type { Kind, Place, Update, Urgency, Verification } from '@newswire/schema/v2';

export interface Filters {
  /** "country:LK", "region:Western Province" (admin1), "city:Colombo". */
  place?: string | undefined;
  /** "flash": flash only; "urgent": urgent and flash. */
  urgency?: 'flash' | 'urgent' | undefined;
  kind?: Kind | undefined;
  verification?: Verification | undefined;
}

export function placeMatches(p: Place, filter: string | undefined): boolean {
  if (!filter) return true;
  const i = filter.indexOf(':');
  const field = filter.slice(0, i);
  const value = filter.slice(i + 1);
  if (field === 'country') return p.country === value;
  if (field === 'region') return p.admin1 === value;
  if (field === 'city') return p.city === value;
  return true;
}

function urgencyMatches(u: Urgency, f: Filters['urgency']): boolean {
  if (!f) return true;
  return f === 'flash' ? u === 'flash' : u === 'flash' || u === 'urgent';
}

/** Feed rows: every filter applies. */
export function matches(u: Update, f: Filters): boolean {
  if (f.kind && u.kind !== f.kind) return false;
  if (f.verification && u.verification !== f.verification) return false;
  if (!urgencyMatches(u.urgency, f.urgency)) return false;
  return placeMatches(u.place, f.place);
}

/** The place filter's options from the places of the rows: countries, then regions, then cities. */
export function placeOptions(places: Iterable<Place>): { value: string; label: string }[] {
  const countries = new Set<string>();
  const regions = new Set<string>();
  const cities = new Set<string>();
  for (const p of places) {
    countries.add(p.country);
    if (p.admin1) regions.add(p.admin1);
    if (p.city) cities.add(p.city);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return [
    ...sorted(countries).map((c) => ({ value: `country:${c}`, label: `${c} (country)` })),
    ...sorted(regions).map((r) => ({ value: `region:${r}`, label: `${r} (region)` })),
    ...sorted(cities).map((c) => ({ value: `city:${c}`, label: c })),
  ];
}
