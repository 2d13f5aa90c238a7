/**
 * The help of `newswire publish`: the envelope flags every kind takes, and a
 * kind's payload flags with the building blocks they use, from its schema.
 */
import { jsonSchemaDocuments, type Kind } from '@newswire/schema/v2';
import { helpLines } from '../schema-flags.ts';
import { flagsFor } from './table.ts';

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

let blockDescriptions: Map<string, string> | undefined;

/** The description the JSON Schema export gives a building block ($defs). */
function describeBlock(name: string): string | undefined {
  if (!blockDescriptions) {
    const doc = jsonSchemaDocuments().get('update.schema.json') as { $defs?: Record<string, { description?: string }> } | undefined;
    blockDescriptions = new Map(Object.entries(doc?.$defs ?? {}).flatMap(([k, v]) => (v.description ? [[k, v.description]] : [])));
  }
  return blockDescriptions.get(name);
}
