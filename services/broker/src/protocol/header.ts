import { Reader } from './reader.ts';
import { Writer } from './writer.ts';

/**
 * Request header v1 (int16 key, int16 version, int32 correlation id, int16
 * nullable client id). Header v2, used by flexible versions, adds a
 * tagged-field section after it: the caller skips that once it knows the
 * version is flexible (Reader.skipTaggedFields).
 */
export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export function decodeRequestHeader(r: Reader): RequestHeader {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const clientId = r.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

/**
 * The size prefix plus response header: v0 is the correlation id, v1
 * (flexible versions, except ApiVersions) adds an empty tagged-field section.
 */
export function encodeResponseFrameHead(correlationId: number, bodyLength: number, headerV1 = false): Buffer {
  const w = new Writer(9).int32(bodyLength + (headerV1 ? 5 : 4)).int32(correlationId);
  if (headerV1) w.tagged();
  return w.toBuffer();
}
