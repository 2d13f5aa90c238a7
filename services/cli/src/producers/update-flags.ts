/**
 * Builds one v2 update from `newswire publish <kind>` flags.
 *
 * The payload flags of each kind are DERIVED from the v2 schema of that
 * kind's payload (schema-flags.ts): every field is a flag, nested fields are
 * dotted flags (`--count.value 4400 --count.qualifier more-than --count.scope
 * toll`), objects and lists of objects also take JSON (`--who
 * '{"type":"protesters"}'`), and `--payload <json>` covers anything at all
 * (flags win over it). Nothing here restates the schema: a field added to a
 * kind is a flag at once, with its allowed values in the help.
 *
 * The envelope comes from a few hand-written flags with defaults (a new UUID,
 * reported now, verification "reported", urgency "routine", the newsroom as
 * source, a headline derived from the facts). The result is NOT validated
 * here: the caller runs it through the schema like any other input, so every
 * problem is reported by the schema, at its path.
 */
import { randomUUID } from 'node:crypto';
import type { parseArgs } from 'node:util';
import { figuresOf, formatQuantity, jsonSchemaDocuments, KINDS, PAYLOAD_SCHEMAS, QUALIFIERS, VAGUE_QUANTITIES, type KindAndPayload, type Kind } from '@newswire/schema/v2';
import { UsageError } from '../command.ts';
import { fitToSchema, flagsOf, helpLines, type FlagSpec } from './schema-flags.ts';

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type Json = Record<string, unknown>;

/** Envelope flags (every kind), with what they set. */
export const ENVELOPE_HELP: readonly [string, string][] = [
  ['--story <id>', 'story id (required; the Kafka key)'],
  ['--country <CC>', 'ISO 3166-1 country code (required)'],
  ['--admin1 <a> --admin2 <a> --city <c>', 'first- and second-level area, city'],
  ['--district <d> (repeat) --site <type[:name]> (repeat)', 'districts; named sites (parliament, residence:Akorda, ...)'],
  ['--extent whole|parts', 'all of the narrowest area named, or parts of it'],
  ['--place <json>', 'the whole Place (the place flags win over it)'],
  ['--source <name> (repeat)', 'who said it (default: the newsroom); then --source-role <role>, --source-title <t>,'],
  ['', '--source-url <url>, and --via <name> --via-role <role> --via-title <t> (repeat) for who passed it on'],
  ['--reported <when>', 'when it was reported (default now): 2022-01-08, 2022-01-08T10:00+06:00, or an Instant as JSON'],
  ['--occurred <when>', 'when it happened: as --reported, or a Period as JSON ({"from":...,"to":...})'],
  ['--zone <IANA zone>', 'the place\'s time zone, added to --reported and --occurred (e.g. Asia/Almaty)'],
  ['--headline <text>', 'default: derived from the facts'],
  ['--body-text <text> --language <bcp47> --byline <t> --located <t>', 'prose, language, byline and dateline'],
  ['--id <id>', 'idempotency key (default: a new UUID)'],
  ['--verification confirmed|reported|claimed|unverified|disputed', 'default reported'],
  ['--urgency flash|urgent|routine', 'default routine'],
  ['--revises <id> | --retracts <id>', 'a correction of an earlier update'],
  ['--relation <type>:<id> (repeat)', 'lifts, extends, amends, follows-up, part-of-incident'],
  ['--evidence <json> (repeat) --embargoed <iso>', 'photos, videos...; not before this time'],
  ['--payload <json>', 'payload fields as JSON; the payload flags win over it'],
];

const ENVELOPE_STRING = [
  'id', 'story', 'headline', 'body-text', 'language', 'byline', 'located', 'occurred', 'reported', 'zone', 'embargoed',
  'country', 'admin1', 'admin2', 'city', 'extent', 'place', 'source-role', 'source-title', 'source-url', 'via-role', 'via-title',
  'verification', 'urgency', 'revises', 'retracts', 'payload',
] as const;
const ENVELOPE_REPEATABLE = ['district', 'site', 'source', 'via', 'relation', 'evidence'] as const;
export const ENVELOPE_FLAGS: readonly string[] = [...ENVELOPE_STRING, ...ENVELOPE_REPEATABLE];

/**
 * A payload flag whose first key is also an envelope flag is spelt
 * `--payload.<field>`, so the two never clash: unrest's own `extent` (how
 * widespread) is `--payload.extent`, the place's is `--extent`.
 */
function payloadFlags(kind: Kind): FlagSpec[] {
  return flagsOf(PAYLOAD_SCHEMAS[kind]).map((f) => (ENVELOPE_FLAGS.includes(f.name.split('.')[0]!) ? { ...f, name: `payload.${f.name}` } : f));
}

/** A kind's payload flags as `publish <kind>` takes them (a clash with an envelope flag renamed). */
export function payloadFlagSpecs(kind: Kind): FlagSpec[] {
  return [...flagsFor(kind).values()];
}

const perKind = new Map<Kind, Map<string, FlagSpec>>();
function flagsFor(kind: Kind): Map<string, FlagSpec> {
  let m = perKind.get(kind);
  if (!m) perKind.set(kind, (m = new Map(payloadFlags(kind).map((f) => [f.name, f]))));
  return m;
}

/** Every payload flag of each kind, derived from its v2 payload schema. */
export const KIND_FLAGS = Object.fromEntries(KINDS.map((k) => [k, [...flagsFor(k).keys()]])) as unknown as Record<Kind, readonly string[]>;

type Option = { type: 'string' | 'boolean'; multiple?: boolean };

/**
 * parseArgs option table for every update flag of every kind. Payload flags
 * may repeat (a repeated field inside a list of objects starts its next
 * element); a repeat that means nothing is refused when the update is built.
 * A name that is a boolean in one kind and takes a value in another (none
 * today) takes a value ("true").
 */
export function updateFlagOptions(): Record<string, Option> {
  const out: Record<string, Option> = {};
  for (const n of ENVELOPE_STRING) out[n] = { type: 'string' };
  for (const n of ENVELOPE_REPEATABLE) out[n] = { type: 'string', multiple: true };
  for (const k of KINDS) {
    for (const f of flagsFor(k).values()) {
      const type = f.type === 'boolean' ? 'boolean' : 'string';
      const prev = out[f.name];
      out[f.name] = { type: prev && prev.type !== type ? 'string' : type, multiple: true };
    }
  }
  return out;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `over` wins; nested objects merge. */
function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  return out;
}

function parseJson(flag: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`--${flag} is not valid JSON: ${(err as Error).message}`);
  }
}

/** A number as people write it: "4,400", "4_400", "12.5". */
function parseNumber(flag: string, raw: string): number {
  const cleaned = raw.replace(/[,_]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) throw new UsageError(`--${flag} must be a number, got "${raw}"`);
  return Number(cleaned);
}

/**
 * A quantity as words, for the JSON flag of a Quantity or Figure: "4400" or
 * "4,400" (exact), "more-than 4400", "30-50", "about 30-50", "dozens",
 * "more-than a-dozen". The words are the schema's own (QUALIFIERS,
 * VAGUE_QUANTITIES); a figure's scope is its own flag (--count.scope toll).
 */
export function quantityFromWords(flag: string, raw: string): Record<string, unknown> {
  const words = raw.trim().split(/\s+/);
  const qualifier = (QUALIFIERS as readonly string[]).includes(words[0]!) && words.length > 1 ? words.shift() : undefined;
  const rest = words.join(' ');
  const range = /^(\d[\d,_]*)\s*(?:-|\.\.|to)\s*(\d[\d,_]*)$/.exec(rest);
  if (range) return { min: parseNumber(flag, range[1]!), max: parseNumber(flag, range[2]!), ...(qualifier && { qualifier }) };
  if (/^\d[\d,_]*$/.test(rest)) return { value: parseNumber(flag, rest), qualifier: qualifier ?? 'exact' };
  if ((VAGUE_QUANTITIES as readonly string[]).includes(rest)) return { vague: rest, ...(qualifier && { qualifier }) };
  throw new UsageError(
    `--${flag} must be JSON or a quantity in words: 4400, more-than 4400, 30-50, about 30-50, dozens, more-than a-dozen (qualifiers ${QUALIFIERS.join(', ')}; vague words ${VAGUE_QUANTITIES.join(', ')}); got "${raw}"`,
  );
}

function valueOf(f: FlagSpec, raw: string | boolean | undefined): unknown {
  if (f.type === 'boolean') return raw === true || raw === 'true' ? true : raw === 'false' ? false : raw;
  if (typeof raw !== 'string') throw new UsageError(`--${f.name} needs a value`);
  if (f.type === 'number') return parseNumber(f.name, raw);
  // Numbers and times have a short form: --count "more-than 4400", --on 2022-01-10.
  if ((f.block === 'Quantity' || f.block === 'Figure') && !raw.trim().startsWith('{')) return quantityFromWords(f.name, raw);
  if ((f.block === 'Instant' || f.block === 'When') && !raw.trim().startsWith('{')) return instantFromFlag(f.name, raw, undefined);
  if (f.type === 'json') {
    const v = parseJson(f.name, raw);
    if (!isObject(v)) throw new UsageError(`--${f.name} must be a JSON object${f.block ? ` (a ${f.block})` : ''}`);
    return v;
  }
  return raw;
}

/**
 * The payload the flags describe, built in command-line order. Inside a list
 * of objects the flags fill the current element; a field given again (or a
 * JSON element) starts the next one.
 */
function payloadFrom(kind: Kind, tokens: readonly Token[]): Json {
  const flags = flagsFor(kind);
  const root: Json = {};
  /** The element being filled, per list (by its dotted path). */
  const current = new Map<string, Json>();
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const f = flags.get(t.name);
    if (!f) continue;
    // A boolean flag has no value: its presence says true.
    const value = valueOf(f, t.value ?? true);
    const path = f.path;
    // The innermost list of objects on the way to this field (before the field itself).
    const last = path.length - 1;
    let innermost = -1;
    for (let i = 0; i < last; i++) if (path[i]!.elements) innermost = i;
    const ownList = path[last]!.elements; // a JSON flag that is itself one element of a list
    let obj: Json = root;
    let key = '';
    for (let i = 0; i < last; i++) {
      const seg = path[i]!;
      key += `.${seg.key}`;
      if (!seg.elements) {
        obj = isObject(obj[seg.key]) ? (obj[seg.key] as Json) : ((obj[seg.key] = {}) as Json);
        continue;
      }
      const list = Array.isArray(obj[seg.key]) ? (obj[seg.key] as Json[]) : ((obj[seg.key] = []) as Json[]);
      let el = current.get(key);
      // At the innermost list, a field already set in the current element starts the next element.
      const rest = path.slice(i + 1);
      const taken = i === innermost && el !== undefined && !f.repeatable && !ownList && getPath(el, rest) !== undefined;
      if (el === undefined || taken) {
        list.push((el = {}));
        current.set(key, el);
        for (const k of [...current.keys()]) if (k.startsWith(`${key}.`)) current.delete(k);
      }
      obj = el;
    }
    const leaf = path[last]!;
    key += `.${leaf.key}`;
    if (ownList) {
      const list = Array.isArray(obj[leaf.key]) ? (obj[leaf.key] as Json[]) : ((obj[leaf.key] = []) as Json[]);
      list.push(value as Json);
      current.set(key, value as Json);
      for (const k of [...current.keys()]) if (k.startsWith(`${key}.`)) current.delete(k);
    } else if (f.repeatable) {
      const list = Array.isArray(obj[leaf.key]) ? (obj[leaf.key] as unknown[]) : ((obj[leaf.key] = []) as unknown[]);
      list.push(value);
    } else if (f.type === 'json') {
      // JSON under the dotted flags given for the same object: the dotted ones are more specific.
      obj[leaf.key] = isObject(obj[leaf.key]) ? merge(value as Json, obj[leaf.key] as Json) : value;
    } else {
      const where = innermost >= 0 ? undefined : f.name;
      if (where && seen.has(where)) throw new UsageError(`--${f.name} given twice`);
      if (where) seen.add(where);
      obj[leaf.key] = value;
    }
  }
  return root;
}

function getPath(obj: Json, path: readonly { key: string }[]): unknown {
  let v: unknown = obj;
  for (const s of path) v = isObject(v) ? v[s.key] : undefined;
  return v;
}

/** Envelope flag values, read in command-line order (so --via follows its --source). */
class Envelope {
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
function sources(e: Envelope): Json[] | undefined {
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

const INSTANT = /^(\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?)(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?))?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A time as precise as given: `2022-01-08` (a day), `2022-01` (a month),
 * `2022-01-08T10:00+06:00` (a minute, with its offset), or JSON (an Instant, or
 * for --occurred a Period). --zone adds the place's time zone.
 */
export function instantFromFlag(flag: string, raw: string, zone: string | undefined): unknown {
  if (raw.trim().startsWith('{')) return parseJson(flag, raw);
  const m = INSTANT.exec(raw.trim());
  if (!m) throw new UsageError(`--${flag} must be a date (2022-01-08, 2022-01, 2022), a date and time with an offset (2022-01-08T10:00+06:00) or JSON; got "${raw}"`);
  const [, date, time, offset] = m;
  return { date, ...(time && { time }), ...(offset && { offset: offset.toUpperCase() }), ...(zone && { zone }) };
}

/** Now, to the minute, in UTC: the default report time. */
function now(d: Date): Json {
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), offset: 'Z' };
}

function sites(values: string[]): Json[] | undefined {
  if (!values.length) return undefined;
  return values.map((v) => {
    const at = v.indexOf(':');
    return at < 0 ? { type: v } : { type: v.slice(0, at), name: v.slice(at + 1) };
  });
}

function relations(values: string[]): Json[] | undefined {
  if (!values.length) return undefined;
  return values.map((v) => {
    const at = v.indexOf(':');
    if (at < 1) throw new UsageError(`--relation must be <type>:<id> (e.g. lifts:kz-unrest-2022:curfew), got "${v}"`);
    return { type: v.slice(0, at), to: v.slice(at + 1) };
  });
}

/** Drops undefined fields so they do not override --payload values or trip strict objects. */
function prune(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The field that says what happened, for a default headline. */
const WHAT = ['action', 'measure', 'movement', 'stage', 'event', 'activity', 'hazard', 'type', 'service', 'status'];

/** A plain headline from the facts, for when --headline is not given: "More than 4,400 arrested", "Curfew: declared". */
export function defaultHeadline(kind: Kind, payload: Json): string {
  try {
    const [first] = figuresOf({ kind, payload } as KindAndPayload);
    if (first) return cap(`${formatQuantity(first.figure)} ${first.metric}`);
  } catch {
    // An incomplete payload: the schema will say what is missing.
  }
  const what = WHAT.map((k) => payload[k]).find((v): v is string => typeof v === 'string');
  const label = cap(kind.replace(/-/g, ' '));
  return what ? `${label}: ${what.replace(/-/g, ' ')}` : label;
}

export interface BuildOptions {
  now?: Date;
}

/**
 * The update described by the flags (unvalidated, schema v2). Throws
 * UsageError for an unknown kind or for flags that do not belong to the kind.
 */
export function updateFromFlags(kind: string, values: Record<string, unknown>, tokens: Token[], opts: BuildOptions = {}): Json {
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}"; one of ${KINDS.join(', ')}`);
  const k = kind as Kind;
  const own = flagsFor(k);
  const foreign = Object.keys(values).filter((n) => values[n] !== undefined && !ENVELOPE_FLAGS.includes(n) && !own.has(n));
  if (foreign.length) throw new UsageError(`${foreign.map((n) => `--${n}`).join(', ')} ${foreign.length > 1 ? 'do' : 'does'} not apply to ${k} (see \`newswire publish ${k} --help\` for its flags)`);
  const e = new Envelope(values, tokens);
  const base = e.str('payload') === undefined ? {} : parseJson('payload', e.str('payload')!);
  if (!isObject(base)) throw new UsageError('--payload must be a JSON object');
  const payload = fitToSchema(PAYLOAD_SCHEMAS[k], merge(base, payloadFrom(k, tokens))) as Json;
  const zone = e.str('zone');
  const placeJson = e.str('place') === undefined ? {} : parseJson('place', e.str('place')!);
  if (!isObject(placeJson)) throw new UsageError('--place must be a JSON object (a Place)');
  const district = e.all('district');
  const place = merge(
    placeJson,
    prune({ country: e.str('country'), admin1: e.str('admin1'), admin2: e.str('admin2'), city: e.str('city'), districts: district.length ? district : undefined, sites: sites(e.all('site')), extent: e.str('extent') }),
  );
  return prune({
    schema: 2,
    id: e.str('id') ?? randomUUID(),
    story: e.str('story'),
    kind: k,
    headline: e.str('headline') ?? defaultHeadline(k, payload),
    body: e.str('body-text'),
    language: e.str('language'),
    by: e.str('byline'),
    located: e.str('located'),
    occurred: e.str('occurred') === undefined ? undefined : instantFromFlag('occurred', e.str('occurred')!, zone),
    reported: e.str('reported') === undefined ? { ...now(opts.now ?? new Date()) } : instantFromFlag('reported', e.str('reported')!, zone),
    embargoed: e.str('embargoed'),
    place,
    sources: sources(e) ?? [{ name: 'newsroom', role: 'newsroom' }],
    evidence: e.all('evidence').length ? e.all('evidence').map((v) => parseJson('evidence', v)) : undefined,
    verification: e.str('verification') ?? 'reported',
    urgency: e.str('urgency') ?? 'routine',
    revises: e.str('revises'),
    retracts: e.str('retracts'),
    relations: relations(e.all('relation')),
    payload,
  });
}

let blockDescriptions: Map<string, string> | undefined;

/** The description the JSON Schema export gives a building block ($defs). */
function describeBlock(name: string): string | undefined {
  if (!blockDescriptions) {
    const doc = jsonSchemaDocuments().get('update.schema.json') as { $defs?: Record<string, { description?: string }> } | undefined;
    blockDescriptions = new Map(Object.entries(doc?.$defs ?? {}).flatMap(([k, v]) => (v.description ? [[k, v.description]] : [])));
  }
  return blockDescriptions.get(name);
}

/** `newswire publish <kind> --help`: the kind's payload flags, from its schema, and the building blocks they use. */
export function kindHelp(kind: Kind): string {
  const { lines, blocks } = helpLines([...flagsFor(kind).values()]);
  const out = [`Payload flags of ${kind} (from its v2 schema):`, ...lines.map((l) => `  ${l}`)];
  if (blocks.size) {
    out.push('', 'Building blocks (JSON, or one field per dotted flag):');
    for (const [name, fields] of blocks) {
      out.push(`  <${name}>  ${describeBlock(name) ?? ''}`.trimEnd());
      for (const { field, spec } of fields) {
        const arg = spec.type === 'json' ? `<${spec.block ?? 'json'}>` : spec.values ? spec.values.join('|') : spec.type === 'boolean' ? '(flag)' : spec.type === 'number' ? '<n>' : '<text>';
        out.push(`      .${field} ${arg}${spec.repeatable ? ' (repeat)' : ''}`);
      }
    }
  }
  return out.join('\n');
}

/** The first-level payload flags of a kind, for the overview in `newswire publish --help`. */
export function topLevelFlags(kind: Kind): string[] {
  return [...flagsFor(kind).values()].filter((f) => !f.name.includes('.')).map((f) => f.name);
}
