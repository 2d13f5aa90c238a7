/**
 * The envelope flags of `publish <kind>`, read into the envelope's parts: who
 * said it (sources with their links, in command-line order), where (the
 * place), related updates, and the default report time.
 */
import { UsageError } from '../../command.ts';
import { isObject, merge, prune, type Json } from './json.ts';
import type { Token } from './table.ts';
import { parseJson } from './words.ts';

/** Envelope flag values, read in command-line order (so --via follows its --source). */
export class Envelope {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly tokens: readonly Token[],
  ) {}
  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? (v.at(-1) as string | undefined) : undefined;
  }
  all(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  }
}

/** Sources in command-line order: role, title, url and --via attach to the --source before them; --via-role/title to the --via before them. */
export function sources(e: Envelope): Json[] | undefined {
  const list: Json[] = [];
  for (const t of e.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'source') {
      list.push({ name: t.value });
      continue;
    }
    const attach = { via: 'via', 'source-role': 'role', 'source-title': 'title', 'source-url': 'url', 'via-role': 'role', 'via-title': 'title' }[t.name];
    if (!attach) continue;
    const source = list.at(-1);
    if (!source) throw new UsageError(`--${t.name} must follow the --source it belongs to`);
    if (t.name === 'via') source.via = [...((source.via as Json[] | undefined) ?? []), { name: t.value }];
    else if (t.name.startsWith('via-')) {
      const link = (source.via as Json[] | undefined)?.at(-1);
      if (!link) throw new UsageError(`--${t.name} must follow the --via it belongs to`);
      link[attach] = t.value;
    } else source[attach] = t.value;
  }
  return list.length ? list : undefined;
}

/** `--place <json>` with the place flags on top. */
export function placeFrom(e: Envelope): Json {
  const placeJson = e.str('place') === undefined ? {} : parseJson('place', e.str('place')!);
  if (!isObject(placeJson)) throw new UsageError('--place must be a JSON object (a Place)');
  const district = e.all('district');
  return merge(
    placeJson,
    prune({ country: e.str('country'), admin1: e.str('admin1'), admin2: e.str('admin2'), city: e.str('city'), districts: district.length ? district : undefined, sites: sites(e.all('site')), extent: e.str('extent') }),
  );
}

function sites(values: string[]): Json[] | undefined {
  if (!values.length) return undefined;
  return values.map((v) => {
    const at = v.indexOf(':');
    return at < 0 ? { type: v } : { type: v.slice(0, at), name: v.slice(at + 1) };
  });
}

export function relations(values: string[]): Json[] | undefined {
  if (!values.length) return undefined;
  return values.map((v) => {
    const at = v.indexOf(':');
    if (at < 1) throw new UsageError(`--relation must be <type>:<id> (e.g. lifts:kz-unrest-2022:curfew), got "${v}"`);
    return { type: v.slice(0, at), to: v.slice(at + 1) };
  });
}

/** Now, to the minute, in UTC: the default report time. */
export function now(d: Date): Json {
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offset: 'Z' };
}
