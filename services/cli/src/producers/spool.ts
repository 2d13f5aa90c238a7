/**
 * The temp file `publish --file` keeps validated updates in between its
 * validation pass and its publish pass, one per line:
 *
 *   <line> TAB <kind> TAB <id> TAB <story> TAB <the update's JSON bytes, as read> LF
 *
 * The line number is the input's (what errors, the journal and a failure
 * report name). Kind, id and story are ASCII (schema enum and id pattern) and
 * hold no tab; the JSON is one line (NDJSON) and may hold tabs only after the
 * fourth one.
 * Both directions work on bytes: the input line is never decoded again, and
 * its bytes go to Kafka as they were read.
 */
import type { Readable } from 'node:stream';
import type { SerializedUpdate } from '@newswire/kafka';
import type { Kind } from '@newswire/schema/v2';

export interface SpoolEntry {
  line: number;
  kind: string;
  id: string;
  story: string;
  /** The update's JSON (one line, no newline). */
  json: Buffer;
}

const TAB = 0x09;
const NL = 0x0a;

/** One buffer holding every entry, ready for a single write. */
export function encodeSpool(entries: readonly SpoolEntry[]): Buffer {
  let size = 0;
  for (const e of entries) size += 16 + e.kind.length + e.id.length + e.story.length + e.json.length + 5;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const e of entries) {
    at += out.write(String(e.line), at, 'latin1');
    out[at++] = TAB;
    at += out.write(e.kind, at, 'latin1');
    out[at++] = TAB;
    at += out.write(e.id, at, 'latin1');
    out[at++] = TAB;
    at += out.write(e.story, at, 'latin1');
    out[at++] = TAB;
    at += e.json.copy(out, at);
    out[at++] = NL;
  }
  return out.subarray(0, at);
}

/** A spooled update: what publishing needs, and the input line it came from. */
export type SpooledUpdate = SerializedUpdate & { line: number };

function decodeEntry(line: Buffer): SpooledUpdate {
  const n = line.indexOf(TAB);
  const a = line.indexOf(TAB, n + 1);
  const b = line.indexOf(TAB, a + 1);
  const c = line.indexOf(TAB, b + 1);
  if (n < 0 || a < 0 || b < 0 || c < 0) throw new Error('corrupt spool line');
  return {
    line: Number(line.toString('latin1', 0, n)),
    kind: line.toString('latin1', n + 1, a) as Kind,
    id: line.toString('latin1', a + 1, b),
    story: line.toString('latin1', b + 1, c),
    json: line.subarray(c + 1),
  };
}

/** Reads the spool back as updates, in batches of whatever one read chunk holds. */
export async function* readSpool(input: Readable): AsyncGenerator<SpooledUpdate[]> {
  let carry: Buffer | undefined;
  for await (const raw of input) {
    // Read streams hand out a fresh buffer per chunk, so subarrays of it stay valid.
    const chunk: Buffer = carry ? Buffer.concat([carry, raw as Buffer]) : (raw as Buffer);
    carry = undefined;
    const out: SpooledUpdate[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NL); nl !== -1; nl = chunk.indexOf(NL, start)) {
      out.push(decodeEntry(chunk.subarray(start, nl)));
      start = nl + 1;
    }
    if (start < chunk.length) carry = chunk.subarray(start);
    if (out.length) yield out;
  }
  if (carry?.length) throw new Error('spool ends in the middle of a line');
}
