// Generated from src/protocol/schema/metadata.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { MetadataRequest, MetadataResponse } from './types.ts';

/** Metadata v6. */
export const version = 6;
export const flexible = false;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): MetadataRequest {
  return {
    topics: r.nullableArray((r) => ({ topicId: ZERO_UUID, name: r.string() })),
    allowAutoTopicCreation: r.bool(),
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  };
}

export function encodeResponse(w: Writer, res: MetadataResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.array(res.brokers, (w, b) => {
    w.int32(b.nodeId);
    w.string(b.host);
    w.int32(b.port);
    w.nullableString(b.rack ?? null);
  });
  w.nullableString(res.clusterId ?? null);
  w.int32(res.controllerId ?? -1);
  w.array(res.topics, (w, t) => {
    w.int16(t.errorCode);
    w.string(t.name ?? '');
    w.bool(t.isInternal ?? false);
    w.array(t.partitions, (w, p) => {
      w.int16(p.errorCode);
      w.int32(p.partition);
      w.int32(p.leader);
      w.array(p.replicas, (w, x) => w.int32(x));
      w.array(p.isr, (w, x) => w.int32(x));
      w.array(p.offlineReplicas ?? [], (w, x) => w.int32(x));
    });
  });
}
