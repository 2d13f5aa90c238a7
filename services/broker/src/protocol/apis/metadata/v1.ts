import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { MetadataRequest, MetadataResponse } from './types.ts';
import { writeBrokers, writeTopics } from './common.ts';

export function decodeRequest(r: Reader): MetadataRequest {
  return { topics: r.nullableArray((r) => r.string()), allowAutoTopicCreation: true };
}

/** v1: brokers (with rack), controller_id, topics (with is_internal). */
export function encodeResponse(w: Writer, res: MetadataResponse): void {
  writeBrokers(w, res);
  w.int32(res.controllerId);
  writeTopics(w, res);
}
