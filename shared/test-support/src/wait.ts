/**
 * The one wait for a condition in tests: vitest's vi.waitFor, polling until
 * `check` gives a truthy value (which it returns) or `timeoutMs` passes, then
 * failing with what was awaited. vi.waitFor alone counts a callback that
 * returns false as done, hence this wrapper for boolean conditions.
 *
 * Also exported alone as `@newswire/test-support/wait`, for unit tests that
 * need none of the Kafka helpers (the whole package takes seconds to load).
 */

export interface WaitOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Default 25 ms. */
  intervalMs?: number;
}

/** `what` may be a function, to describe the state at the time of failure. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string | (() => string), opts: number | WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 30_000, intervalMs = 25 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
  // Imported here, not at the top: this package is also loaded outside vitest
  // (bench/), where importing vitest throws.
  const { vi } = await import('vitest');
  return vi.waitFor(
    async () => {
      const value = await check();
      if (!value) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
      return value as NonNullable<T>;
    },
    { timeout: timeoutMs, interval: intervalMs },
  );
}
