/** Walking and editing plain JSON values by path, for mutation tests. */
export type Path = (string | number)[];

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Paths of every leaf (string, number, boolean) in a JSON value. */
export function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix];
}

/** Paths of every object that looks like a figure ({ value, qualifier }). */
export function figurePaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => figurePaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.value === 'number' && typeof o.qualifier === 'string') return [prefix];
    return Object.entries(o).flatMap(([k, v]) => figurePaths(v, [...prefix, k]));
  }
  return [];
}

export function getAt(root: unknown, path: Path): unknown {
  let cur = root as Record<string | number, unknown>;
  for (const k of path) cur = cur[k] as Record<string | number, unknown>;
  return cur;
}

/** Returns a copy of root with the value at path replaced. */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy as T;
}

export const dotted = (path: Path) => path.join('.');
