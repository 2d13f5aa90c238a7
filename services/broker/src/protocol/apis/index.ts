/**
 * The API table (generated into table.ts from src/protocol/schema/): every
 * key this broker speaks and, per key, exactly the versions it implements
 * (one module each). ApiVersions advertises this table as-is, so a version
 * can never be advertised without a codec.
 */
import type { ApiCodec } from './codec.ts';
import { API } from './table.ts';

export { API };
export type ApiName = keyof typeof API;
type CodecOf<K extends ApiName> = (typeof API)[K]['versions'][keyof (typeof API)[K]['versions']];
export type RequestOf<K extends ApiName> = CodecOf<K> extends ApiCodec<infer Q, unknown> ? Q : never;
export type ResponseOf<K extends ApiName> = CodecOf<K> extends { encodeResponse(w: never, res: infer S): void } ? S : never;

export interface ApiEntry {
  name: ApiName;
  key: number;
  minVersion: number;
  maxVersion: number;
  codec(version: number): ApiCodec<unknown, unknown> | undefined;
}

/** key -> entry, built once from the table. */
export const API_BY_KEY: ReadonlyMap<number, ApiEntry> = new Map(
  (Object.keys(API) as ApiName[]).map((name) => {
    const { key, versions } = API[name];
    const table = versions as unknown as Record<number, ApiCodec<unknown, unknown>>;
    const nums = Object.keys(table).map(Number);
    const entry: ApiEntry = {
      name,
      key,
      minVersion: Math.min(...nums),
      maxVersion: Math.max(...nums),
      codec: (v) => (Object.hasOwn(table, v) ? table[v] : undefined),
    };
    return [key, entry];
  }),
);

/** What ApiVersions advertises: exactly the table above. */
export function advertisedApiVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
  return [...API_BY_KEY.values()]
    .sort((a, b) => a.key - b.key)
    .map((e) => ({ apiKey: e.key, minVersion: e.minVersion, maxVersion: e.maxVersion }));
}
