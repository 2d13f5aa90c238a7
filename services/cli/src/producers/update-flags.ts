/**
 * Builds one update from `newswire publish <kind>` flags. The envelope comes
 * from common flags with sensible defaults (generated id, reportedAt now,
 * verification "reported", urgency "routine", a headline derived from the
 * facts); the payload from the kind's own flags, on top of `--payload <json>`
 * for anything the flags do not cover. The result is NOT validated here: the
 * caller runs it through the schema like any other input.
 */
import { randomUUID } from 'node:crypto';
import type { parseArgs } from 'node:util';
import { KINDS, type Kind } from '@newswire/schema';
import { UsageError } from '../command.ts';

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type Json = Record<string, unknown>;

/** Flags every kind accepts (besides the command's own: --brokers, --json, ...). */
export const ENVELOPE_FLAGS = [
  'id', 'story', 'headline', 'occurred-at', 'reported-at', 'country', 'scope', 'region', 'city',
  'source', 'source-role', 'source-title', 'source-url', 'via', 'verification', 'urgency', 'revises', 'retracts', 'payload',
] as const;

/** Payload flags per kind. Repeatable flags are marked in REPEATABLE. */
export const KIND_FLAGS: Record<Kind, readonly string[]> = {
  arrests: ['count', 'qualifier', 'tally', 'detainee', 'detainee-title', 'charge', 'detainee-status', 'arrested-by'],
  casualties: ['status', 'killed', 'injured', 'qualifier', 'including', 'perpetrator', 'about', 'last-figures', 'outcome', 'magnitude'],
  'government-change': ['action', 'body', 'office', 'person', 'person-title', 'by', 'successor', 'whole-body', 'previously-appointed-by'],
  'security-measure': ['measure', 'status', 'issued-by', 'ordered-to', 'target', 'described-as', 'warning', 'quote', 'until', 'official-name', 'conducted-by', 'curfew-from', 'curfew-to'],
  connectivity: ['service', 'state', 'cause', 'imposed-by', 'impedes-reporting'],
  'foreign-military': ['action', 'requested-by', 'organisation', 'acronym', 'led-by', 'status', 'troops', 'qualifier'],
  diplomacy: ['action', 'participant', 'duration', 'proposed-by', 'supported-by', 'organisation', 'acronym', 'attendees', 'format', 'expected', 'date'],
  unrest: ['activity', 'character', 'cause', 'against', 'extent', 'severity', 'duration', 'actor'],
  commemoration: ['type', 'date', 'ordered-by', 'honouring'],
};

const REPEATABLE = new Set([
  'source', 'via', 'detainee', 'charge', 'including', 'ordered-to', 'target', 'described-as', 'conducted-by',
  'participant', 'supported-by', 'character', 'cause', 'actor',
]);
const BOOLEAN = new Set(['whole-body', 'impedes-reporting']);

/** parseArgs option table for every update flag of every kind. */
export function updateFlagOptions(): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  const names = new Set<string>([...ENVELOPE_FLAGS, ...Object.values(KIND_FLAGS).flat()]);
  const out: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const n of names) {
    out[n] = BOOLEAN.has(n) ? { type: 'boolean' } : REPEATABLE.has(n) ? { type: 'string', multiple: true } : { type: 'string' };
  }
  return out;
}

/** Values of the update flags, read in command-line order (so --via follows its --source). */
class Flags {
  constructor(
    private readonly values: Record<string, unknown>,
    readonly tokens: Token[],
  ) {}
  str(name: string): string | undefined {
    const v = this.values[name];
    return typeof v === 'string' ? v : Array.isArray(v) ? (v.at(-1) as string | undefined) : undefined;
  }
  all(name: string): string[] {
    const v = this.values[name];
    return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  }
  bool(name: string): boolean | undefined {
    return this.values[name] === true ? true : undefined;
  }
  has(name: string): boolean {
    return this.values[name] !== undefined;
  }
  /** A whole number; "4,400" and "4_400" are accepted. */
  int(name: string): number | undefined {
    const raw = this.str(name);
    if (raw === undefined) return undefined;
    const cleaned = raw.replace(/[,_]/g, '');
    if (!/^-?\d+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
    return Number(cleaned);
  }
}

const actor = (name: string | undefined, title?: string): Json | undefined =>
  name === undefined && title === undefined ? undefined : prune({ name, title });
const actors = (names: string[]): Json[] | undefined => (names.length ? names.map((n) => ({ name: n })) : undefined);

/** Drops undefined fields so they do not override --payload values or trip strict objects. */
function prune(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flag values win over --payload values; nested objects merge. */
function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  }
  return out;
}

function figure(f: Flags, name: string): Json | undefined {
  const value = f.int(name);
  return value === undefined ? undefined : { value, qualifier: f.str('qualifier') ?? 'exact' };
}

/** Sources in command-line order: each --via / --source-role / --source-title / --source-url attaches to the --source before it. */
function sources(f: Flags): Json[] | undefined {
  const list: Json[] = [];
  for (const t of f.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'source') {
      list.push({ name: t.value });
      continue;
    }
    const attach = { via: 'via', 'source-role': 'role', 'source-title': 'title', 'source-url': 'url' }[t.name];
    if (!attach) continue;
    const current = list.at(-1);
    if (!current) throw new UsageError(`--${t.name} must follow the --source it belongs to`);
    if (attach === 'via') current.via = [...((current.via as Json[] | undefined) ?? []), { name: t.value }];
    else current[attach] = t.value;
  }
  return list.length ? list : undefined;
}

/** Detainees in command-line order: --detainee-title, --charge and --detainee-status attach to the --detainee before them. */
function detainees(f: Flags): Json[] | undefined {
  const list: { person: Json; charges?: string[]; status?: string }[] = [];
  for (const t of f.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    if (t.name === 'detainee') {
      list.push({ person: { name: t.value } });
      continue;
    }
    if (!['detainee-title', 'charge', 'detainee-status'].includes(t.name)) continue;
    const current = list.at(-1);
    if (!current) throw new UsageError(`--${t.name} must follow the --detainee it belongs to`);
    if (t.name === 'detainee-title') current.person.title = t.value;
    if (t.name === 'charge') current.charges = [...(current.charges ?? []), t.value];
    if (t.name === 'detainee-status') current.status = t.value;
  }
  return list.length ? list : undefined;
}

function organisation(f: Flags): Json | undefined {
  const name = f.str('organisation');
  return name === undefined ? undefined : prune({ name, acronym: f.str('acronym'), ledBy: f.str('led-by') });
}

function toll(f: Flags, which: 'killed' | 'injured', including: boolean): Json | undefined {
  const total = figure(f, which);
  const groups = including ? f.all('including').map((group) => ({ group })) : [];
  if (!total && groups.length === 0) return undefined;
  return prune({ total, groups: groups.length ? groups : undefined });
}

const PAYLOAD_BUILDERS: Record<Kind, (f: Flags) => Json> = {
  arrests: (f) =>
    prune({ count: figure(f, 'count'), tally: f.str('tally'), detainees: detainees(f), arrestedBy: actor(f.str('arrested-by')) }),
  casualties: (f) => {
    const status = f.str('status') ?? 'figures';
    if (status === 'no-new-information') return prune({ status, about: f.str('about') ?? 'killed', lastFigures: f.str('last-figures') });
    if (status === 'feared')
      return prune({ status, outcome: f.str('outcome') ?? 'killed', groups: f.all('including').length ? f.all('including') : undefined, magnitude: f.str('magnitude') });
    const perp = f.str('perpetrator');
    const killed = toll(f, 'killed', true);
    return prune({
      status,
      killed,
      // --including describes the killed toll unless only injured were given.
      injured: toll(f, 'injured', killed === undefined),
      perpetrator: perp === undefined ? undefined : perp === 'unknown' ? { status: 'unknown' } : { status: 'known', by: { name: perp } },
    });
  },
  'government-change': (f) =>
    prune({
      action: f.str('action'),
      body: f.str('body'),
      office: f.str('office'),
      person: actor(f.str('person'), f.str('person-title')),
      wholeBody: f.bool('whole-body'),
      by: actor(f.str('by')),
      successor: actor(f.str('successor')),
      previouslyAppointedBy: actor(f.str('previously-appointed-by')),
    }),
  'security-measure': (f) =>
    prune({
      measure: f.str('measure'),
      status: f.str('status'),
      issuedBy: actor(f.str('issued-by')),
      orderedTo: actors(f.all('ordered-to')),
      targets: f.all('target').length ? f.all('target') : undefined,
      targetsDescribedAs: f.all('described-as').length ? f.all('described-as') : undefined,
      warning: f.str('warning'),
      quote: f.str('quote'),
      until: f.str('until'),
      officialName: f.str('official-name'),
      conductedBy: actors(f.all('conducted-by')),
      from: f.str('curfew-from'),
      to: f.str('curfew-to'),
    }),
  connectivity: (f) => {
    if (f.all('cause').length > 1) throw new UsageError('--cause may be given once for connectivity');
    return prune({
      service: f.str('service'),
      state: f.str('state'),
      cause: f.str('cause'),
      imposedBy: actor(f.str('imposed-by')),
      impedesReporting: f.bool('impedes-reporting'),
    });
  },
  'foreign-military': (f) => {
    const action = f.str('action');
    if (action === 'help-requested') return prune({ action, requestedBy: actor(f.str('requested-by')), from: organisation(f) });
    return prune({ action, status: f.str('status'), force: organisation(f), troops: figure(f, 'troops') });
  },
  diplomacy: (f) => {
    const action = f.str('action');
    if (action === 'summit-proposed')
      return prune({
        action,
        proposedBy: actor(f.str('proposed-by')),
        supportedBy: actors(f.all('supported-by')),
        organisation: organisation(f),
        attendees: f.str('attendees'),
        format: f.str('format'),
        expected: f.str('expected'),
        date: f.str('date'),
      });
    if (action === 'meeting') return prune({ action, participants: actors(f.all('participant')), format: f.str('format') });
    return prune({ action, participants: actors(f.all('participant')), duration: f.str('duration') });
  },
  unrest: (f) =>
    prune({
      activity: f.str('activity'),
      character: f.all('character').length ? f.all('character') : undefined,
      causes: f.all('cause').length ? f.all('cause') : undefined,
      against: actor(f.str('against')),
      extent: f.str('extent'),
      severity: f.str('severity'),
      duration: f.str('duration'),
      actors: actors(f.all('actor')),
    }),
  commemoration: (f) =>
    prune({ type: f.str('type'), date: f.str('date'), orderedBy: actor(f.str('ordered-by')), honouring: f.str('honouring') }),
};

const QUALIFIER_WORDS: Record<string, string> = {
  exact: '',
  about: 'about ',
  'at-least': 'at least ',
  'more-than': 'more than ',
  'up-to': 'up to ',
  'fewer-than': 'fewer than ',
};

function figureText(fig: unknown): string | undefined {
  if (!isObject(fig) || typeof fig.value !== 'number') return undefined;
  return `${QUALIFIER_WORDS[String(fig.qualifier)] ?? ''}${fig.value.toLocaleString('en-US')}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const nameOf = (a: unknown) => (isObject(a) ? String(a.name ?? a.title ?? '') : '');

/** A plain headline from the facts, for when --headline is not given. */
export function defaultHeadline(kind: Kind, p: Json): string {
  switch (kind) {
    case 'arrests': {
      const n = figureText(p.count);
      const first = Array.isArray(p.detainees) ? nameOf((p.detainees[0] as Json | undefined)?.person) : '';
      return n ? `${cap(n)} arrested` : first ? `${first} arrested` : 'Arrests reported';
    }
    case 'casualties': {
      const killed = figureText(isObject(p.killed) ? p.killed.total : undefined);
      const injured = figureText(isObject(p.injured) ? p.injured.total : undefined);
      if (killed) return `${cap(killed)} killed${injured ? `, ${injured} injured` : ''}`;
      if (injured) return `${cap(injured)} injured`;
      return p.status === 'no-new-information' ? 'No new information on casualties' : 'Casualties reported';
    }
    case 'government-change':
      return `${nameOf(p.person) || (p.wholeBody ? `Entire ${String(p.body ?? 'body')}` : String(p.office ?? p.body ?? 'Official'))} ${String(p.action ?? 'changed')}`;
    case 'security-measure':
      return `${cap(String(p.measure ?? 'security measure').replace(/-/g, ' '))} ${String(p.status ?? '')}`.trim();
    case 'connectivity':
      return `${cap(String(p.service ?? 'connectivity'))} ${String(p.state ?? '').replace(/-/g, ' ')}`.trim();
    case 'foreign-military': {
      const troops = figureText(p.troops);
      if (troops) return `${cap(troops)} foreign troops ${String(p.status ?? '')}`.trim();
      return `Foreign military ${String(p.action ?? 'update').replace(/-/g, ' ')}`;
    }
    case 'diplomacy':
      return cap(String(p.action ?? 'diplomacy').replace(/-/g, ' '));
    case 'unrest':
      return cap(String(p.activity ?? 'unrest'));
    case 'commemoration':
      return `${cap(String(p.type ?? 'commemoration').replace(/-/g, ' '))}${p.honouring ? ` for ${String(p.honouring)}` : ''}`;
  }
}

function parsePayloadFlag(raw: string | undefined): Json {
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new UsageError(`--payload is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new UsageError('--payload must be a JSON object');
  return parsed;
}

export interface BuildOptions {
  now?: Date;
}

/**
 * The update described by the flags (unvalidated). Throws UsageError for an
 * unknown kind or for flags that do not belong to the kind.
 */
export function updateFromFlags(kind: string, values: Record<string, unknown>, tokens: Token[], opts: BuildOptions = {}): Json {
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown kind "${kind}"; one of ${KINDS.join(', ')}`);
  }
  const k = kind as Kind;
  const allowed = new Set<string>([...ENVELOPE_FLAGS, ...KIND_FLAGS[k]]);
  const foreign = Object.keys(values).filter((n) => n in updateFlagOptions() && !allowed.has(n) && values[n] !== undefined);
  if (foreign.length) {
    throw new UsageError(`${foreign.map((n) => `--${n}`).join(', ')} does not apply to ${k} (its flags: ${KIND_FLAGS[k].map((n) => `--${n}`).join(' ')})`);
  }
  const f = new Flags(values, tokens);
  const payload = merge(parsePayloadFlag(f.str('payload')), PAYLOAD_BUILDERS[k](f));
  const region = f.str('region');
  const city = f.str('city');
  const scope = f.str('scope') ?? (city ? 'local' : region ? 'regional' : 'nationwide');
  return prune({
    schema: 1,
    id: f.str('id') ?? randomUUID(),
    story: f.str('story'),
    kind: k,
    headline: f.str('headline') ?? defaultHeadline(k, payload),
    occurredAt: f.str('occurred-at'),
    reportedAt: f.str('reported-at') ?? (opts.now ?? new Date()).toISOString(),
    place: prune({ country: f.str('country'), scope, region, city }),
    sources: sources(f) ?? [{ name: 'newsroom', role: 'newsroom' }],
    verification: f.str('verification') ?? 'reported',
    urgency: f.str('urgency') ?? 'routine',
    revises: f.str('revises'),
    retracts: f.str('retracts'),
    payload,
  });
}
