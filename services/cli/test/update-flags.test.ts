/**
 * `newswire publish <kind>` flags are derived from the v2 schema: every
 * corpus update (all 18 kinds, 150+ real facts) can be said with flags alone
 * and comes back identical; the flags follow the schema (a new field or enum
 * value is a flag at once); lists of objects are built in command-line order;
 * quantities and times take words.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ARREST_ACTIONS, KINDS, PAYLOAD_SCHEMAS, parseUpdate, QUALIFIERS, type Update } from '@newswire/schema/v2';
import { ROOT } from '@newswire/test-support';
import { flagsOf, type FlagSpec } from '../src/producers/schema-flags.ts';
import { ENVELOPE_FLAGS, KIND_FLAGS, kindHelp, payloadFlagSpecs, quantityFromWords, updateFlagOptions, updateFromFlags } from '../src/producers/update-flags.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const CORPUS_DIR = join(ROOT, 'shared', 'schema', 'corpus');
const corpus: Update[] = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.ndjson'))
  .flatMap((f) => readFileSync(join(CORPUS_DIR, f), 'utf8').split('\n').filter(Boolean))
  .map((l) => JSON.parse(l) as Update);

/** Runs the flags through parseArgs exactly as `newswire publish` does, then builds the update. */
function build(kind: string, argv: string[]): Json {
  const { values, tokens } = parseArgs({ args: argv, options: updateFlagOptions(), strict: true, tokens: true, allowPositionals: false });
  return updateFromFlags(kind, values, tokens, { now: new Date('2022-01-08T10:00:00Z') });
}

/**
 * The flags that say `value` at `name`: dotted flags wherever the kind has a
 * flag for every field (lists of objects element by element, each element
 * starting with a field the previous one has), JSON where it has not.
 */
function toArgv(flags: Map<string, FlagSpec>, name: string, value: unknown, dotted: boolean): string[] {
  const f = flags.get(name);
  if (!f) throw new Error(`no flag --${name}`);
  if (Array.isArray(value)) {
    if (f.type !== 'json') return value.flatMap((v) => [`--${name}`, String(v)]);
    const out: string[] = [];
    let prevKeys: string[] = [];
    for (const el of value as Json[]) {
      const keys = Object.keys(el);
      const fieldsHaveFlags = keys.every((k) => flags.has(`${name}.${kebab(k)}`));
      // A dotted element must start with a field the previous element has, or it would merge into it.
      const order = prevKeys.length ? [...keys].sort((a, b) => Number(prevKeys.includes(b)) - Number(prevKeys.includes(a))) : keys;
      if (dotted && fieldsHaveFlags && (prevKeys.length === 0 || prevKeys.includes(order[0]!))) {
        for (const k of order) out.push(...toArgv(flags, `${name}.${kebab(k)}`, el[k], dotted));
      } else out.push(`--${name}`, JSON.stringify(el));
      prevKeys = keys;
    }
    return out;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (dotted && keys.every((k) => flags.has(`${name}.${kebab(k)}`))) return keys.flatMap((k) => toArgv(flags, `${name}.${kebab(k)}`, value[k], dotted));
    return [`--${name}`, JSON.stringify(value)];
  }
  if (value === true && f.type === 'boolean') return [`--${name}`];
  return [`--${name}`, String(value)];
}

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every envelope field of `u` as envelope flags (the schema's own field names, or the few renamed ones). */
function envelopeArgv(u: Update): string[] {
  const out = ['--id', u.id, '--story', u.story, '--headline', u.headline, '--reported', JSON.stringify(u.reported), '--place', JSON.stringify(u.place)];
  if (u.body !== undefined) out.push('--body-text', u.body);
  if (u.language !== undefined) out.push('--language', u.language);
  if (u.by !== undefined) out.push('--byline', u.by);
  if (u.located !== undefined) out.push('--located', u.located);
  if (u.occurred !== undefined) out.push('--occurred', JSON.stringify(u.occurred));
  if (u.embargoed !== undefined) out.push('--embargoed', u.embargoed);
  for (const s of u.sources) {
    out.push('--source', s.name, '--source-role', s.role);
    if (s.title !== undefined) out.push('--source-title', s.title);
    if (s.url !== undefined) out.push('--source-url', s.url);
    for (const v of s.via ?? []) {
      out.push('--via', v.name, '--via-role', v.role);
      if (v.title !== undefined) out.push('--via-title', v.title);
      if (v.url !== undefined) throw new Error('a via link with a url has no flag');
    }
  }
  for (const e of u.evidence ?? []) out.push('--evidence', JSON.stringify(e));
  out.push('--verification', u.verification, '--urgency', u.urgency);
  if (u.revises !== undefined) out.push('--revises', u.revises);
  if (u.retracts !== undefined) out.push('--retracts', u.retracts);
  for (const r of u.relations ?? []) out.push('--relation', `${r.type}:${r.to}`);
  return out;
}

function payloadArgv(u: Update, dotted: boolean): string[] {
  const flags = new Map(payloadFlagSpecs(u.kind).map((f) => [f.name, f]));
  const named = (k: string) => (flags.has(kebab(k)) ? kebab(k) : `payload.${kebab(k)}`);
  return Object.entries(u.payload as Json).flatMap(([k, v]) => toArgv(flags, named(k), v, dotted));
}

describe('publish <kind> flags, derived from the v2 schema', () => {
  it('say every corpus update, of every kind, and give it back identical (dotted flags, and JSON flags)', () => {
    expect(new Set(corpus.map((u) => u.kind))).toEqual(new Set(KINDS));
    for (const u of corpus) {
      for (const dotted of [true, false]) {
        const argv = [...envelopeArgv(u), ...payloadArgv(u, dotted)];
        const built = build(u.kind, argv);
        const parsed = parseUpdate(built);
        expect(parsed.ok ? [] : parsed.errors, `${u.id} (${dotted ? 'dotted' : 'json'}): ${argv.join(' ')}`).toEqual([]);
        expect(parsed.ok && parsed.update, u.id).toEqual(parseUpdate(u).ok && u);
      }
    }
    expect(corpus.length).toBeGreaterThan(100);
  });

  it('follow the schema: every field is a flag, enum values are the schema’s, and any zod schema gives flags the same way', () => {
    const arrests = new Map(flagsOf(PAYLOAD_SCHEMAS.arrests).map((f) => [f.name, f]));
    expect(arrests.get('action')?.values).toEqual([...ARREST_ACTIONS]);
    expect(arrests.get('count.qualifier')?.values).toEqual(expect.arrayContaining([...QUALIFIERS]));
    expect(arrests.get('count')).toMatchObject({ type: 'json', block: 'Figure' });
    expect(arrests.get('who')).toMatchObject({ type: 'json', block: 'Actor', repeatable: true });
    expect(arrests.get('detainees.charges')).toMatchObject({ type: 'string', repeatable: true });
    // A schema the CLI has never seen: its fields become flags by the same rules.
    const made = flagsOf(
      z.strictObject({
        fooBar: z.enum(['a', 'b']).optional(),
        size: z.number(),
        open: z.literal(true).optional(),
        tags: z.array(z.string()),
        inner: z.strictObject({ deepField: z.string() }),
        items: z.array(z.strictObject({ y: z.string(), z: z.number() })),
      }),
    );
    expect(made.map((f) => [f.name, f.type, f.repeatable])).toEqual([
      ['foo-bar', 'string', false],
      ['size', 'number', false],
      ['open', 'boolean', false],
      ['tags', 'string', true],
      ['inner', 'json', false],
      ['inner.deep-field', 'string', false],
      ['items', 'json', true],
      ['items.y', 'string', false],
      ['items.z', 'number', false],
    ]);
  });

  it('are listed in the kind’s help, every one, with its allowed values', () => {
    for (const kind of KINDS) {
      const help = kindHelp(kind);
      for (const f of payloadFlagSpecs(kind)) {
        // Fields of a building block are listed once, under the block.
        const shown = help.includes(`--${f.name}`) || (f.inBlock !== undefined && help.includes(`.${f.name.split('.').at(-1)}`));
        expect(shown, `${kind}: --${f.name}`).toBe(true);
        if (f.values && !f.inBlock) expect(help, `${kind}: --${f.name}`).toContain(f.values.join('|'));
      }
    }
    expect(kindHelp('arrests')).toContain('A quantity plus its scope');
  });

  it('never clash: a payload field named like an envelope flag is --payload.<field>, and a name is a boolean in every kind or in none', () => {
    const options = updateFlagOptions();
    for (const kind of KINDS) {
      for (const name of KIND_FLAGS[kind]) expect(!name.startsWith('payload.') && ENVELOPE_FLAGS.includes(name.split('.')[0]!), `${kind}: --${name}`).toBe(false);
      for (const f of payloadFlagSpecs(kind)) expect(options[f.name]?.type, `${kind}: --${f.name}`).toBe(f.type === 'boolean' ? 'boolean' : 'string');
    }
    expect(KIND_FLAGS.unrest).toContain('payload.extent');
    const u = build('unrest', ['--story', 's', '--country', 'KZ', '--extent', 'whole', '--activity', 'protests', '--payload.extent', 'nationwide']);
    expect([(u.place as Json).extent, (u.payload as Json).extent]).toEqual(['whole', 'nationwide']);
  });

  it('fit a field whose shape differs by branch: diplomacy --by is one actor for envoys, a list for statements', () => {
    const envoys = build('diplomacy', ['--story', 's', '--country', 'NE', '--action', 'envoys', '--measure', 'ambassador-expelled', '--by.type', 'government', '--concerning.type', 'foreign-state', '--concerning.country', 'FR']);
    expect((envoys.payload as Json).by).toEqual({ type: 'government' });
    const statement = build('diplomacy', ['--story', 's', '--country', 'NE', '--action', 'statement', '--by.type', 'international-organisation', '--by.name', 'ECOWAS', '--stances', 'condemns']);
    expect((statement.payload as Json).by).toEqual([{ type: 'international-organisation', name: 'ECOWAS' }]);
    expect(parseUpdate(envoys).ok && parseUpdate(statement).ok).toBe(true);
  });

  it('build lists of objects in command-line order: a field given again starts the next element', () => {
    const u = build('casualties', [
      '--story', 's', '--country', 'KZ', '--status', 'figures',
      '--killed.total', 'more-than 40', '--killed.total.scope', 'toll',
      '--killed.breakdown.who.type', 'state-forces',
      '--killed.breakdown.who.type', 'civilians', '--killed.breakdown.who.roles', 'child', '--killed.breakdown.who.roles', 'woman',
      '--killed.breakdown.figure', '3', '--killed.breakdown.figure.scope', 'toll',
      '--victims', '{"person":{"type":"civilians","age":11},"outcome":"killed"}', '--victims.cause', 'shot',
      '--victims.person.type', 'protesters', '--victims.outcome', 'injured',
    ]);
    expect(u.payload).toEqual({
      status: 'figures',
      killed: {
        total: { value: 40, qualifier: 'more-than', scope: 'toll' },
        breakdown: [{ who: { type: 'state-forces' } }, { who: { type: 'civilians', roles: ['child', 'woman'] }, figure: { value: 3, qualifier: 'exact', scope: 'toll' } }],
      },
      victims: [
        { person: { type: 'civilians', age: 11 }, outcome: 'killed', cause: 'shot' },
        { person: { type: 'protesters' }, outcome: 'injured' },
      ],
    });
    expect(parseUpdate(u).ok).toBe(true);
  });

  it('take quantities and times in words, and refuse what they cannot read', () => {
    expect(quantityFromWords('n', '4,400')).toEqual({ value: 4400, qualifier: 'exact' });
    expect(quantityFromWords('n', 'more-than 4400')).toEqual({ value: 4400, qualifier: 'more-than' });
    expect(quantityFromWords('n', '30-50')).toEqual({ min: 30, max: 50 });
    expect(quantityFromWords('n', 'about 30-50')).toEqual({ min: 30, max: 50, qualifier: 'about' });
    expect(quantityFromWords('n', 'dozens')).toEqual({ vague: 'dozens' });
    expect(quantityFromWords('n', 'more-than a-dozen')).toEqual({ vague: 'a-dozen', qualifier: 'more-than' });
    expect(() => quantityFromWords('count', 'lots')).toThrow(/--count must be JSON or a quantity in words/);
    const c = build('commemoration', ['--story', 's', '--country', 'KZ', '--type', 'day-of-mourning', '--on', '2022-01-10', '--honouring', 'the victims', '--reported', '2022-01-08T10:00+06:00', '--zone', 'Asia/Almaty']);
    expect(c.reported).toEqual({ date: '2022-01-08', time: '10:00', offset: '+06:00', zone: 'Asia/Almaty' });
    expect((c.payload as Json).on).toEqual({ date: '2022-01-10' });
    expect(parseUpdate(c).ok).toBe(true);
    expect(() => build('arrests', ['--story', 's', '--reported', 'yesterday'])).toThrow(/--reported must be a date/);
    expect(() => build('arrests', ['--story', 's', '--who', 'protesters'])).toThrow(/--who is not valid JSON/);
    expect(() => build('arrests', ['--story', 's', '--action', 'arrested', '--action', 'released'])).toThrow(/--action given twice/);
    expect(() => build('diplomacy', ['--story', 's', '--killed.total', '3'])).toThrow(/--killed.total does not apply to diplomacy/);
    // v1's flags are gone, with a clear refusal.
    expect(() => build('arrests', ['--story', 's', '--qualifier', 'more-than'])).toThrow(/Unknown option '--qualifier'/);
  });

  it('derive a default headline from the facts', () => {
    expect(build('arrests', ['--story', 's', '--count', 'more-than 4400', '--count.scope', 'toll']).headline).toBe('More than 4,400 arrested');
    expect(build('security-measure', ['--story', 's', '--measure', 'curfew', '--status', 'declared']).headline).toBe('Security measure: curfew');
  });
});
