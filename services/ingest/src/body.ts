/**
 * Request bodies: read with a hard size limit, checked for a JSON or NDJSON
 * content type, decoded as strict UTF-8, and split into one JSON text per
 * update (one update, a JSON array of updates, or NDJSON lines) WITHOUT
 * parsing the whole body at once: the items are parsed one by one later, in
 * slices that give the event loop back (validate.ts). Splitting is a linear
 * scan that counts every item, so a request over the item limit is refused
 * before any item is parsed.
 */
import type { IncomingMessage } from 'node:http';
import { decodeUtf8, Utf8Error } from '@newswire/schema';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Cuts text that came from a request (a header, a field name) before it goes into an answer or a log. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
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

export type BodyKind = 'json' | 'ndjson';
const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl']);

/**
 * Only JSON and NDJSON, in UTF-8. A body without a content type is refused, not
 * guessed: the types a web page may send cross-site without a CORS preflight
 * (text/plain, forms, none at all via sendBeacon) must never reach the parser.
 */
export function bodyKind(header: string | undefined): BodyKind {
  const accepted = 'content-type must be application/json or application/x-ndjson';
  if (header === undefined || header.trim() === '') throw new HttpError(415, `${accepted} (none was given)`);
  const [typePart, ...params] = header.split(';');
  const type = typePart!.trim().toLowerCase();
  const kind = type === 'application/json' ? 'json' : NDJSON_TYPES.has(type) ? 'ndjson' : undefined;
  if (!kind) throw new HttpError(415, `${accepted}, got ${clip(type, 100)}`);
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, `charset must be utf-8, got ${clip(charset, 40)}`);
  }
  return kind;
}

/** One item of a request: its JSON text, or why it could not even be read. */
export interface RawItem {
  /** Index of the item in the request (0-based). */
  index: number;
  /** NDJSON line number (1-based). */
  line?: number;
  text?: string;
  /** Set instead of text when the item's bytes are refused (invalid UTF-8). */
  refused?: string;
}

export interface SplitOptions {
  /** More items than this: 413 after counting them all, before parsing any. */
  maxItems: number;
}

function tooMany(count: number, maxItems: number): HttpError {
  return new HttpError(413, `${count} updates in one request; the limit is ${maxItems} (INGEST_MAX_ITEMS)`);
}

/** Splits a body into items. Throws HttpError 400/413 for what concerns the whole body. */
export function splitBody(body: Buffer, kind: BodyKind, opts: SplitOptions): RawItem[] {
  const items = kind === 'ndjson' ? splitNdjson(body, opts) : splitJson(body, opts);
  if (items.length === 0) throw new HttpError(400, 'no updates in the body');
  return items;
}

/** Line (1-based) of a byte offset, for error messages. */
function lineOf(body: Buffer, offset: number): number {
  let line = 1;
  for (let i = body.indexOf(0x0a); i !== -1 && i < offset; i = body.indexOf(0x0a, i + 1)) line++;
  return line;
}

function splitJson(body: Buffer, { maxItems }: SplitOptions): RawItem[] {
  let text: string;
  try {
    text = decodeUtf8(body);
  } catch (err) {
    if (!(err instanceof Utf8Error)) throw err;
    throw new HttpError(400, `body is not valid UTF-8 at byte ${err.byteOffset} (line ${lineOf(body, err.byteOffset)}); nothing was published`);
  }
  const start = skipSpace(text, 0);
  if (start === text.length) return [];
  if (text.charCodeAt(start) !== LBRACKET) return [{ index: 0, text }];
  const { slices, count } = splitArray(text, start, maxItems);
  if (count > maxItems) throw tooMany(count, maxItems);
  return slices.map((t, index) => ({ index, text: t }));
}

function splitNdjson(body: Buffer, { maxItems }: SplitOptions): RawItem[] {
  let whole: string | undefined;
  try {
    whole = decodeUtf8(body);
  } catch (err) {
    if (!(err instanceof Utf8Error)) throw err; // some line is not UTF-8: decode line by line below
  }
  const items: RawItem[] = [];
  let count = 0;
  let lineNo = 0;
  // A byte order mark is not part of the first line (decodeUtf8 drops it from `whole` too).
  let from = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (from <= body.length) {
    const nl = body.indexOf(0x0a, from);
    const end = nl === -1 ? body.length : nl;
    lineNo++;
    let bytes = body.subarray(from, end);
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    if (!isBlank(bytes)) {
      const index = count++;
      if (count <= maxItems) {
        if (whole !== undefined) items.push({ index, line: lineNo, text: bytes.toString('utf8') });
        else items.push(decodeLine(bytes, index, lineNo));
      }
    }
    if (nl === -1) break;
    from = nl + 1;
  }
  if (count > maxItems) throw tooMany(count, maxItems);
  return items;
}

function decodeLine(bytes: Buffer, index: number, line: number): RawItem {
  try {
    return { index, line, text: decodeUtf8(bytes) };
  } catch (err) {
    if (!(err instanceof Utf8Error)) throw err;
    return { index, line, refused: `not valid UTF-8 at byte ${err.byteOffset} of the line` };
  }
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** Index of the quote that closes the string opening at `open`, or -1. */
function stringEnd(text: string, open: number): number {
  // indexOf runs natively: most of an update's bytes are inside strings.
  for (let q = text.indexOf('"', open + 1); q !== -1; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}

const notJson = (why: string, at: number) => new HttpError(400, `body is not valid JSON (${why} at character ${at}); nothing was published`);

/**
 * The top-level elements of a JSON array as texts, by tracking strings and
 * nesting only. Each element is parsed (and any syntax error in it reported
 * for that item) later; what is checked here is the array's own punctuation.
 * Only the first maxItems texts are kept, but every element is counted.
 */
function splitArray(text: string, open: number, maxItems: number): { slices: string[]; count: number } {
  const slices: string[] = [];
  let count = 0;
  let i = skipSpace(text, open + 1);
  if (text.charCodeAt(i) === RBRACKET) return checkEnd(text, i + 1, slices, count);
  for (;;) {
    const start = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i = stringEnd(text, i);
        if (i === -1) throw notJson('unterminated string', start);
      } else if (c === LBRACE || c === LBRACKET) depth++;
      else if (c === RBRACE || c === RBRACKET) {
        if (depth === 0) break;
        depth--;
      } else if (c === COMMA && depth === 0) break;
    }
    if (i >= text.length) throw notJson('unterminated array', open);
    // `start` is not whitespace, so an item that ends where it starts is missing ("[1,,2]").
    if (i === start) throw notJson('missing item', start);
    // Past the limit items are only counted: no string is made for them.
    if (++count <= maxItems) slices.push(text.slice(start, i).trimEnd());
    if (text.charCodeAt(i) === RBRACKET) return checkEnd(text, i + 1, slices, count);
    if (text.charCodeAt(i) === RBRACE) throw notJson("unexpected '}'", i);
    i = skipSpace(text, i + 1);
  }
}

function checkEnd(text: string, i: number, slices: string[], count: number): { slices: string[]; count: number } {
  const end = skipSpace(text, i);
  if (end !== text.length) throw notJson('unexpected text after the array', end);
  return { slices, count };
}
