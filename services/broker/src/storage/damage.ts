/**
 * Damage found in a partition's log on open. Kafka's promise is the model:
 * a damaged batch is isolated and reported, and intact data is never
 * deleted to "repair" a log. Only the torn end of the last segment (what a
 * crash leaves) is cut silently; everything else stops the open.
 */
export interface Damage {
  /** bytes: a damaged byte range of a file; missing: offsets no file holds; overlap: two files claim the same offsets. */
  kind: 'bytes' | 'missing' | 'overlap';
  topic: string;
  partition: number;
  /** The segment file holding the damage, or the one after a missing range. */
  file: string;
  /** Byte position of the damage in `file`. */
  position: number;
  /** Bytes affected from `position` (0 for a missing file). */
  bytes: number;
  /** First offset lost or unreadable. */
  fromOffset: number;
  /** Offset of the first intact batch after the damage (exclusive end of the loss). */
  toOffset: number;
  reason: string;
}

/** What truncate-damaged can fix: an overlap needs a person to say which copy is right. */
export function repairable(d: Damage): boolean {
  return d.kind !== 'overlap';
}

export function describeDamage(d: Damage): string {
  const last = d.toOffset - 1;
  const offsets = last > d.fromOffset ? `offsets ${d.fromOffset}..${last}` : last === d.fromOffset ? `offset ${d.fromOffset}` : 'no offsets lost';
  return `${d.topic}-${d.partition}: ${d.file} at byte ${d.position}: ${d.reason} (${offsets})`;
}

/** At most this many damages are listed in the error message (all are in `damages`). */
const LISTED = 20;

export class LogDamagedError extends Error {
  override name = 'LogDamagedError';

  constructor(readonly damages: Damage[]) {
    const lines = damages.slice(0, LISTED).map((d) => `  ${describeDamage(d)}`);
    if (damages.length > LISTED) lines.push(`  ... and ${damages.length - LISTED} more`);
    super(
      `refusing to start: the log is damaged outside its tail (the damaged files are left as they are):\n${lines.join('\n')}\n` +
        'Intact data is never deleted to repair a log. To move only the damaged bytes aside and start, ' +
        'run once with BROKER_RECOVERY=truncate-damaged (newswire broker --repair); the offsets above are then lost.',
    );
  }
}
