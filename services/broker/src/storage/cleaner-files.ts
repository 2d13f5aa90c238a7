/**
 * The log cleaner's files in a partition directory, and how a crash in the
 * middle of a clean is finished on the next open.
 *
 * A group of segments [S0..Sk] (S0 based at B, the next segment at E) is
 * replaced by one cleaned segment in steps that each leave a valid log:
 *   1. write `<B>.log.cleaned` and fsync it   (crash: a leftover, deleted on open)
 *   2. rename it to `<B>-<E>.swap`, fsync dir  (crash: the open finishes the swap)
 *   3. unlink S1..Sk, rename the swap over S0 (`<B>.log`, atomic), fsync dir
 * A group of one segment skips the swap name: step 3 is the rename alone.
 * So a kill -9 at any point leaves, for every offset range, either the old
 * segments or the complete cleaned one, never a partial file in the log.
 *
 * `cleaner-checkpoint.json` holds `cleanedTo` (the first dirty offset: the
 * log below it was cleaned) and `gapsBelow` (segments below it may have
 * offset gaps; recovery accepts them there and nowhere else). `gapsBelow` is
 * raised before a pass swaps anything in, `cleanedTo` after it finished.
 */
import { existsSync, readFileSync, readdirSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSegmentFileName, segmentFileName } from './segment.ts';
import { fsyncDir } from './recovery.ts';
import { writeFileDurably } from './topic-config.ts';

const CHECKPOINT_FILE = 'cleaner-checkpoint.json';
const CLEANED = /^\d{20}\.log\.cleaned$/;
const SWAP = /^(\d{20})-(\d{20})\.swap$/;

export function cleanedFileName(baseOffset: number): string {
  return `${segmentFileName(baseOffset)}.cleaned`;
}

export function swapFileName(baseOffset: number, endOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}-${String(endOffset).padStart(20, '0')}.swap`;
}

export interface CleanerCheckpoint {
  cleanedTo: number;
  gapsBelow: number;
}

const checkpointSchema = z.object({ cleanedTo: z.number().int().min(0), gapsBelow: z.number().int().min(0) });

export function readCleanerCheckpoint(dir: string): CleanerCheckpoint {
  const file = join(dir, CHECKPOINT_FILE);
  if (!existsSync(file)) return { cleanedTo: 0, gapsBelow: 0 };
  const parsed = checkpointSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid cleaner checkpoint: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

export function writeCleanerCheckpoint(dir: string, c: CleanerCheckpoint): void {
  writeFileDurably(join(dir, CHECKPOINT_FILE), JSON.stringify(c));
}

/**
 * Steps 2 and 3 of the module comment: the complete, fsynced `cleanedPath`
 * takes the place of a group's segment files (`paths`, oldest first, closed
 * by the caller); the group starts at `baseOffset`, the next segment at
 * `endOffset`.
 */
export function swapInCleanedFile(dir: string, cleanedPath: string, paths: readonly string[], baseOffset: number, endOffset: number): void {
  if (paths.length === 1) {
    renameSync(cleanedPath, paths[0]!);
  } else {
    const swap = join(dir, swapFileName(baseOffset, endOffset));
    renameSync(cleanedPath, swap);
    fsyncDir(dir);
    for (const p of paths.slice(1)) unlinkSync(p);
    renameSync(swap, paths[0]!);
  }
  fsyncDir(dir);
}

/**
 * Finish what a crash interrupted (see the module comment): complete every
 * swap, delete partial cleaned files. Returns what it did, for the log.
 */
export function finishInterruptedClean(dir: string): { swapsCompleted: number; partialsRemoved: number } {
  let swapsCompleted = 0;
  let partialsRemoved = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    if (CLEANED.test(name)) {
      unlinkSync(join(dir, name));
      partialsRemoved++;
    }
  }
  for (const name of names) {
    const m = SWAP.exec(name);
    if (!m) continue;
    const from = Number(m[1]);
    const to = Number(m[2]);
    // The swap is complete (it was fsynced before it got this name): it replaces every segment in [from, to).
    for (const other of names) {
      const base = parseSegmentFileName(other);
      if (base !== null && base > from && base < to) unlinkSync(join(dir, other));
    }
    renameSync(join(dir, name), join(dir, segmentFileName(from)));
    swapsCompleted++;
  }
  return { swapsCompleted, partialsRemoved };
}
