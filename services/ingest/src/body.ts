/**
 * Request bodies: read with a hard size limit, then parsed as one update, a
 * JSON array of updates, or NDJSON (one update per line).
 */
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Reads the whole body, refusing (413) as soon as it exceeds maxBytes, before buffering more. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new HttpError(413, `body is ${declared} bytes; the limit is ${maxBytes}`));
  }
  // Plain events rather than `for await`: cheaper per request, which matters for small bodies.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        reject(new HttpError(413, `body exceeds the limit of ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

export interface Item {
  /** Index of the item in the request (0-based). */
  index: number;
  /** NDJSON line number (1-based), for messages. */
  line?: number;
  value: unknown;
}

export type ItemParseError = { index: number; line?: number; path: string; message: string };

/** Splits a body into items; malformed JSON is reported per item (NDJSON) or for the whole body. */
export function parseItems(body: Buffer, contentType: string | undefined): { items: Item[]; errors: ItemParseError[] } {
  const type = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') {
    const items: Item[] = [];
    const errors: ItemParseError[] = [];
    const lines = text.split('\n');
    let n = 0;
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const index = n++;
      try {
        items.push({ index, line: i + 1, value: JSON.parse(line) });
      } catch (err) {
        errors.push({ index, line: i + 1, path: '(root)', message: `not valid JSON (${(err as Error).message})` });
      }
    });
    return { items, errors };
  }
  if (type !== 'application/json') throw new HttpError(415, `content-type must be application/json or application/x-ndjson, got ${type}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `body is not valid JSON (${(err as Error).message})`);
  }
  if (Array.isArray(value)) return { items: value.map((v, index) => ({ index, value: v })), errors: [] };
  return { items: [{ index: 0, value }], errors: [] };
}
