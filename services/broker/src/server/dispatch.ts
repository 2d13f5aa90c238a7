import { Reader, DecodeError } from '../protocol/reader.ts';
import { Writer } from '../protocol/writer.ts';
import { decodeRequestHeader, encodeResponseFrameHead } from '../protocol/header.ts';
import { API_BY_KEY, API } from '../protocol/apis/index.ts';
import * as apiVersionsV0 from '../protocol/apis/api-versions/v0.ts';
import type { ApiCodec } from '../protocol/apis/codec.ts';
import { HANDLERS, type Handler } from './handlers/index.ts';
import { CLOSE_CONNECTION, NO_RESPONSE, type BrokerContext, type RequestInfo } from './context.ts';
import { ErrorCode } from './error-codes.ts';
import { advertisedApiVersions } from '../protocol/apis/index.ts';

/** Why a connection is closed instead of answered. */
export class ProtocolViolation extends Error {
  override name = 'ProtocolViolation';
}

export interface Dispatched {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** The response frame as chunks, null when none is sent (acks=0), or CLOSE_CONNECTION. */
  response: Promise<Buffer[] | null | typeof CLOSE_CONNECTION>;
  /**
   * Call once the socket is done with the response chunks (written, or never
   * handed to it): lets the handler reuse their buffers. Never after a failed write.
   */
  release(): void;
}

export interface ConnectionFacts {
  clientHost: string;
  advertisedHost: string;
  advertisedPort: number;
  signal: AbortSignal;
}

/**
 * Response header v1 for flexible versions, v0 otherwise. ApiVersions always
 * answers with header v0, so a client can read the answer (and its error 35)
 * whatever version it tried.
 */
function responseHeaderV1(apiKey: number, codec: ApiCodec<unknown, unknown> | undefined): boolean {
  return codec !== undefined && codec.flexible && apiKey !== API.ApiVersions.key;
}

function frame(correlationId: number, w: Writer, headerV1: boolean): Buffer[] {
  const body = w.chunksOut();
  return [encodeResponseFrameHead(correlationId, w.length, headerV1), ...body];
}

/**
 * Whether a request's body is dead once dispatch() returns, so its frame
 * may be assembled in a reused buffer (FrameReader). True for Produce only:
 * it is decoded, validated and written to the log synchronously, and keeps
 * no view of the body. Other requests may (Reader.bytes() is zero-copy;
 * group metadata and assignments are kept by the coordinator).
 */
export function bodyDiesInDispatch(apiKey: number): boolean {
  return apiKey === API.Produce.key;
}

/**
 * Decode one request frame (without its size prefix), run its handler and
 * encode the answer. Decoding and the synchronous part of the handler run
 * now, so side effects happen in arrival order; only the response may
 * complete later. Throws ProtocolViolation when the connection must close
 * (garbage header, unknown API or version, truncated body).
 */
export function dispatch(ctx: BrokerContext, buf: Buffer, conn: ConnectionFacts): Dispatched {
  const r = new Reader(buf);
  let header;
  try {
    header = decodeRequestHeader(r);
  } catch (err) {
    throw new ProtocolViolation(`bad request header: ${(err as Error).message}`);
  }
  const { apiKey, apiVersion, correlationId } = header;
  const entry = API_BY_KEY.get(apiKey);
  if (!entry) throw new ProtocolViolation(`unknown api key ${apiKey}`);
  const codec = entry.codec(apiVersion);
  if (!codec) {
    if (apiKey === API.ApiVersions.key) {
      // What Kafka does for an ApiVersions newer than it knows (KIP-511): answer in
      // v0 format with error 35 and its own ApiVersions range; the client retries within it.
      const w = new Writer();
      const own = advertisedApiVersions().filter((k) => k.apiKey === API.ApiVersions.key);
      apiVersionsV0.encodeResponse(w, { errorCode: ErrorCode.UNSUPPORTED_VERSION, apiKeys: own });
      return { apiKey, apiVersion, correlationId, response: Promise.resolve(frame(correlationId, w, false)), release: () => {} };
    }
    throw new ProtocolViolation(`unsupported version ${apiVersion} of api ${entry.name}`);
  }
  let req: unknown;
  try {
    if (codec.flexible) r.skipTaggedFields(); // request header v2
    req = codec.decodeRequest(r);
  } catch (err) {
    if (err instanceof DecodeError) throw new ProtocolViolation(`malformed ${entry.name} v${apiVersion}: ${err.message}`);
    throw err;
  }
  const afterSend: (() => void)[] = [];
  const release = (): void => {
    for (const fn of afterSend.splice(0)) fn();
  };
  const info: RequestInfo = { clientId: header.clientId ?? '', apiVersion, ...conn, afterSend: (fn) => void afterSend.push(fn) };
  const handler = HANDLERS[entry.name] as Handler<typeof entry.name>;
  let result: unknown;
  try {
    result = handler(ctx, req as never, info);
  } catch (err) {
    return { apiKey, apiVersion, correlationId, response: Promise.reject(err), release };
  }
  const encode = (res: unknown): Buffer[] | null | typeof CLOSE_CONNECTION => {
    if (res === NO_RESPONSE) return null;
    if (res === CLOSE_CONNECTION) return CLOSE_CONNECTION;
    const w = new Writer();
    codec.encodeResponse(w, res);
    return frame(correlationId, w, responseHeaderV1(apiKey, codec));
  };
  const response = result instanceof Promise ? result.then(encode) : new Promise<Buffer[] | null | typeof CLOSE_CONNECTION>((resolve) => resolve(encode(result)));
  return { apiKey, apiVersion, correlationId, response, release };
}
