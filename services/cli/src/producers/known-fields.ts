/**
 * The fields allowed where an unknown one was found, read from the JSON
 * Schema newswire publishes (`newswire schema`), so "is not a known field"
 * can say what would have been: `payload.counted: is not a known field;
 * allowed here: count, detainees, tally, ...`. The kind's own schema is used
 * when the line names a known kind; otherwise every kind's fields at that
 * place are offered.
 */
import { jsonSchemaDocuments as v1Documents } from '@newswire/schema';
import { jsonSchemaDocuments as v2Documents } from '@newswire/schema/v2';

type Json = { [k: string]: unknown };

const docs: { 1?: Map<string, unknown>; 2?: Map<string, unknown> } = {};

/** The JSON Schema of the version the input claims (v2 unless it says `schema: 1`). */
function schemaFor(kind: unknown, version: 1 | 2 = 2): Json | undefined {
  const byFile = (docs[version] ??= version === 1 ? v1Documents() : v2Documents());
  const doc = (typeof kind === 'string' && byFile.get(`${kind}.schema.json`)) || byFile.get('update.schema.json');
  return doc as Json | undefined;
}

/** The object schemas a (sub)schema can be: $ref resolved, unions and allOf flattened. */
function objects(schema: unknown, root: Json, depth = 0): Json[] {
  if (!schema || typeof schema !== 'object' || depth > 20) return [];
  const s = schema as Json;
  if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = (target as Json | undefined)?.[part];
    return objects(target, root, depth + 1);
  }
  const out: Json[] = [];
  if (s.properties && typeof s.properties === 'object') out.push(s);
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (Array.isArray(s[key])) for (const option of s[key] as unknown[]) out.push(...objects(option, root, depth + 1));
  }
  return out;
}

/** Field names allowed at `path` (the unknown field's parent), or [] when the schema cannot tell. */
export function allowedFieldsAt(kind: unknown, path: readonly string[], version: 1 | 2 = 2): string[] {
  const root = schemaFor(kind, version);
  if (!root) return [];
  let current: unknown[] = [root];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const schema of current) {
      for (const o of objects(schema, root)) {
        if (/^\d+$/.test(segment)) {
          // An array position: the array's item schema (the array schema itself may be a $ref'd object's property).
          if (o.items) next.push(o.items);
        } else {
          const props = o.properties as Json;
          if (props[segment] !== undefined) next.push(props[segment]);
        }
      }
      // Arrays are not objects: look through them directly too.
      const s = schema as Json;
      if (/^\d+$/.test(segment) && s && typeof s === 'object' && s.items) next.push(s.items);
    }
    current = next;
  }
  const names = new Set<string>();
  for (const schema of current) for (const o of objects(schema, root)) for (const k of Object.keys(o.properties as Json)) names.add(k);
  return [...names].sort();
}

/** "is not a known field; allowed here: a, b, c" (the message as it was when the schema cannot tell). */
export function explainUnknownField(input: unknown, path: string, message: string): string {
  if (message !== 'is not a known field') return message;
  // The unknown key may be quoted (odd characters, dots included); the keys above it are the schema's own.
  const parent = path.replace(/\.?("(?:[^"\\]|\\.)*"|[^.]+)$/, '');
  const kind = input && typeof input === 'object' ? (input as Json).kind : undefined;
  const version = input && typeof input === 'object' && (input as Json).schema === 1 ? 1 : 2;
  const allowed = allowedFieldsAt(kind, parent ? parent.split('.') : [], version);
  return allowed.length ? `${message}; allowed here: ${allowed.join(', ')}` : message;
}
