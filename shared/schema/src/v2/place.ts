/**
 * Where: a country (ISO 3166-1 alpha-2), then as much as the source said —
 * first- and second-level administrative areas (ACLED's admin1/admin2), a
 * city, town or village, named districts, named sites — and how much of it:
 *
 *   { country: 'KZ', extent: 'whole' }                                 nationwide
 *   { country: 'KZ' }                                                  somewhere in the country, no narrower place given
 *   { country: 'KZ', city: 'Almaty', extent: 'parts' }                 "parts of Almaty"
 *   { country: 'LK', city: 'Colombo', sites: [{ type: 'residence', name: 'President’s House' }] }
 *
 * Coordinates are optional and say their precision, as ACLED's geo precision
 * does: a city's centre point is not the site of an event.
 */
import { z } from 'zod';
import { countryCodeSchema, list, text } from '../primitives.ts';

/** Named sites, by what they are. `residence` is an official residence; `home` a private one. */
export const SITE_TYPES = [
  'residence',
  'home',
  'presidential-palace',
  'parliament',
  'government-building',
  'ministry',
  'town-hall',
  'party-office',
  'court',
  'police-station',
  'prison',
  'military-base',
  'checkpoint',
  'border-crossing',
  'embassy',
  'airport',
  'port',
  'railway-station',
  'road',
  'bridge',
  'square',
  'street',
  'market',
  'shopping-centre',
  'camp',
  'protest-camp',
  'displacement-camp',
  'factory',
  'mine',
  'power-plant',
  'oil-facility',
  'hospital',
  'school',
  'university',
  'place-of-worship',
  'media-office',
  'broadcaster',
  'telecoms-facility',
  'hotel',
  'venue',
  'stadium',
  'village',
  'neighbourhood',
  'other',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export const siteSchema = z.strictObject({
  type: z.enum(SITE_TYPES),
  /** "Akorda", "President’s House", "Galle Face Green"; absent when unnamed ("a mosque"). */
  name: text(200).optional(),
});
export type Site = z.infer<typeof siteSchema>;

/** How precise coordinates are: the site itself, or the centre of a wider area. */
export const COORDINATE_PRECISIONS = ['site', 'district', 'city', 'admin2', 'admin1', 'country'] as const;

export const coordinatesSchema = z.strictObject({
  lat: z.number({ error: 'must be a number' }).min(-90, { error: 'must be at least -90' }).max(90, { error: 'must be at most 90' }),
  lon: z.number({ error: 'must be a number' }).min(-180, { error: 'must be at least -180' }).max(180, { error: 'must be at most 180' }),
  precision: z.enum(COORDINATE_PRECISIONS),
});

/** `whole`: all of the narrowest area named (nationwide, citywide); `parts`: parts of it. Absent: not said. */
export const EXTENTS = ['whole', 'parts'] as const;

export const placeSchema = z.strictObject({
  country: countryCodeSchema,
  /** First-level administrative area: region, province, state, oblast. */
  admin1: text(120).optional(),
  /** Second-level administrative area: district, county. */
  admin2: text(120).optional(),
  /** City, town or village. */
  city: text(120).optional(),
  /** Named districts or neighbourhoods within the city or area. */
  districts: list(text(120), 20, 1).optional(),
  /** Named sites: an official residence, a parliament, a camp, a factory... */
  sites: list(siteSchema, 10, 1).optional(),
  extent: z.enum(EXTENTS).optional(),
  coordinates: coordinatesSchema.optional(),
});
export type Place = z.infer<typeof placeSchema>;

export type PlaceLevel = 'country' | 'admin1' | 'admin2' | 'city' | 'district' | 'site';

/** The narrowest level a place names. */
export function placeLevel(p: Place): PlaceLevel {
  if (p.sites) return 'site';
  if (p.districts) return 'district';
  if (p.city !== undefined) return 'city';
  if (p.admin2 !== undefined) return 'admin2';
  if (p.admin1 !== undefined) return 'admin1';
  return 'country';
}

/** Whole country: the country and nothing narrower, with extent 'whole'. */
export function isNationwide(p: Place): boolean {
  return placeLevel(p) === 'country' && p.extent === 'whole';
}

/** "parts of Almaty, KZ", "KZ (nationwide)", "Colombo, LK: residence President’s House". */
export function formatPlace(p: Place): string {
  const area = [p.districts?.join(', '), p.city, p.admin2, p.admin1, p.country].filter(Boolean).join(', ');
  const extent = p.extent === 'parts' ? `parts of ${area}` : p.extent === 'whole' && placeLevel(p) === 'country' ? `${area} (nationwide)` : area;
  const sites = p.sites?.map((s) => (s.name ? `${s.type} ${s.name}` : s.type)).join('; ');
  return sites ? `${extent}: ${sites}` : extent;
}
