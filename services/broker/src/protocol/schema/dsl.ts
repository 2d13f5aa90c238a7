/**
 * A compact description of Kafka request and response bodies, from which
 * codegen/generate.ts writes one codec module per API version
 * (`apis/<api>/v<N>.ts`) and the API's TypeScript types (`apis/<api>/types.ts`).
 *
 * The descriptions follow the field lists of Apache Kafka's message
 * definitions (clients/src/main/resources/common/message/*.json), in wire
 * order, restricted to what this broker reads or writes. Version ranges use
 * Kafka's notation: "3+", "0-12", "8".
 *
 * Tagged fields (KIP-482) are not described: decoders skip every tagged field
 * a client sends, encoders send none. Each schema says which optional tagged
 * fields Kafka defines and why leaving them out is fine.
 */

export type Scalar = 'int8' | 'int16' | 'int32' | 'int64' | 'bool' | 'uuid' | 'string' | 'bytes' | 'records';

export interface Field {
  /** Property name in the decoded request / the response object (camelCase). */
  name: string;
  type: Scalar | 'array';
  /** Element type of an array: a scalar, or the fields of a struct. */
  of?: Scalar | Field[];
  /** Versions the field is on the wire. */
  versions: string;
  /** Versions in which the wire value may be null. */
  nullable?: string;
  /**
   * Requests: the value a decoder fills in for versions without the field
   * (otherwise the type's zero value). Responses: makes the property
   * optional, encoders write this when it is missing.
   */
  default?: string | number | boolean | null | readonly never[];
  /** bytes only: copy out of the request frame (the value outlives the request). */
  copy?: boolean;
}

export interface ApiSchema {
  name: string;
  key: number;
  /** The versions this broker implements: every one gets a codec module. */
  versions: string;
  /** First flexible version (compact encodings, tagged fields, header v2/v1), or null. */
  flexibleFrom: number | null;
  request: Field[];
  response: Field[];
}

type Opts = Partial<Pick<Field, 'nullable' | 'default' | 'copy'>>;

/** A scalar field. */
export function f(name: string, type: Scalar, versions = '0+', opts: Opts = {}): Field {
  return { name, type, versions, ...opts };
}

/** An array of structs (fields) or of scalars. */
export function arr(name: string, of: Scalar | Field[], versions = '0+', opts: Opts = {}): Field {
  return { name, type: 'array', of, versions, ...opts };
}

/** Parse "3+", "0-12", "8" or "none" into an inclusive range. */
export function parseRange(spec: string): { min: number; max: number } {
  if (spec === 'none') return { min: 1, max: 0 };
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Number.MAX_SAFE_INTEGER };
  const dash = /^(\d+)-(\d+)$/.exec(spec);
  if (dash) return { min: Number(dash[1]), max: Number(dash[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`bad version range ${spec}`);
}

export function inRange(spec: string | undefined, v: number): boolean {
  if (spec === undefined) return false;
  const { min, max } = parseRange(spec);
  return v >= min && v <= max;
}
