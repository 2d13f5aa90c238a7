/**
 * Command-line flags derived from a zod schema (the v2 payload of a kind), so
 * `newswire publish <kind>` never restates the schema by hand: a field added
 * to the schema is a flag, with its allowed values, at once.
 *
 * How a schema becomes flags (camelCase keys become kebab-case):
 *   - a string, number or boolean field        --name <value> (a boolean: --name)
 *   - an enum or literal field                 --name <value>, values listed in the help
 *   - a list of those                          --name <value>, repeated
 *   - an object                                --name <json>, and its fields as dotted
 *                                              flags: --count.value 4400 --count.scope toll
 *   - a list of objects                        --name <json> (repeat: one element each), and
 *                                              dotted flags that build the elements in
 *                                              order: a field given again starts the next
 *                                              element (--who.type protesters --who.type civilians)
 *   - a union (a figure is a value, a range or a vague word; a discriminated payload)
 *                                              the flags of every branch; the schema decides
 *                                              which branch the result is
 * The shared building blocks (Actor, Figure, Quantity, Place, Instant, Period,
 * When, Duration, ...) get their scalar fields as dotted flags; blocks inside a
 * block (a figure's asOf and place) take JSON only, which keeps the list short.
 * Anything deeper than MAX_DEPTH takes JSON at the deepest flag.
 */
import type { z } from 'zod';
import {
  actorSchema,
  durationSchema,
  evidenceSchema,
  figureSchema,
  instantSchema,
  periodSchema,
  placeSchema,
  quantitySchema,
  relationSchema,
  sourceLinkSchema,
  sourceSchema,
  whenSchema,
} from '@newswire/schema/v2';

export type FlagType = 'string' | 'number' | 'boolean' | 'json';

/** One step of a flag's path: a key, and whether its value is a list of objects (elements built in order). */
export interface Segment {
  key: string;
  elements: boolean;
}

export interface FlagSpec {
  /** The flag without dashes: `count.value`, `who.type`, `action`. */
  name: string;
  path: Segment[];
  type: FlagType;
  /** A list of scalars (each use adds one), or a JSON flag of a list of objects (each use adds one element). */
  repeatable: boolean;
  /** Allowed values of an enum or literal field. */
  values?: string[];
  /** The building block a JSON flag stands for (Actor, Figure, ...). */
  block?: string;
  /** The block this flag is a field of, for grouping in the help. */
  inBlock?: string;
  /** The schema's own description of the field, when it has one. */
  description?: string;
}

/** The building blocks, by the name the JSON Schema export gives them ($defs). */
const BLOCKS = new Map<unknown, string>([
  [actorSchema, 'Actor'],
  [figureSchema, 'Figure'],
  [quantitySchema, 'Quantity'],
  [placeSchema, 'Place'],
  [instantSchema, 'Instant'],
  [periodSchema, 'Period'],
  [whenSchema, 'When'],
  [durationSchema, 'Duration'],
  [sourceSchema, 'Source'],
  [sourceLinkSchema, 'SourceLink'],
  [evidenceSchema, 'Evidence'],
  [relationSchema, 'Relation'],
]);

/** Flags nest at most this many keys deep; a deeper object takes JSON at this depth. */
export const MAX_DEPTH = 4;

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/default/nullable/pipe/lazy wrappers (a pipe is read by its input). */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(d.type)) s = d.innerType as z.ZodType;
    else if (d.type === 'pipe') s = d.in as z.ZodType;
    else if (d.type === 'lazy') s = (d.getter as () => z.ZodType)();
    else return s;
  }
  return s;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const nameOf = (path: readonly Segment[]) => path.map((s) => kebab(s.key)).join('.');

/** A scalar's flag type and allowed values, or undefined for objects, lists and unions of objects. */
function scalar(s: z.ZodType): { type: FlagType; values?: string[] } | undefined {
  const d = defOf(unwrap(s));
  switch (d.type) {
    case 'string':
      return { type: 'string' };
    case 'number':
    case 'int':
    case 'bigint':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', values: Object.values(d.entries as Record<string, string>).map(String) };
    case 'literal': {
      const values = d.values as unknown[];
      if (values.every((v) => v === true)) return { type: 'boolean' };
      return { type: typeof values[0] === 'number' ? 'number' : 'string', values: values.map(String) };
    }
    case 'union': {
      // A union of scalars (not of objects) is one flag whose values are every branch's.
      const parts = (d.options as z.ZodType[]).map(scalar);
      if (parts.some((p) => p === undefined)) return undefined;
      const values = parts.flatMap((p) => p!.values ?? []);
      const type = parts.every((p) => p!.type === parts[0]!.type) ? parts[0]!.type : 'string';
      return values.length && parts.every((p) => p!.values) ? { type, values } : { type };
    }
    default:
      return undefined;
  }
}

/** The object shapes a schema can be (a union's object branches merged by key). */
function shapesOf(s: z.ZodType): Record<string, z.ZodType>[] | undefined {
  const d = defOf(unwrap(s));
  if (d.type === 'object') return [d.shape as Record<string, z.ZodType>];
  if (d.type === 'union') {
    const all = (d.options as z.ZodType[]).map(shapesOf);
    return all.every((a) => a !== undefined) ? all.flat() as Record<string, z.ZodType>[] : undefined;
  }
  return undefined;
}

function add(out: Map<string, FlagSpec>, spec: FlagSpec): void {
  const prev = out.get(spec.name);
  if (!prev) {
    out.set(spec.name, spec);
    return;
  }
  // The same field in several union branches: one flag, every branch's values.
  if (prev.type !== spec.type) prev.type = prev.type === 'json' || spec.type === 'json' ? 'json' : 'string';
  prev.repeatable ||= spec.repeatable;
  if (prev.values && spec.values) prev.values = [...new Set([...prev.values, ...spec.values])];
  else if (!spec.values) delete prev.values;
  prev.description ??= spec.description;
}

function walk(s: z.ZodType, path: Segment[], out: Map<string, FlagSpec>, inBlock: string | undefined): void {
  const base = unwrap(s);
  const description = (s as { description?: string }).description ?? (base as { description?: string }).description;
  const name = nameOf(path);
  const leaf = scalar(base);
  if (leaf) {
    add(out, { name, path, type: leaf.type, repeatable: false, ...(leaf.values && { values: leaf.values }), ...(inBlock && { inBlock }), ...(description && { description }) });
    return;
  }
  const d = defOf(base);
  if (d.type === 'array') {
    const element = d.element as z.ZodType;
    const item = scalar(element);
    if (item) {
      add(out, { name, path, type: item.type === 'boolean' ? 'string' : item.type, repeatable: true, ...(item.values && { values: item.values }), ...(inBlock && { inBlock }), ...(description && { description }) });
      return;
    }
    const block = BLOCKS.get(unwrap(element));
    const elements = [...path.slice(0, -1), { ...path.at(-1)!, elements: true }];
    add(out, { name, path: elements, type: 'json', repeatable: true, ...(block && { block }), ...(inBlock && { inBlock }), ...(description && { description }) });
    if (!inBlock && path.length < MAX_DEPTH) expand(element, elements, out, block);
    return;
  }
  const block = BLOCKS.get(base);
  add(out, { name, path, type: 'json', repeatable: false, ...(block && { block }), ...(inBlock && { inBlock }), ...(description && { description }) });
  if (!inBlock && path.length < MAX_DEPTH) expand(base, path, out, block);
}

/** The fields of an object (or of every object branch of a union) as flags under `path`. */
function expand(s: z.ZodType, path: Segment[], out: Map<string, FlagSpec>, block: string | undefined): void {
  for (const shape of shapesOf(s) ?? []) {
    for (const [key, field] of Object.entries(shape)) walk(field, [...path, { key, elements: false }], out, block);
  }
}

/**
 * Fits what flags built to the schema where union branches disagree on a
 * field's shape: diplomacy's `by` is one actor for envoys and a list of actors
 * for statements, and `--by.type ...` builds a list. The branch is picked by
 * its discriminator (or by shape); a one-element list where that branch wants
 * one object becomes the object, an object where it wants a list becomes a
 * one-element list. Anything else is left for the schema to judge.
 */
export function fitToSchema(schema: z.ZodType, value: unknown): unknown {
  const base = unwrap(schema);
  const d = defOf(base);
  if (d.type === 'union') {
    const options = d.options as z.ZodType[];
    const disc = d.discriminator as string | undefined;
    if (disc && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const want = (value as Record<string, unknown>)[disc];
      const branch = options.find((o) => {
        const shape = shapesOf(o)?.[0];
        const lit = shape?.[disc] ? defOf(unwrap(shape[disc])) : undefined;
        return lit?.type === 'literal' && (lit.values as unknown[]).includes(want);
      });
      return branch ? fitToSchema(branch, value) : value;
    }
    const isList = Array.isArray(value);
    const same = options.find((o) => (defOf(unwrap(o)).type === 'array') === isList);
    if (same) return fitToSchema(same, value);
    const other = options[0];
    return other ? fitToSchema(other, value) : value;
  }
  if (d.type === 'array') {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return [fitToSchema(d.element as z.ZodType, value)];
    return Array.isArray(value) ? value.map((v) => fitToSchema(d.element as z.ZodType, v)) : value;
  }
  if (d.type === 'object') {
    if (Array.isArray(value) && value.length === 1) return fitToSchema(base, value[0]);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const shape = d.shape as Record<string, z.ZodType>;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? fitToSchema(shape[k], v) : v]));
  }
  return value;
}

/** Every flag of a schema (an object, or a union of objects), in schema order. */
export function flagsOf(schema: z.ZodType): FlagSpec[] {
  const out = new Map<string, FlagSpec>();
  expand(schema, [], out, undefined);
  return [...out.values()];
}

/**
 * Help lines for flags: a building block is shown as `--count <Figure>` (or
 * its fields as `--count.<field>`), and `blocks` collects each block used with
 * its fields, to be described once below the flags.
 */
export function helpLines(flags: readonly FlagSpec[]): { lines: string[]; blocks: Map<string, { field: string; spec: FlagSpec }[]> } {
  const lines: string[] = [];
  const blocks = new Map<string, { field: string; spec: FlagSpec }[]>();
  const byName = new Map(flags.map((f) => [f.name, f]));
  for (const f of flags) {
    // Fields of a block are described with the block.
    if (f.inBlock && byName.get(f.name.slice(0, f.name.lastIndexOf('.')))?.block === f.inBlock) continue;
    if (f.block && !blocks.has(f.block)) {
      const fields = flags.filter((g) => g.name.startsWith(`${f.name}.`) && g.inBlock === f.block && !g.name.slice(f.name.length + 1).includes('.'));
      blocks.set(f.block, fields.map((g) => ({ field: g.name.slice(f.name.length + 1), spec: g })));
    }
    const hasFields = f.block !== undefined && (blocks.get(f.block)?.length ?? 0) > 0;
    const arg = f.type === 'boolean' ? '' : f.type === 'json' ? ` <${f.block ?? 'json'}>` : f.values ? ` ${f.values.join('|')}` : f.type === 'number' ? ' <n>' : ' <text>';
    const fields = hasFields ? ` or --${f.name}.<${f.block} field>` : '';
    lines.push(`--${f.name}${arg}${f.repeatable ? ' (repeat)' : ''}${fields}${f.description ? `  ${f.description}` : ''}`);
  }
  return { lines, blocks };
}
