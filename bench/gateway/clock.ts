/**
 * A wall clock with sub-millisecond resolution that agrees across processes.
 * performance.timeOrigin can be off by ~1 ms between processes and Date.now()
 * has 1 ms steps; so each process finds, a few times, the instant Date.now()
 * ticks over and anchors performance.now() to it (median of the samples).
 * End-to-end latencies are then differences of two calibrated clocks.
 */
let offset = performance.timeOrigin;

export function calibrateClock(samples = 7): void {
  const found: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = Date.now();
    let now = Date.now();
    let p = performance.now();
    while (now === start) {
      p = performance.now();
      now = Date.now();
    }
    found.push(now - p);
  }
  found.sort((a, b) => a - b);
  offset = found[Math.floor(found.length / 2)]!;
}

/** Milliseconds since the Unix epoch, fractional. */
export function wallNow(): number {
  return performance.now() + offset;
}
