/** Places in words: the area, how much of it, and the sites named in it. */
import { placeLevel, type Place } from '@newswire/schema/v2';
import { w } from './text.ts';

/** "Almaty, KZ", "KZ, nationwide", "parts of Western Province, LK", "Colombo, LK — residence President’s House". */
export function formatPlaceWords(p: Place): string {
  const area = [p.districts?.join(', '), p.city, p.admin2, p.admin1, p.country].filter(Boolean).join(', ');
  const extent =
    p.extent === 'parts' ? `parts of ${area}` : p.extent === 'whole' ? (placeLevel(p) === 'country' ? `${area}, nationwide` : `all of ${area}`) : area;
  const sites = p.sites?.map((s) => (s.name ? s.name : w(s.type))).join('; ');
  return sites ? `${extent} — ${sites}` : extent;
}
