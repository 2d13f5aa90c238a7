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
 *
 * The parts, in update-flags/: table.ts (which flags exist), words.ts (values
 * as typed), payload.ts, envelope.ts and headline.ts (the update's parts),
 * help.ts (`publish <kind> --help`).
 */
import { randomUUID } from 'node:crypto';
import { KINDS, type Kind } from '@newswire/schema/v2';
import { UsageError } from '../command.ts';
import { Envelope, now, placeFrom, relations, sources } from './update-flags/envelope.ts';
import { defaultHeadline } from './update-flags/headline.ts';
import { prune, type Json } from './update-flags/json.ts';
import { payloadFromFlags } from './update-flags/payload.ts';
import { ENVELOPE_FLAGS, flagsFor, type Token } from './update-flags/table.ts';
import { instantFromFlag, parseJson } from './update-flags/words.ts';

export { ENVELOPE_FLAGS, KIND_FLAGS, payloadFlagSpecs, updateFlagOptions } from './update-flags/table.ts';
export { ENVELOPE_HELP, kindHelp, topLevelFlags } from './update-flags/help.ts';
export { instantFromFlag, quantityFromWords } from './update-flags/words.ts';
export { defaultHeadline } from './update-flags/headline.ts';

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
  const payload = payloadFromFlags(k, e.str('payload'), tokens);
  const zone = e.str('zone');
  const place = placeFrom(e);
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
