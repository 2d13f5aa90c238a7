/**
 * A kind's payload from its flags: `--payload <json>` as the base, the
 * payload flags on top in command-line order, fitted to the kind's schema
 * (unions to their branch). Not validated here: the schema reports problems.
 */
import { PAYLOAD_SCHEMAS, type Kind } from '@newswire/schema/v2';
import { UsageError } from '../../command.ts';
import { fitToSchema, type FlagSpec } from '../schema-flags.ts';
import { isObject, merge, type Json } from './json.ts';
import { flagsFor, type Token } from './table.ts';
import { instantFromFlag, parseJson, parseNumber, quantityFromWords } from './words.ts';

export function payloadFromFlags(kind: Kind, payloadJson: string | undefined, tokens: readonly Token[]): Json {
  const base = payloadJson === undefined ? {} : parseJson('payload', payloadJson);
  if (!isObject(base)) throw new UsageError('--payload must be a JSON object');
  return fitToSchema(PAYLOAD_SCHEMAS[kind], merge(base, payloadFrom(kind, tokens))) as Json;
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

/** One payload flag's value, as its field takes it. */
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

function getPath(obj: Json, path: readonly { key: string }[]): unknown {
  let v: unknown = obj;
  for (const s of path) v = isObject(v) ? v[s.key] : undefined;
  return v;
}
