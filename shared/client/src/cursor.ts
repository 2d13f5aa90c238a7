/** A resume position: the NEXT offset wanted on one partition. */
export interface CursorPosition {
  topic: string;
  partition: number;
  offset: number;
}

/**
 * Where one subscription stands: per partition, the next offset it needs
 * (last delivered + 1), plus the epoch those offsets belong to. This is what
 * the SDK sends back on resume, and what tells it that a frame is a replay of
 * something already delivered.
 */
export class Cursor {
  readonly #next = new Map<string, CursorPosition>();
  epoch: string | undefined;

  static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  get size(): number {
    return this.#next.size;
  }

  /** True when `offset` on that partition was not delivered yet. */
  isNew(topic: string, partition: number, offset: number): boolean {
    const cur = this.#next.get(Cursor.key(topic, partition));
    return !cur || offset >= cur.offset;
  }

  /** Records a delivered (or deliberately skipped) offset. */
  delivered(topic: string, partition: number, offset: number): void {
    this.advanceTo(topic, partition, offset + 1);
  }

  /** Moves to `next` (a gap notice, a position the server sent); never backwards. */
  advanceTo(topic: string, partition: number, next: number): void {
    const k = Cursor.key(topic, partition);
    const cur = this.#next.get(k);
    if (!cur) this.#next.set(k, { topic, partition, offset: next });
    else if (next > cur.offset) cur.offset = next;
  }

  merge(positions: ReadonlyArray<CursorPosition>): void {
    for (const p of positions) this.advanceTo(p.topic, p.partition, p.offset);
  }

  /** Forgets every position (an epoch change invalidates them all). */
  reset(): void {
    this.#next.clear();
  }

  positions(): CursorPosition[] {
    return [...this.#next.values()].map((p) => ({ ...p }));
  }
}
