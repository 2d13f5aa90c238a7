/**
 * Remembers the positions of recently published update ids, so a repeated id
 * (a client retrying a request whose 202 it never saw, or retrying a 503, or
 * sending the same update twice) is answered with the original position
 * instead of being published again. Bounded: the oldest ids are forgotten
 * first (LRU over a Map's insertion order). Concurrent requests for the same
 * id share one publish via the in-flight map.
 *
 * Ids are tracked one by one (publish.ts publishes each update as its own
 * call): an id is remembered exactly when Kafka acknowledged it, even if
 * other updates of the same request failed, and an id Kafka did not
 * acknowledge is forgotten, so a retry publishes it.
 */
import type { Position } from '@newswire/kafka';

export class RecentIds {
  private readonly done = new Map<string, Position>();
  private readonly inFlight = new Map<string, Promise<Position>>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.done.size;
  }

  /** The known position of an id (refreshing its recency), or the publish already under way. */
  lookup(id: string): Position | Promise<Position> | undefined {
    const pos = this.done.get(id);
    if (pos) {
      this.done.delete(id);
      this.done.set(id, pos);
      return pos;
    }
    return this.inFlight.get(id);
  }

  /** Registers the publish of one id; on success the id is remembered, on failure forgotten (so a retry publishes it). */
  track(id: string, publish: Promise<Position>): void {
    this.inFlight.set(id, publish);
    publish.then(
      (pos) => {
        this.inFlight.delete(id);
        this.remember(id, pos);
      },
      () => this.inFlight.delete(id),
    );
  }

  private remember(id: string, pos: Position): void {
    if (this.capacity <= 0) return;
    this.done.delete(id);
    this.done.set(id, pos);
    while (this.done.size > this.capacity) {
      const oldest = this.done.keys().next().value as string;
      this.done.delete(oldest);
    }
  }
}
