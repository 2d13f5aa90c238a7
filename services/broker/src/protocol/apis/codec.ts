import type { Reader } from '../reader.ts';
import type { Writer } from '../writer.ts';

/** One API version: how its request body is read and its response body written. */
export interface ApiCodec<Req, Res> {
  readonly version: number;
  /** Flexible version (KIP-482): request header v2, response header v1 (except ApiVersions). */
  readonly flexible: boolean;
  decodeRequest(r: Reader): Req;
  encodeResponse(w: Writer, res: Res): void;
}
