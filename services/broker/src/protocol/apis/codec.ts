import type { Reader } from '../reader.ts';
import type { Writer } from '../writer.ts';

/** One API version: how its request body is read and its response body written. */
export interface ApiCodec<Req, Res> {
  decodeRequest(r: Reader): Req;
  encodeResponse(w: Writer, res: Res): void;
}
