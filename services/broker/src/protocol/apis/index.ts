/**
 * The API table: every key this broker speaks and, per key, exactly the
 * versions it implements (one module each). ApiVersions advertises this
 * table as-is, so a version can never be advertised without a codec.
 */
import type { ApiCodec } from './codec.ts';
import * as apiVersionsV0 from './api-versions/v0.ts';
import * as apiVersionsV1 from './api-versions/v1.ts';
import * as apiVersionsV2 from './api-versions/v2.ts';
import * as metadataV1 from './metadata/v1.ts';
import * as metadataV2 from './metadata/v2.ts';
import * as metadataV3 from './metadata/v3.ts';
import * as metadataV4 from './metadata/v4.ts';
import * as produceV3 from './produce/v3.ts';
import * as fetchV4 from './fetch/v4.ts';
import * as listOffsetsV1 from './list-offsets/v1.ts';
import * as findCoordinatorV0 from './find-coordinator/v0.ts';
import * as joinGroupV1 from './join-group/v1.ts';
import * as syncGroupV0 from './sync-group/v0.ts';
import * as heartbeatV0 from './heartbeat/v0.ts';
import * as leaveGroupV0 from './leave-group/v0.ts';
import * as offsetCommitV2 from './offset-commit/v2.ts';
import * as offsetFetchV1 from './offset-fetch/v1.ts';
import * as describeGroupsV0 from './describe-groups/v0.ts';
import * as listGroupsV0 from './list-groups/v0.ts';
import * as createTopicsV0 from './create-topics/v0.ts';
import * as deleteTopicsV0 from './delete-topics/v0.ts';
import * as initProducerIdV0 from './init-producer-id/v0.ts';

export const API = {
  Produce: { key: 0, versions: { 3: produceV3 } },
  Fetch: { key: 1, versions: { 4: fetchV4 } },
  ListOffsets: { key: 2, versions: { 1: listOffsetsV1 } },
  Metadata: { key: 3, versions: { 1: metadataV1, 2: metadataV2, 3: metadataV3, 4: metadataV4 } },
  OffsetCommit: { key: 8, versions: { 2: offsetCommitV2 } },
  OffsetFetch: { key: 9, versions: { 1: offsetFetchV1 } },
  FindCoordinator: { key: 10, versions: { 0: findCoordinatorV0 } },
  JoinGroup: { key: 11, versions: { 1: joinGroupV1 } },
  Heartbeat: { key: 12, versions: { 0: heartbeatV0 } },
  LeaveGroup: { key: 13, versions: { 0: leaveGroupV0 } },
  SyncGroup: { key: 14, versions: { 0: syncGroupV0 } },
  DescribeGroups: { key: 15, versions: { 0: describeGroupsV0 } },
  ListGroups: { key: 16, versions: { 0: listGroupsV0 } },
  ApiVersions: { key: 18, versions: { 0: apiVersionsV0, 1: apiVersionsV1, 2: apiVersionsV2 } },
  CreateTopics: { key: 19, versions: { 0: createTopicsV0 } },
  DeleteTopics: { key: 20, versions: { 0: deleteTopicsV0 } },
  InitProducerId: { key: 22, versions: { 0: initProducerIdV0 } },
} as const;

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
    const table = versions as Record<number, ApiCodec<unknown, unknown>>;
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
