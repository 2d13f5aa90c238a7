/**
 * The load's source: a process of its own that publishes bench updates to
 * Kafka through the producer library (one produce request per tick), paced
 * to a target rate, each update stamped with its publish time.
 */
import { createPublisher, type Publisher } from '@newswire/kafka';
import type { Update } from '@newswire/schema/v2';
import { calibrateClock, wallNow } from './clock.ts';
import { serve } from './rpc.ts';
import { benchUpdate } from './updates.ts';

calibrateClock();

let publisher: Publisher | null = null;
let seq = 0;
const run = Math.random().toString(36).slice(2, 8);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Publishes `rate` updates/s for `durationMs`: a closed loop where each
 * produce request carries everything that became due while the previous one
 * was in flight (at most `maxInFlight` outstanding, default 1). Many tiny
 * requests queued inside the producer would otherwise add their queueing time
 * to every update's latency; this way a slower broker means bigger batches,
 * and a broker that cannot keep up shows as a lower achieved rate.
 */
async function paced(rate: number, durationMs: number, maxInFlight = 1): Promise<{ published: number; elapsedMs: number; failed: number }> {
  const p = publisher!;
  const start = performance.now();
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<unknown>>();
  while (true) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs) break;
    const due = Math.floor((elapsed / 1000) * rate) - sent;
    if (due > 0 && inFlight.size < maxInFlight) {
      const n = Math.min(due, 2000);
      const now = wallNow();
      const batch: Update[] = [];
      for (let i = 0; i < n; i++) batch.push(benchUpdate(run, seq++, now));
      sent += n;
      const pr = p.publishValidated(batch).catch(() => {
        failed += n;
      });
      inFlight.add(pr);
      void pr.finally(() => inFlight.delete(pr));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  return { published: sent - failed, elapsedMs: performance.now() - start, failed };
}

serve({
  async start(args) {
    publisher = await createPublisher({
      brokers: args.brokers as string[],
      partitions: Number(args.partitions ?? 4),
      clientId: 'bench-publisher',
    });
    return true;
  },
  publish(args) {
    return paced(Number(args.rate), Number(args.durationMs), Number(args.maxInFlight ?? 1));
  },
  /** `count` updates as fast as the broker takes them, in batches of `batch`. */
  async burst(args) {
    const count = Number(args.count);
    const size = Number(args.batch ?? 500);
    const start = performance.now();
    for (let done = 0; done < count; done += size) {
      const n = Math.min(size, count - done);
      const now = wallNow();
      const batch: Update[] = [];
      for (let i = 0; i < n; i++) batch.push(benchUpdate(run, seq++, now));
      await publisher!.publishValidated(batch);
    }
    return { published: count, elapsedMs: performance.now() - start };
  },
  async stop() {
    await publisher?.close();
    return true;
  },
});
