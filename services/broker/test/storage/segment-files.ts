/**
 * A partition directory's segment files as a test sees them on disk, read and
 * damaged straight through the file system, never through the broker's own
 * code: what was stored is checked independently of what reads it.
 */
import { closeSync, openSync, readFileSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** One record batch as stored: its file, byte position and size, and its offsets. */
export interface StoredBatch {
  file: string;
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

/** Every batch of a partition directory, in offset order, from its .log files' batch headers. */
export function storedBatches(partitionDir: string): StoredBatch[] {
  const out: StoredBatch[] = [];
  for (const name of readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort()) {
    const file = join(partitionDir, name);
    const bytes = readFileSync(file);
    for (let pos = 0; pos < bytes.length; ) {
      // baseOffset int64 at 0, batchLength int32 at 8 (bytes after it), lastOffsetDelta int32 at 23.
      const size = 12 + bytes.readInt32BE(pos + 8);
      const baseOffset = Number(bytes.readBigInt64BE(pos));
      out.push({ file, position: pos, size, baseOffset, lastOffset: baseOffset + bytes.readInt32BE(pos + 23) });
      pos += size;
    }
  }
  return out;
}

/** File name -> size of every file in the directory, for "nothing was deleted or cut" checks. */
export function fileSizes(partitionDir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(partitionDir).sort().map((f) => [f, statSync(join(partitionDir, f)).size]));
}

/** Writes `bytes` over the file at `position`, in place. */
export function overwrite(file: string, position: number, bytes: number[]): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from(bytes), 0, bytes.length, position);
  closeSync(fd);
}

/** Flips one bit of the byte at `position`. */
export function flipByte(file: string, position: number): void {
  overwrite(file, position, [readFileSync(file)[position]! ^ 0x40]);
}
