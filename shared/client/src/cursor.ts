/**
 * A resume position: the NEXT offset wanted on one partition. Offsets are
 * decimal strings, as on the wire (Kafka offsets are int64); they are
 * compared as BigInts.
 */
import { partitionKey } from '@newswire/schema';

export interface CursorPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** The offset after `offset` (both decimal strings). */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/**
 * Where one subscription stands: per partition, the next offset it needs
 * (last delivered + 1), plus the epoch those offsets belong to. This is what
 * the SDK sends back on resume, and what tells it that a frame is a replay of
 * something already delivered.
 */
export class Cursor {
  readonly #next = new Map<string, { topic: string; partition: number; offset: bigint }>();
  epoch: string | undefined;

  static key(topic: string, partition: number): string {
    return partitionKey(topic, partition);
  }

  get size(): number {
    return this.#next.size;
  }

  /** True when `offset` on that partition was not delivered yet. */
  isNew(topic: string, partition: number, offset: string): boolean {
    const cur = this.#next.get(Cursor.key(topic, partition));
    return !cur || BigInt(offset) >= cur.offset;
  }

  /** Records a delivered (or deliberately skipped) offset. */
  delivered(topic: string, partition: number, offset: string): void {
    this.#advance(topic, partition, BigInt(offset) + 1n);
  }

  /** Moves to `next` (a gap notice, a position the server sent); never backwards. */
  advanceTo(topic: string, partition: number, next: string): void {
    this.#advance(topic, partition, BigInt(next));
  }

  merge(positions: ReadonlyArray<CursorPosition>): void {
    for (const p of positions) this.advanceTo(p.topic, p.partition, p.offset);
  }

  /** Forgets every position (an epoch change invalidates them all). */
  reset(): void {
    this.#next.clear();
  }

  positions(): CursorPosition[] {
    return [...this.#next.values()].map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset.toString() }));
  }

  #advance(topic: string, partition: number, next: bigint): void {
    const k = Cursor.key(topic, partition);
    const cur = this.#next.get(k);
    if (!cur) this.#next.set(k, { topic, partition, offset: next });
    else if (next > cur.offset) cur.offset = next;
  }
}
