/**
 * @platformatic/kafka's own protocol encoders and decoders, used as test
 * vectors for the flexible versions (KIP-482) kafkajs does not speak: the
 * request bodies a real client sends, and the parser a real client applies
 * to our responses.
 */
import { Reader as PReader, Writer as PWriter } from '@platformatic/kafka';

export { PWriter };

interface BodyWriter {
  buffer: Buffer;
}

/** A request body exactly as platformatic writes it (no size prefix, no header). */
export function platformaticBody<A extends unknown[]>(api: { createRequest(...args: A): BodyWriter }, ...args: A): Buffer {
  return api.createRequest(...args).buffer;
}

type Parse = (correlationId: number, apiKey: number, apiVersion: number, reader: PReader) => unknown;

/**
 * Parse a response body the way platformatic does, and say how many bytes
 * its parser left unread (0 when our layout is exactly the one it expects).
 * Its parsers throw on any error code, carrying the parsed response: error
 * answers are returned too.
 */
export function platformaticParse(
  api: { parseResponse: Parse },
  apiKey: number,
  apiVersion: number,
  body: Buffer,
): { response: Record<string, unknown>; unread: number } {
  const reader = PReader.from(body);
  let response: unknown;
  try {
    response = api.parseResponse(0, apiKey, apiVersion, reader);
  } catch (err) {
    response = (err as { response?: unknown }).response;
    if (!response || typeof response !== 'object') throw err;
  }
  return { response: response as Record<string, unknown>, unread: body.length - reader.position };
}

/** size + request header v2 (flexible versions: v1 plus an empty tagged-field section) + body. */
export function flexibleRequestFrame(apiKey: number, apiVersion: number, correlationId: number, body: Buffer, clientId = 'pk-test'): Buffer {
  const id = Buffer.from(clientId);
  const head = Buffer.alloc(10 + id.length + 1);
  head.writeInt16BE(apiKey, 0);
  head.writeInt16BE(apiVersion, 2);
  head.writeInt32BE(correlationId, 4);
  head.writeInt16BE(id.length, 8);
  id.copy(head, 10);
  head[10 + id.length] = 0; // no tagged fields
  const size = Buffer.alloc(4);
  size.writeInt32BE(head.length + body.length, 0);
  return Buffer.concat([size, head, body]);
}
