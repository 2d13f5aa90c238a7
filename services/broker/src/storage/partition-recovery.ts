/**
 * What opening a partition directory does before the log serves anything:
 * finish a log clean a crash interrupted, scan every segment (recovery.ts),
 * repair one damaged range per pass when the operator asked for it, cut a
 * torn tail, and hand back the segments, the producer state they hold and
 * the cleaner's checkpoint.
 */
import type { Logger } from 'pino';
import { Segment } from './segment.ts';
import { fsyncDir, removeRepairLeftovers, repairDamage, scanPartition, type RecoveryMode } from './recovery.ts';
import { LogDamagedError, describeDamage, repairable } from './damage.ts';
import type { ProducerStateTable } from './producer-state.ts';
import { type CleanerCheckpoint, finishInterruptedClean, readCleanerCheckpoint } from './cleaner-files.ts';

/** A repair fixes one damaged range per pass; more than this many means something is looping. */
const MAX_REPAIRS = 10_000;

export interface RecoverPartitionOptions {
  topic: string;
  partition: number;
  indexIntervalBytes: number;
  /** The previous run closed cleanly: skip the CRC pass over the tail segment (when verifyAll is off). */
  cleanShutdown: boolean;
  /** Check the CRC-32C of every stored batch (default), not only the tail after a crash. */
  verifyAll?: boolean;
  /** 'strict' (default): damage outside the tail refuses the open. 'truncate-damaged': move it aside. */
  recovery?: RecoveryMode;
  logger?: Logger;
}

export interface RecoveredPartition {
  /** In offset order, never empty; all but the last sealed. */
  segments: Segment[];
  producers: ProducerStateTable;
  checkpoint: CleanerCheckpoint;
}

/** Throws LogDamagedError when damage outside the tail stays (see recovery.ts). */
export function recoverPartition(dir: string, opts: RecoverPartitionOptions): RecoveredPartition {
  const at = { topic: opts.topic, partition: opts.partition };
  const logger = opts.logger;
  if (opts.recovery === 'truncate-damaged') removeRepairLeftovers(dir);
  const finished = finishInterruptedClean(dir);
  if (finished.swapsCompleted + finished.partialsRemoved > 0) {
    fsyncDir(dir);
    logger?.warn({ ...at, ...finished }, 'finished a log clean interrupted by a crash');
  }
  const checkpoint = readCleanerCheckpoint(dir);
  for (let pass = 0; ; pass++) {
    const scan = scanPartition(dir, {
      ...at,
      indexIntervalBytes: opts.indexIntervalBytes,
      verifyAll: opts.verifyAll ?? true,
      cleanShutdown: opts.cleanShutdown,
      gapsBelow: checkpoint.gapsBelow,
    });
    if (scan.damages.length === 0) {
      const segments = scan.segments;
      // Older segments were fsynced when they rolled: their descriptors may join the pool.
      for (const s of segments.slice(0, -1)) s.seal();
      if (scan.tail) {
        scan.tail.segment.truncateTo(scan.tail.position, true);
        const { segment, ...tail } = scan.tail;
        logger?.warn({ ...at, file: segment.path, ...tail }, 'truncated the torn tail of the log (what a crash leaves)');
      }
      if (segments.length === 0) {
        segments.push(Segment.create(dir, 0, opts.indexIntervalBytes));
        fsyncDir(dir);
      }
      return { segments, producers: scan.producers, checkpoint };
    }
    for (const s of scan.segments) s.close();
    const first = scan.damages[0]!;
    if (opts.recovery !== 'truncate-damaged' || !repairable(first) || pass >= MAX_REPAIRS) throw new LogDamagedError(scan.damages);
    repairDamage(first);
    logger?.warn({ ...first, lostOffsets: describeDamage(first) }, 'moved damaged log bytes aside (truncate-damaged); these offsets are lost');
  }
}
