/**
 * Streams NDJSON lines out of a byte stream with bounded memory: at most one
 * line (capped at maxLineBytes) plus one read chunk is held at a time. A line
 * over the cap is reported as such (its bytes are skipped, not buffered) so a
 * single runaway line cannot exhaust memory. Blank lines are skipped but still
 * counted, so line numbers match what an editor shows. A line that is not
 * valid UTF-8 is refused with the offset of the first bad byte, never decoded
 * with replacement characters (which would publish something the producer
 * did not write).
 */
import type { Readable } from 'node:stream';
import { decodeUtf8, Utf8Error } from '@newswire/schema';

/**
 * `raw` is the line's bytes (without the newline or a trailing CR). It may be
 * a view into the read chunk: use or copy it before asking for the next batch.
 */
export type Line =
  | { lineNo: number; text: string; raw: Buffer }
  | { lineNo: number; tooLong: true; bytes: number }
  | { lineNo: number; refused: string };

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NL = 0x0a;
const EMPTY = Buffer.alloc(0);

export async function* readLines(input: Readable, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<Line[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false; // current line already over the cap: drop bytes until newline
  let lineNo = 0;

  function finish(tail: Buffer, out: Line[]): void {
    lineNo++;
    if (overflow) {
      out.push({ lineNo, tooLong: true, bytes: pendingBytes + tail.length });
    } else {
      let buf = pending.length ? Buffer.concat([...pending, tail]) : tail;
      if (buf.length && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
      try {
        const text = decodeUtf8(buf);
        if (text.trim() !== '') out.push({ lineNo, text, raw: buf });
      } catch (err) {
        if (!(err instanceof Utf8Error)) throw err;
        out.push({ lineNo, refused: `not valid UTF-8 at byte ${err.byteOffset} of the line` });
      }
    }
    pending = [];
    pendingBytes = 0;
    overflow = false;
  }

  for await (const raw of input) {
    const chunk: Buffer = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    const out: Line[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      if (nl === -1) break;
      const piece = chunk.subarray(start, nl);
      if (!overflow && pendingBytes + piece.length > maxLineBytes) overflow = true;
      if (overflow) {
        pendingBytes += piece.length;
        finish(EMPTY, out);
      } else {
        finish(piece, out);
      }
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      if (!overflow && pendingBytes + rest.length > maxLineBytes) {
        overflow = true;
        pending = [];
      }
      if (!overflow) pending.push(Buffer.from(rest)); // copy: the chunk may be reused by the stream
      pendingBytes += rest.length;
    }
    if (out.length) yield out;
  }
  if (pendingBytes > 0 || overflow) {
    const out: Line[] = [];
    finish(EMPTY, out);
    if (out.length) yield out;
  }
}
