// Generated from src/protocol/schema/fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FetchRequest, FetchResponse } from './types.ts';

/** Fetch v13: flexible (compact fields, tagged fields, request header v2). */
export const version = 13;
export const flexible = true;

export function decodeRequest(r: Reader): FetchRequest {
  return r.tagged({
    replicaId: r.int32(),
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: r.int32(),
    isolationLevel: r.int8(),
    sessionId: r.int32(),
    sessionEpoch: r.int32(),
    topics: r.compactArray((r) => r.tagged({
      name: '',
      topicId: r.uuid(),
      partitions: r.compactArray((r) => r.tagged({
        partition: r.int32(),
        currentLeaderEpoch: r.int32(),
        fetchOffset: r.int64(),
        lastFetchedEpoch: r.int32(),
        logStartOffset: r.int64(),
        maxBytes: r.int32(),
      })),
    })),
    forgottenTopics: r.compactArray((r) => r.tagged({ name: '', topicId: r.uuid(), partitions: r.compactArray((r) => r.int32()) })),
    rackId: r.compactString(),
  });
}

export function encodeResponse(w: Writer, res: FetchResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.int16(res.errorCode ?? 0);
  w.int32(res.sessionId ?? 0);
  w.compactArray(res.topics, (w, t) => {
    w.uuid(t.topicId);
    w.compactArray(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.highWatermark);
      w.int64(p.lastStableOffset ?? -1);
      w.int64(p.logStartOffset ?? -1);
      w.compactNullableArray(p.abortedTransactions ?? [], (w, a) => {
        w.int64(a.producerId);
        w.int64(a.firstOffset);
        w.tagged();
      });
      w.int32(p.preferredReadReplica ?? -1);
      w.compactNullableBytes(p.records);
      w.tagged();
    });
    w.tagged();
  });
  w.tagged();
}
