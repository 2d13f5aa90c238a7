/**
 * Pass 1 of `publish --file`: streams the input once, validates each line
 * against the schema (v2; a v1 line is validated as v1 and upcast, and the
 * upcast v2 update is what gets published), and spools the valid updates (with their line numbers)
 * to a temp file, so memory stays bounded whatever the input size and stdin
 * needs no second read. Every error of every line is printed as
 * `file:line: field.path: what is wrong`. It also counts the valid updates
 * per kind (the --dry-run summary) and hashes the input (the journal checks
 * that a re-run reads the same input).
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform, type Readable } from 'node:stream';
import type { FieldError } from '@newswire/schema';
import { parseAnyUpdate, type AnyParseResult, type Update } from '@newswire/schema/v2';
import { readLines, type Line } from './ndjson.ts';
import { encodeSpool, type SpoolEntry } from './spool.ts';
import { createProgress } from './progress.ts';
import { RangeSet } from './ranges.ts';
import { explainUnknownField } from './known-fields.ts';

export interface ValidateOptions {
  file: string;
  maxLineBytes: number;
  /** Where valid updates go; none (a dry run) keeps nothing. */
  spoolPath?: string;
  skipInvalid: boolean;
  rejectsPath?: string;
  signal?: AbortSignal;
}

export interface Validated {
  /** Lines read (the last line number). */
  lines: number;
  valid: number;
  invalid: number;
  /** Valid updates per kind. */
  kinds: Record<string, number>;
  /** Line numbers of the valid lines. */
  validLines: RangeSet;
  /** sha256 of every input byte, hex. */
  sha256: string;
  rejects?: string;
  /** Stopped early by the signal. */
  aborted: boolean;
}

/** What to print for a line: `<stdin>` for `-`. */
export const labelOf = (file: string) => (file === '-' ? '<stdin>' : file);

/** JSON whitespace (space, tab, CR, LF) around a line is not part of the update. */
function trimJsonWhitespace(b: Buffer): Buffer {
  const ws = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
  let s = 0;
  let e = b.length;
  while (s < e && ws(b[s])) s++;
  while (e > s && ws(b[e - 1])) e--;
  return s === 0 && e === b.length ? b : b.subarray(s, e);
}

async function write(stream: WriteStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Whether a valid line's own bytes are exactly its validated update. The schema's
 * only transform is NFC normalisation, so they are unless the line is not NFC,
 * could spell a decomposed character with a \u escape, or starts with a BOM.
 */
function rawIsExact(line: { text: string; raw: Buffer }): boolean {
  const raw = line.raw;
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return false;
  if (raw.includes('\\u')) return false;
  return isAscii(raw) || line.text === line.text.normalize('NFC');
}

/**
 * A line `newswire replay` writes by default: `{"position":{...},"update":{...}}`.
 * It is not an update, and without this check every one of its errors would
 * be about the wrapper ("schema: is required"), not about what to do.
 */
function isReplayLine(input: unknown): boolean {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return false;
  const o = input as Record<string, unknown>;
  return 'position' in o && 'update' in o && !('schema' in o) && !('kind' in o);
}

export const REPLAY_LINE_MESSAGE =
  'is a `newswire replay` line ({"position":...,"update":...}), not an update: replay with `--format updates` to get plain updates, or take the update out of each line (jq -c .update)';

function lineErrors(line: Line, maxLineBytes: number): { errors: FieldError[]; update?: Update; from?: 1 | 2 } {
  if ('refused' in line) return { errors: [{ path: '(root)', message: line.refused }] };
  if ('tooLong' in line) {
    return { errors: [{ path: '(root)', message: `line is ${line.bytes} bytes, longer than the limit of ${maxLineBytes} (--max-line-bytes)` }] };
  }
  let input: unknown;
  try {
    input = JSON.parse(line.text);
  } catch (err) {
    return { errors: [{ path: '(root)', message: `not valid JSON (${(err as Error).message})` }] };
  }
  if (isReplayLine(input)) return { errors: [{ path: '(root)', message: REPLAY_LINE_MESSAGE }] };
  const parsed = parseAnyUpdate(input);
  if (parsed.ok) return { errors: [], update: parsed.update, from: parsed.from };
  const r = parsed as AnyParseResult;
  return r.ok ? { errors: [], update: r.update } : { errors: r.errors.map((e) => ({ ...e, message: explainUnknownField(input, e.path, e.message) })) };
}

/** Passes the bytes through unchanged, hashing them on the way. */
function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

export async function validateFile(opts: ValidateOptions): Promise<Validated> {
  const label = labelOf(opts.file);
  const source: Readable = opts.file === '-' ? process.stdin : createReadStream(opts.file, { highWaterMark: 256 * 1024 });
  const hash = createHash('sha256');
  const input = source.pipe(hashing(hash));
  source.once('error', (err) => input.destroy(err));
  const result: Validated = { lines: 0, valid: 0, invalid: 0, kinds: {}, validLines: new RangeSet(), sha256: '', aborted: false };
  const spool = opts.spoolPath ? createWriteStream(opts.spoolPath) : undefined;
  let rejects: WriteStream | undefined;
  const progress = createProgress('validating');
  try {
    for await (const lines of readLines(input, opts.maxLineBytes)) {
      if (opts.signal?.aborted) {
        result.aborted = true;
        break;
      }
      const out: SpoolEntry[] = [];
      for (const line of lines) {
        result.lines = line.lineNo;
        const { errors, update, from } = lineErrors(line, opts.maxLineBytes);
        if (update && 'text' in line) {
          // Spool the line's own bytes when they are exactly the validated v2 update (almost
          // always), else the update as validated (NFC text; a v1 line's upcast v2 update),
          // with the envelope fields publishing needs.
          if (spool) {
            const json = from === 2 && rawIsExact(line) ? trimJsonWhitespace(line.raw) : Buffer.from(JSON.stringify(update));
            out.push({ line: line.lineNo, kind: update.kind, id: update.id, story: update.story, json });
          }
          result.valid++;
          result.kinds[update.kind] = (result.kinds[update.kind] ?? 0) + 1;
          result.validLines.add(line.lineNo);
          continue;
        }
        result.invalid++;
        for (const e of errors) process.stderr.write(`${label}:${line.lineNo}: ${e.path}: ${e.message}\n`);
        if (opts.skipInvalid) {
          if (!rejects) {
            result.rejects = opts.rejectsPath ?? `${opts.file === '-' ? 'stdin' : opts.file}.rejects.ndjson`;
            rejects = createWriteStream(result.rejects);
          }
          const text = 'text' in line ? line.text : undefined;
          await write(rejects, JSON.stringify({ line: line.lineNo, errors, input: text }) + '\n');
        }
      }
      // Encoded (copied) now: the line bytes may be views into the read chunk.
      if (spool && out.length) await write(spool, encodeSpool(out));
      progress.update(result.valid + result.invalid);
    }
  } finally {
    progress.done();
    for (const s of [spool, rejects]) {
      if (!s) continue;
      s.end();
      await once(s, 'close');
    }
  }
  result.sha256 = hash.digest('hex');
  return result;
}
