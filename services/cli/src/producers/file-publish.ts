/**
 * `newswire publish --file <path|->`: validate every line, then publish.
 *
 * Pass 1 streams the input once, validates each line against the schema and
 * spools the valid updates (compact JSON) to a temp file, so memory stays
 * bounded whatever the input size and stdin needs no second read. Any invalid
 * line (without --skip-invalid) stops here: errors are printed as
 * `file:line: field.path: what is wrong`, exit 2, and Kafka is never touched.
 * Pass 2 streams the spool into the publisher in batches. Lines stay bytes
 * from input to Kafka (see spool.ts): only validation decodes them.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Publisher, SerializedUpdate } from '@newswire/kafka';
import { parseUpdate, type FieldError, type Update } from '@newswire/schema';
import { readLines, type Line } from './ndjson.ts';
import { encodeSpool, readSpool, type SpoolEntry } from './spool.ts';
import { createProgress } from './progress.ts';

export interface FilePublishOptions {
  file: string;
  skipInvalid: boolean;
  rejectsPath?: string;
  maxLineBytes: number;
  json: boolean;
  /** Connects only after validation passed, so invalid input never needs Kafka. */
  connect: () => Promise<Publisher>;
  /** Updates per publish() call. */
  batchSize?: number;
  signal?: AbortSignal;
}

export interface FilePublishSummary {
  published: number;
  invalid: number;
  lines: number;
  topics: Record<string, number>;
  rejects?: string;
  seconds: number;
}

/** JSON whitespace (space, tab, CR, LF) around a line is not part of the update. */
function trimJsonWhitespace(b: Buffer): Buffer {
  const ws = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
  let s = 0;
  let e = b.length;
  while (s < e && ws(b[s])) s++;
  while (e > s && ws(b[e - 1])) e--;
  return s === 0 && e === b.length ? b : b.subarray(s, e);
}

/** What to print for a line: `<stdin>` for `-`. */
const labelOf = (file: string) => (file === '-' ? '<stdin>' : file);

async function write(stream: WriteStream, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function lineErrors(line: Line, maxLineBytes: number): { errors: FieldError[]; update?: Update } {
  if ('tooLong' in line) {
    return { errors: [{ path: '(root)', message: `line is ${line.bytes} bytes, longer than the limit of ${maxLineBytes} (--max-line-bytes)` }] };
  }
  let input: unknown;
  try {
    input = JSON.parse(line.text);
  } catch (err) {
    return { errors: [{ path: '(root)', message: `not valid JSON (${(err as Error).message})` }] };
  }
  const r = parseUpdate(input);
  return r.ok ? { errors: [], update: r.update } : { errors: r.errors };
}

export async function publishFile(opts: FilePublishOptions): Promise<{ code: number; summary: FilePublishSummary }> {
  const started = Date.now();
  const label = labelOf(opts.file);
  const input = opts.file === '-' ? process.stdin : createReadStream(opts.file, { highWaterMark: 256 * 1024 });
  const dir = await mkdtemp(join(tmpdir(), 'newswire-publish-'));
  const spoolPath = join(dir, 'valid.ndjson');
  const summary: FilePublishSummary = { published: 0, invalid: 0, lines: 0, topics: {}, seconds: 0 };
  let rejects: WriteStream | undefined;
  try {
    // Pass 1: validate everything, spool the valid updates.
    const spool = createWriteStream(spoolPath);
    let valid = 0;
    const progress1 = createProgress('validating');
    for await (const lines of readLines(input, opts.maxLineBytes)) {
      if (opts.signal?.aborted) break;
      const out: SpoolEntry[] = [];
      for (const line of lines) {
        summary.lines = line.lineNo;
        const { errors, update } = lineErrors(line, opts.maxLineBytes);
        if (update && 'text' in line) {
          // Spool the line's own bytes (a valid update is exactly its input: the schema has no
          // defaults or transforms) with the envelope fields publishing needs.
          out.push({ kind: update.kind, id: update.id, story: update.story, json: trimJsonWhitespace(line.raw) });
          valid++;
          continue;
        }
        summary.invalid++;
        for (const e of errors) process.stderr.write(`${label}:${line.lineNo}: ${e.path}: ${e.message}\n`);
        if (opts.skipInvalid) {
          if (!rejects) {
            summary.rejects = opts.rejectsPath ?? `${opts.file === '-' ? 'stdin' : opts.file}.rejects.ndjson`;
            rejects = createWriteStream(summary.rejects);
          }
          const text = 'text' in line ? line.text : undefined;
          await write(rejects, JSON.stringify({ line: line.lineNo, errors, input: text }) + '\n');
        }
      }
      // Encoded (copied) now: the line bytes may be views into the read chunk.
      if (out.length) await write(spool, encodeSpool(out));
      progress1.update(valid + summary.invalid);
    }
    progress1.done();
    spool.end();
    await once(spool, 'close');
    if (rejects) {
      rejects.end();
      await once(rejects, 'close');
    }
    if (opts.signal?.aborted) return { code: 130, summary };
    if (summary.invalid > 0 && !opts.skipInvalid) {
      process.stderr.write(`${label}: ${summary.invalid} invalid line(s); nothing published (use --skip-invalid to publish the valid ones)\n`);
      summary.seconds = (Date.now() - started) / 1000;
      return { code: 2, summary };
    }
    if (valid === 0) {
      summary.seconds = (Date.now() - started) / 1000;
      return { code: 0, summary };
    }

    // Pass 2: publish the spool in batches, a few calls in flight so the
    // next batch is prepared while the previous one is on the wire.
    const publisher = await opts.connect();
    const progress2 = createProgress('publishing');
    const batchSize = opts.batchSize ?? 2000;
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    const submit = (batch: SerializedUpdate[]) => {
      const p = publisher.publishSerialized(batch).then(
        (positions) => {
          summary.published += positions.length;
          for (const pos of positions) summary.topics[pos.topic] = (summary.topics[pos.topic] ?? 0) + 1;
          progress2.update(summary.published, valid);
        },
        (err: unknown) => {
          failure ??= err;
        },
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    };
    try {
      let batch: SerializedUpdate[] = [];
      for await (const updates of readSpool(createReadStream(spoolPath, { highWaterMark: 1024 * 1024 }))) {
        for (const u of updates) batch.push(u);
        while (batch.length >= batchSize) {
          submit(batch.slice(0, batchSize));
          batch = batch.slice(batchSize);
          while (inFlight.size >= 3) await Promise.race(inFlight);
          if (failure || opts.signal?.aborted) break;
        }
        if (failure || opts.signal?.aborted) break;
      }
      if (batch.length && !failure && !opts.signal?.aborted) submit(batch);
      await Promise.all(inFlight);
    } finally {
      progress2.done();
      await publisher.close();
    }
    summary.seconds = (Date.now() - started) / 1000;
    if (failure) throw Object.assign(failure instanceof Error ? failure : new Error(String(failure)), { summary });
    if (opts.signal?.aborted) return { code: 130, summary };
    return { code: 0, summary };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
