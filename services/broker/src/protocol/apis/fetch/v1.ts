// Generated from src/protocol/schema/fetch.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { FetchRequest, FetchResponse } from './types.ts';

/** Fetch v1. */
export const version = 1;
export const flexible = false;

const ZERO_UUID = '00000000000000000000000000000000';

export function decodeRequest(r: Reader): FetchRequest {
  return {
    replicaId: r.int32(),
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: 2147483647,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: r.array((r) => ({
      name: r.string(),
      topicId: ZERO_UUID,
      partitions: r.array((r) => ({
        partition: r.int32(),
        currentLeaderEpoch: -1,
        fetchOffset: r.int64(),
        lastFetchedEpoch: -1,
        logStartOffset: -1,
        maxBytes: r.int32(),
      })),
    })),
    forgottenTopics: [],
    rackId: "",
  };
}

export function encodeResponse(w: Writer, res: FetchResponse): void {
  w.int32(res.throttleTimeMs ?? 0);
  w.array(res.topics, (w, t) => {
    w.string(t.name);
    w.array(t.partitions, (w, p) => {
      w.int32(p.partition);
      w.int16(p.errorCode);
      w.int64(p.highWatermark);
      w.nullableBytes(p.records);
    });
  });
}
