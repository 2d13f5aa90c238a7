/**
 * Reconnect delays: capped exponential backoff with "full jitter"
 * (delay = random(0, min(max, initial * 2^attempt))), which spreads a crowd of
 * clients that lost the same gateway instead of having them return in waves.
 */
export interface ReconnectOptions {
  /** Delay cap of the first retry. Default 250 ms. */
  initialDelayMs: number;
  /** Largest delay between two attempts. Default 15 s. */
  maxDelayMs: number;
  /** 'full' (default): uniform in [0, cap]. 'none': exactly the cap (tests, debugging). */
  jitter: 'full' | 'none';
  /** Give up (state 'closed') after this many failed attempts in a row. Default: never. */
  maxAttempts: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = {
  initialDelayMs: 250,
  maxDelayMs: 15_000,
  jitter: 'full',
  maxAttempts: Number.POSITIVE_INFINITY,
};

export function resolveReconnect(opts: Partial<ReconnectOptions> | boolean | undefined): ReconnectOptions | null {
  if (opts === false) return null;
  if (opts === true || opts === undefined) return { ...DEFAULT_RECONNECT };
  const merged = { ...DEFAULT_RECONNECT, ...opts };
  if (!(merged.initialDelayMs >= 0) || !(merged.maxDelayMs >= merged.initialDelayMs)) {
    throw new RangeError('reconnect: need 0 <= initialDelayMs <= maxDelayMs');
  }
  return merged;
}

/** Delay before attempt number `attempt` (0 = the first retry). */
export function backoffDelay(attempt: number, opts: ReconnectOptions, random: () => number = Math.random): number {
  // 2 ** 40 already exceeds any sane cap; clamping the exponent avoids Infinity.
  const cap = Math.min(opts.maxDelayMs, opts.initialDelayMs * 2 ** Math.min(attempt, 40));
  return opts.jitter === 'full' ? Math.floor(random() * cap) : cap;
}
