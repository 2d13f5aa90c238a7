// Generated from src/protocol/schema/metadata.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { MetadataRequest, MetadataResponse } from './types.ts';

/** Metadata v10: flexible (compact fields, tagged fields, request header v2). */
export const version = 10;
export const flexible = true;

export function decodeRequest(r: Reader): MetadataRequest {
  return r.tagged({
    topics: r.compactNullableArray((r) => r.tagged({ topicId: r.uuid(), name: r.compactNullableString() })),
    allowAutoTopicCreation: r.bool(),
    includeClusterAuthorizedOperations: r.bool(),
    includeTopicAuthorizedOperations: r.bool(),
  });
}

export function encodeResponse(w: Writer, res: MetadataResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.compactArray(res.brokers, (w, b) => {
    w.int32(b.nodeId);
    w.compactString(b.host);
    w.int32(b.port);
    w.compactNullableString(b.rack ?? null);
    w.tagged();
  });
  w.compactNullableString(res.clusterId ?? null);
  w.int32(res.controllerId ?? -1);
  w.compactArray(res.topics, (w, t) => {
    w.int16(t.errorCode);
    w.compactString(t.name ?? '');
    w.uuid(t.topicId);
    w.bool(t.isInternal ?? false);
    w.compactArray(t.partitions, (w, p) => {
      w.int16(p.errorCode);
      w.int32(p.partition);
      w.int32(p.leader);
      w.int32(p.leaderEpoch ?? -1);
      w.compactArray(p.replicas, (w, x) => w.int32(x));
      w.compactArray(p.isr, (w, x) => w.int32(x));
      w.compactArray(p.offlineReplicas ?? [], (w, x) => w.int32(x));
      w.tagged();
    });
    w.int32(t.topicAuthorizedOperations ?? -2147483648);
    w.tagged();
  });
  w.int32(res.clusterAuthorizedOperations ?? -2147483648);
  w.tagged();
}
