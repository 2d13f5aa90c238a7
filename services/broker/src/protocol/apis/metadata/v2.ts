import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { MetadataRequest, MetadataResponse } from './types.ts';
import { writeBrokers, writeTopics } from './common.ts';

export function decodeRequest(r: Reader): MetadataRequest {
  return { topics: r.nullableArray((r) => r.string()), allowAutoTopicCreation: true };
}

/** v2 adds cluster_id after the brokers. */
export function encodeResponse(w: Writer, res: MetadataResponse): void {
  writeBrokers(w, res);
  w.nullableString(res.clusterId);
  w.int32(res.controllerId);
  writeTopics(w, res);
}
