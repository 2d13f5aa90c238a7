/**
 * A small JSON Schema (2020-12) checker for the keywords our exported schema
 * uses — enough to check that the documents producers in other languages get
 * accept and refuse what zod does. Not a general validator; unknown keywords
 * fail loudly so the test notices when the export starts using new ones.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', '$defs', '$ref', 'title', 'description', 'type', 'properties', 'required',
  'additionalProperties', 'const', 'enum', 'format', 'items', 'minItems', 'maxItems', 'minLength',
  'maxLength', 'minimum', 'maximum', 'pattern', 'oneOf', 'anyOf', 'allOf',
]);

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'boolean': return typeof v === 'boolean';
    case 'null': return v === null;
    default: throw new Error(`unsupported type ${type}`);
  }
}

/** Returns the list of violations (empty when valid), each with a JSON pointer-ish path. */
export function validateJsonSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const defs = (root.$defs ?? {}) as Record<string, Schema>;

  function check(s: Schema, v: unknown, path: string): void {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`unsupported keyword ${k} at ${path}`);
    if (typeof s.$ref === 'string') {
      const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
      const target = m ? defs[m[1]!] : undefined;
      if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
      check(target, v, path);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeOk(t, v))) return void errors.push(`${path}: not ${types.join('|')}`);
    }
    if ('const' in s && v !== s.const) errors.push(`${path}: not ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${path}: not in enum`);
    if (typeof v === 'string') {
      const len = [...v].length;
      if (typeof s.minLength === 'number' && len < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
      if (typeof s.maxLength === 'number' && len > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(v)) errors.push(`${path}: does not match pattern`);
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      if (s.items && typeof s.items === 'object') v.forEach((item, i) => check(s.items as Schema, item, `${path}/${i}`));
    }
    if (typeOk('object', v)) {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in obj)) errors.push(`${path}/${r}: required`);
      for (const [k, sub] of Object.entries(props)) if (k in obj) check(sub, obj[k], `${path}/${k}`);
      if (s.additionalProperties === false)
        for (const k of Object.keys(obj)) if (!(k in props)) errors.push(`${path}/${k}: not allowed`);
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) check(sub, v, path);
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = s[key];
      if (!Array.isArray(options)) continue;
      const passing = (options as Schema[]).filter((o) => validateJsonSchema({ ...o, $defs: defs }, v).length === 0).length;
      if (key === 'oneOf' ? passing !== 1 : passing === 0) errors.push(`${path}: ${passing} of ${key} match`);
    }
  }

  check(root, value, '');
  return errors;
}
