/**
 * Turns one API schema into source text: the API's types and one codec module
 * per version, each straight-line code that reads or writes exactly that
 * version's fields in wire order (so every version can be reviewed on its
 * own). Pure: generate.ts writes the files, a test compares them.
 */
import { inRange, parseRange, type ApiSchema, type Field, type Scalar } from '../schema/dsl.ts';

export const ZERO_UUID = '0'.repeat(32);

/** "ListOffsets" -> "list-offsets": the API's directory under apis/. */
export function dirName(api: ApiSchema): string {
  return api.name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export function versionsOf(api: ApiSchema): number[] {
  const { min, max } = parseRange(api.versions);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

const isFlexible = (api: ApiSchema, v: number): boolean => api.flexibleFrom !== null && v >= api.flexibleFrom;
const present = (fld: Field, v: number): boolean => inRange(fld.versions, v);
const nullableAt = (fld: Field, v: number): boolean => inRange(fld.nullable, v);
const nullableEver = (fld: Field): boolean => fld.nullable !== undefined;

// ---------------------------------------------------------------- types

const TS_SCALAR: Record<Scalar, string> = {
  int8: 'number',
  int16: 'number',
  int32: 'number',
  int64: 'number',
  bool: 'boolean',
  uuid: 'string',
  string: 'string',
  bytes: 'Buffer',
  records: 'Buffer',
};

function tsType(fld: Field, indent: string, optionalDefaults: boolean): string {
  let t: string;
  if (fld.type === 'array') {
    const of = fld.of!;
    t = typeof of === 'string' ? `${TS_SCALAR[of]}[]` : `${tsStruct(of, indent, optionalDefaults)}[]`;
  } else {
    t = TS_SCALAR[fld.type];
  }
  return nullableEver(fld) ? `${t} | null` : t;
}

function tsStruct(fields: Field[], indent: string, optionalDefaults: boolean): string {
  const inner = indent + '  ';
  const lines = fields.map((fld) => {
    const opt = optionalDefaults && fld.default !== undefined ? '?' : '';
    return `${inner}${fld.name}${opt}: ${tsType(fld, inner, optionalDefaults)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

export function emitTypes(api: ApiSchema, schemaFile: string): string {
  return [
    header(schemaFile),
    `/** ${api.name} request, decoded: every version's fields; a version without a field gets its default. */`,
    `export interface ${api.name}Request ${tsStruct(api.request, '', false)}`,
    '',
    `/** ${api.name} response: fields with a default may be left out (each version writes only its own fields). */`,
    `export interface ${api.name}Response ${tsStruct(api.response, '', true)}`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- decoding

function literal(value: Field['default'], fld: Field): string {
  if (value === undefined) return zeroOf(fld);
  if (value === null) return 'null';
  if (Array.isArray(value)) return '[]';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function zeroOf(fld: Field): string {
  switch (fld.type) {
    case 'array':
      return '[]';
    case 'bool':
      return 'false';
    case 'string':
      return "''";
    case 'uuid':
      return 'ZERO_UUID';
    case 'bytes':
    case 'records':
      return 'EMPTY';
    default:
      return '0';
  }
}

function readScalar(type: Scalar, flex: boolean, nullable: boolean): string {
  switch (type) {
    case 'string':
      return flex ? (nullable ? 'r.compactNullableString()' : 'r.compactString()') : nullable ? 'r.nullableString()' : 'r.string()';
    case 'bytes':
    case 'records':
      return flex ? (nullable ? 'r.compactNullableBytes()' : 'r.compactBytes()') : nullable ? 'r.nullableBytes()' : 'r.bytes()';
    default:
      return `r.${type}()`;
  }
}

function readField(fld: Field, v: number, flex: boolean, indent: string): string {
  const nullable = nullableAt(fld, v);
  if (fld.type !== 'array') {
    const expr = readScalar(fld.type, flex, nullable);
    return fld.copy ? `Buffer.from(${expr})` : expr;
  }
  const method = flex ? (nullable ? 'compactNullableArray' : 'compactArray') : nullable ? 'nullableArray' : 'array';
  const of = fld.of!;
  if (typeof of === 'string') return `r.${method}((r) => ${readScalar(of, flex, false)})`;
  const obj = readStruct(of, v, flex, indent);
  return `r.${method}((r) => ${flex ? `r.tagged(${obj})` : `(${obj})`})`;
}

/** An object literal reading each field: JS evaluates its properties in source order, i.e. wire order. */
function readStruct(fields: Field[], v: number, flex: boolean, indent: string): string {
  const inner = indent + '  ';
  const props = fields.map((fld) => `${fld.name}: ${present(fld, v) ? readField(fld, v, flex, inner) : literal(fld.default, fld)}`);
  const oneLine = `{ ${props.join(', ')} }`;
  if (oneLine.length + indent.length <= 110 && !oneLine.includes('\n')) return oneLine;
  return `{\n${props.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}

// ---------------------------------------------------------------- encoding

function writeScalar(type: Scalar, flex: boolean, nullable: boolean, value: string): string {
  switch (type) {
    case 'string':
      return flex ? (nullable ? `w.compactNullableString(${value})` : `w.compactString(${value})`) : nullable ? `w.nullableString(${value})` : `w.string(${value})`;
    case 'bytes':
    case 'records':
      return flex ? (nullable ? `w.compactNullableBytes(${value})` : `w.compactBytes(${value})`) : nullable ? `w.nullableBytes(${value})` : `w.bytes(${value})`;
    default:
      return `w.${type}(${value})`;
  }
}

/** A short variable name for an array's items, unique within the enclosing scopes. */
function itemVar(name: string, taken: Set<string>): string {
  let base = name[0]!.toLowerCase();
  if (base === 'w' || base === 'r') base = 'x';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}

function writeFields(fields: Field[], v: number, flex: boolean, obj: string, indent: string, taken: Set<string>): string[] {
  const out: string[] = [];
  for (const fld of fields) {
    if (!present(fld, v)) continue;
    const nullable = nullableAt(fld, v);
    const prop = `${obj}.${fld.name}`;
    let value = prop;
    // A field null may not take in this version goes out as its empty value.
    if (!nullable && (fld.default === null || (fld.default === undefined && nullableEver(fld)))) value = `${prop} ?? ${zeroOf(fld)}`;
    else if (fld.default !== undefined) value = `${prop} ?? ${literal(fld.default, fld)}`;
    if (fld.type !== 'array') {
      out.push(`${indent}${writeScalar(fld.type, flex, nullable, value)};`);
      continue;
    }
    const method = flex ? (nullable ? 'compactNullableArray' : 'compactArray') : nullable ? 'nullableArray' : 'array';
    const of = fld.of!;
    if (typeof of === 'string') {
      out.push(`${indent}w.${method}(${value}, (w, x) => ${writeScalar(of, flex, false, 'x')});`);
      continue;
    }
    const item = itemVar(fld.name, taken);
    const scope = new Set(taken).add(item);
    const body = writeFields(of, v, flex, item, indent + '  ', scope);
    if (flex) body.push(`${indent}  w.tagged();`);
    out.push(`${indent}w.${method}(${value}, (w, ${item}) => {`, ...body, `${indent}});`);
  }
  return out;
}

// ---------------------------------------------------------------- modules

function header(schemaFile: string): string {
  return [
    `// Generated from src/protocol/schema/${schemaFile} by src/protocol/codegen/generate.ts: do not edit.`,
    '// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts',
  ].join('\n');
}

export function emitVersion(api: ApiSchema, v: number, schemaFile: string): string {
  const flex = isFlexible(api, v);
  const decodeBody = readStruct(api.request, v, flex, '  ');
  const decoded = flex ? `r.tagged(${decodeBody})` : decodeBody;
  const encodeLines = writeFields(api.response, v, flex, 'res', '  ', new Set(['res']));
  if (flex) encodeLines.push('  w.tagged();');
  const body = [
    `export function decodeRequest(${decoded.includes('r.') ? 'r' : '_r'}: Reader): ${api.name}Request {`,
    `  return ${decoded};`,
    '}',
    '',
    `export function encodeResponse(w: Writer, res: ${api.name}Response): void {`,
    ...encodeLines,
    '}',
  ].join('\n');
  const needs = (s: string): boolean => body.includes(s);
  const imports = [
    `import type { Reader } from '../../reader.ts';`,
    `import type { Writer } from '../../writer.ts';`,
    `import type { ${api.name}Request, ${api.name}Response } from './types.ts';`,
  ];
  const consts: string[] = [];
  if (needs('ZERO_UUID')) consts.push(`const ZERO_UUID = '${ZERO_UUID}';`);
  if (/\bEMPTY\b/.test(body)) consts.push('const EMPTY = Buffer.alloc(0);');
  return [
    header(schemaFile),
    ...imports,
    '',
    `/** ${api.name} v${v}${flex ? ': flexible (compact fields, tagged fields, request header v2)' : ''}. */`,
    `export const version = ${v};`,
    `export const flexible = ${flex};`,
    ...(consts.length > 0 ? ['', ...consts] : []),
    '',
    body,
    '',
  ].join('\n');
}

/** apis/table.ts: every API with its version modules, which ApiVersions advertises as-is. */
export function emitTable(apis: readonly ApiSchema[]): string {
  const imports: string[] = [];
  const entries: string[] = [];
  for (const api of apis) {
    const dir = dirName(api);
    const ident = api.name[0]!.toLowerCase() + api.name.slice(1);
    const versions = versionsOf(api).map((v) => {
      imports.push(`import * as ${ident}V${v} from './${dir}/v${v}.ts';`);
      return `${v}: ${ident}V${v}`;
    });
    entries.push(`  ${api.name}: { key: ${api.key}, versions: { ${versions.join(', ')} } },`);
  }
  return [
    header('index.ts'),
    ...imports,
    '',
    'export const API = {',
    ...entries,
    '} as const;',
    '',
  ].join('\n');
}
