/**
 * Wakes long-polling Fetch requests when a partition they watch gets new
 * records (or is deleted). Keyed by "topic\0partition"; each waiter is
 * notified at most once and removes itself from every key it watched.
 */
export class FetchWaiters {
  private readonly byKey = new Map<string, Set<() => void>>();

  static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  /** Call `wake` on the first change to any of `keys`; returns a cancel function. */
  watch(keys: readonly string[], wake: () => void): () => void {
    let done = false;
    const fire = (): void => {
      if (done) return;
      cancel();
      wake();
    };
    const cancel = (): void => {
      if (done) return;
      done = true;
      for (const k of keys) {
        const set = this.byKey.get(k);
        if (!set) continue;
        set.delete(fire);
        if (set.size === 0) this.byKey.delete(k);
      }
    };
    for (const k of keys) {
      let set = this.byKey.get(k);
      if (!set) this.byKey.set(k, (set = new Set()));
      set.add(fire);
    }
    return cancel;
  }

  notify(topic: string, partition: number): void {
    const set = this.byKey.get(FetchWaiters.key(topic, partition));
    if (!set) return;
    for (const fire of [...set]) fire();
  }

  notifyTopic(topic: string, partitions: number): void {
    for (let p = 0; p < partitions; p++) this.notify(topic, p);
  }

  /** Wake everyone (shutdown). */
  notifyAll(): void {
    for (const set of [...this.byKey.values()]) for (const fire of [...set]) fire();
  }
}
