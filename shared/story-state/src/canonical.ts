/**
 * Canonical JSON: object keys sorted, `undefined` fields left out, arrays in
 * order, no whitespace. Two equal values give the same bytes whatever order
 * their keys were built in, which is what lets two gateways write identical
 * snapshots for the same positions.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      // NaN and Infinity have no JSON form; a state never holds them (counts and bounds are finite).
      if (!Number.isFinite(v)) throw new Error(`canonicalJson: ${v} has no JSON form`);
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : write(x))).join(',')}]`;
      const o = v as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(o).sort()) {
        if (o[k] === undefined) continue;
        parts.push(`${JSON.stringify(k)}:${write(o[k])}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: a ${typeof v} has no JSON form`);
  }
}
