import type { Reader } from '../../reader.ts';
import type { Writer } from '../../writer.ts';
import type { MetadataRequest, MetadataResponse } from './types.ts';
import * as v3 from './v3.ts';

/** v4 adds allow_auto_topic_creation to the request; the response is v3's. */
export function decodeRequest(r: Reader): MetadataRequest {
  const topics = r.nullableArray((r) => r.string());
  return { topics, allowAutoTopicCreation: r.bool() };
}

export function encodeResponse(w: Writer, res: MetadataResponse): void {
  v3.encodeResponse(w, res);
}
