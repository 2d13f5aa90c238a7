import { Reader } from './reader.ts';
import { Writer } from './writer.ts';

/** Request header v1: every request at the versions this broker speaks uses it. */
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

/** Response header v0: the size prefix plus the correlation id. */
export function encodeResponseFrameHead(correlationId: number, bodyLength: number): Buffer {
  return new Writer(8).int32(bodyLength + 4).int32(correlationId).toBuffer();
}
