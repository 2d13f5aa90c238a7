/**
 * Recovery of one partition directory on open: scan every segment file
 * (framing, offset continuity, CRC-32C), classify what is wrong, and, only
 * when the operator asked for it, move damaged bytes aside.
 *
 * The rule (Kafka's promise): a crash can only tear the end of the last
 * segment (older segments were fsynced when they rolled), so damage there
 * with nothing intact after it is cut, as a crash's leftovers. Any other
 * damage (a corrupt batch in an older segment, a missing segment, an intact
 * batch after a damaged one) did not come from a crash; it is reported, and
 * intact data is never deleted to "repair" a log.
 *
 * Repair ('truncate-damaged') isolates one damaged range at a time:
 *   F = [intact | damaged | intact...]  becomes
 *   F = [intact],  <from>-<to>.damaged = [damaged],  <to>.log = [intact...]
 * The `.damaged` file keeps the bytes (nothing is thrown away) and records
 * that the offset gap [from, to) is known and accepted, so a later normal
 * start takes the log as it is. Each step writes a temp file, fsyncs and
 * renames before the damaged file is cut, so a repair interrupted by a crash
 * is finished by running it again.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Segment, parseSegmentFileName, segmentFileName } from './segment.ts';
import { ProducerStateTable } from './producer-state.ts';
import type { Damage } from './damage.ts';

export type RecoveryMode = 'strict' | 'truncate-damaged';

const DAMAGED_FILE = /^(\d{20})-(\d{20})\.damaged$/;

export function damagedFileName(from: number, to: number): string {
  return `${String(from).padStart(20, '0')}-${String(to).padStart(20, '0')}.damaged`;
}

/** The offset ranges a repair isolated: gaps a normal open accepts. */
export function recordedGaps(dir: string): { from: number; to: number; file: string }[] {
  const out: { from: number; to: number; file: string }[] = [];
  for (const name of readdirSync(dir)) {
    const m = DAMAGED_FILE.exec(name);
    if (m) out.push({ from: Number(m[1]), to: Number(m[2]), file: join(dir, name) });
  }
  return out;
}

export interface ScanOptions {
  topic: string;
  partition: number;
  indexIntervalBytes: number;
  /** Check the CRC-32C of every batch of every segment (else only of the last, after a crash). */
  verifyAll: boolean;
  cleanShutdown: boolean;
  /** Segments below this offset were compacted (cleaner-files.ts): offset gaps there are expected. */
  gapsBelow?: number;
}

export interface PartitionScan {
  /** Opened and indexed, in offset order; adopt them only when `damages` is empty. */
  segments: Segment[];
  producers: ProducerStateTable;
  /** Damage outside the tail, in offset order. */
  damages: Damage[];
  /** A torn end of the last segment: cut it at `position`. */
  tail: { segment: Segment; position: number; droppedBytes: number; reason: string } | null;
}

export function scanPartition(dir: string, opts: ScanOptions): PartitionScan {
  const bases = readdirSync(dir)
    .map(parseSegmentFileName)
    .filter((b): b is number => b !== null)
    .sort((a, b) => a - b);
  const gaps = recordedGaps(dir);
  const producers = new ProducerStateTable();
  const scan: PartitionScan = { segments: [], producers, damages: [], tail: null };
  const at = { topic: opts.topic, partition: opts.partition };
  /** Offset after the previous file's last intact batch. */
  let prevEnd = -1;
  /** The previous file's damage ran to its end: the next file's base says where the loss stops. */
  let openEnded: Omit<Damage, 'toOffset'> | null = null;
  try {
    for (let i = 0; i < bases.length; i++) {
      const base = bases[i]!;
      const file = join(dir, segmentFileName(base));
      const isLast = i === bases.length - 1;
      if (openEnded) {
        scan.damages.push(base >= openEnded.fromOffset ? { ...openEnded, toOffset: base } : { ...openEnded, kind: 'overlap', toOffset: openEnded.fromOffset + 1 });
        openEnded = null;
      } else if (i > 0 && base < prevEnd) {
        scan.damages.push({
          ...at,
          kind: 'overlap',
          file,
          position: 0,
          bytes: 0,
          fromOffset: base,
          toOffset: prevEnd,
          reason: `segment starts at offset ${base}, inside the previous segment (which ends at ${prevEnd - 1}); move one of the two files aside`,
        });
      } else if (i > 0 && base > prevEnd && base > (opts.gapsBelow ?? 0) && !gaps.some((g) => g.from === prevEnd && g.to === base)) {
        scan.damages.push({
          ...at,
          kind: 'missing',
          file,
          position: 0,
          bytes: 0,
          fromOffset: prevEnd,
          toOffset: base,
          reason: `no segment file holds the offsets before this one (${segmentFileName(prevEnd)} is missing)`,
        });
      }
      const opened = Segment.open(dir, base, {
        indexIntervalBytes: opts.indexIntervalBytes,
        verifyCrc: opts.verifyAll || (isLast && !opts.cleanShutdown),
        onBatch: (h) => producers.update(h, h.baseOffset),
        compacted: base < (opts.gapsBelow ?? 0),
      });
      scan.segments.push(opened.segment);
      for (const p of opened.problems) {
        if (p.end === null && isLast) {
          scan.tail = { segment: opened.segment, position: p.position, droppedBytes: opened.fileSize - p.position, reason: p.reason };
        } else if (p.end === null) {
          openEnded = { ...at, kind: 'bytes', file, position: p.position, bytes: opened.fileSize - p.position, fromOffset: p.fromOffset, reason: p.reason };
        } else {
          scan.damages.push({ ...at, kind: 'bytes', file, position: p.position, bytes: p.end - p.position, fromOffset: p.fromOffset, toOffset: p.nextOffset!, reason: p.reason });
        }
      }
      prevEnd = opened.endOffset;
    }
  } catch (err) {
    for (const s of scan.segments) s.close();
    throw err;
  }
  return scan;
}

/** Temp files of a repair that a crash interrupted: the repair run that finishes it starts clean. */
export function removeRepairLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) if (/\.(log|damaged)\.tmp$/.test(name)) unlinkSync(join(dir, name));
}

/**
 * Isolate one damaged range (see the module comment). Throws for an
 * overlap, which only a person can settle.
 */
export function repairDamage(d: Damage): void {
  const dir = dirname(d.file);
  if (d.kind === 'overlap') throw new Error(`cannot repair ${d.file}: ${d.reason}`);
  if (d.kind === 'missing') {
    writeFileDurably(join(dir, damagedFileName(d.fromOffset, d.toOffset)), null, 0, 0);
    fsyncDir(dir);
    return;
  }
  const fd = openSync(d.file, 'r+');
  try {
    const fileSize = fstatSync(fd).size;
    const end = d.position + d.bytes;
    if (end < fileSize) writeFileDurably(join(dir, segmentFileName(d.toOffset)), fd, end, fileSize);
    writeFileDurably(join(dir, damagedFileName(d.fromOffset, d.toOffset)), fd, d.position, end);
    fsyncDir(dir);
    if (d.position > 0) {
      ftruncateSync(fd, d.position);
      fsyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
  if (d.position === 0) unlinkSync(d.file);
  fsyncDir(dir);
}

const COPY_CHUNK = 1024 * 1024;

/**
 * Write bytes [start, end) of `srcFd` (nothing when null) to `target` via a
 * fsynced temp file and a rename. An existing target is only replaced by
 * the very same bytes (a repair being finished); anything else is refused.
 */
function writeFileDurably(target: string, srcFd: number | null, start: number, end: number): void {
  if (existsSync(target) && !sameBytes(target, srcFd, start, end)) {
    throw new Error(`cannot repair: ${target} exists with other contents`);
  }
  const tmp = `${target}.tmp`;
  const out = openSync(tmp, 'w');
  try {
    const buf = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, end - start)));
    for (let pos = start; srcFd !== null && pos < end; ) {
      const n = readSync(srcFd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n === 0) throw new Error(`unexpected end of file while copying to ${target}`);
      for (let w = 0; w < n; ) w += writeSync(out, buf, w, n - w);
      pos += n;
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
  renameSync(tmp, target);
}

function sameBytes(file: string, srcFd: number | null, start: number, end: number): boolean {
  const fd = openSync(file, 'r');
  try {
    if (fstatSync(fd).size !== end - start) return false;
    if (srcFd === null) return true;
    const a = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, end - start)));
    const b = Buffer.allocUnsafe(a.length);
    for (let pos = 0; pos < end - start; ) {
      const n = Math.min(a.length, end - start - pos);
      readFullyAt(srcFd, a, n, start + pos);
      readFullyAt(fd, b, n, pos);
      if (a.compare(b, 0, n, 0, n) !== 0) return false;
      pos += n;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

function readFullyAt(fd: number, buf: Buffer, n: number, position: number): void {
  for (let done = 0; done < n; ) {
    const r = readSync(fd, buf, done, n - done, position + done);
    if (r === 0) throw new Error('unexpected end of file');
    done += r;
  }
}

/** Make a directory's entries (new, renamed, deleted files) durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
