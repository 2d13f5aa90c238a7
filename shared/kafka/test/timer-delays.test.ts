/**
 * kafkajs schedules its pending-request check at `throttledUntil - now`,
 * and throttledUntil is -1 until a broker throttles: a timer of minus the
 * epoch on every response. Node 20 quietly made it 1 ms; Node 24 prints
 * "TimeoutNegativeWarning" on stderr, a non-JSON line in every service's log
 * and every CLI run. The adapter clamps it (src/kafkajs/internals.ts).
 *
 * Checked by what kafkajs asks of setTimeout during a whole port cycle
 * (admin, send, range read), so the test means the same on any Node; on
 * Node 24 the warning itself is checked too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@newswire/config';
import { openKafka, type FetchedBatch } from '@newswire/kafka';
import { startKafka, type TestKafka } from '@newswire/test-support';

let kafka: TestKafka;
const realSetTimeout = globalThis.setTimeout;
const negative: number[] = [];
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.name);

beforeAll(async () => {
  kafka = await startKafka();
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof ms === 'number' && ms < 0) negative.push(ms);
    return realSetTimeout(fn, ms, ...args);
  }) as typeof setTimeout;
  process.on('warning', onWarning);
});

afterAll(async () => {
  globalThis.setTimeout = realSetTimeout;
  process.off('warning', onWarning);
  await kafka?.stop();
});

/** A whole port cycle: admin, send, range read. */
async function portCycle(name: string): Promise<void> {
  const port = await openKafka({ brokers: kafka.brokers, logger: createLogger('timer-test', { level: 'error' }) });
    try {
      const topic = `${kafka.prefix}.${name}`;
      await port.ensureTopics([topic], { partitions: 1 });
      const sender = await port.openSender();
      await sender.send(Array.from({ length: 20 }, (_, i) => ({ topic, partition: 0, key: `k${i}`, value: `v${i}` })));
      const got: FetchedBatch[] = [];
      await port.readRange([{ topic, partition: 0, from: 0n, to: 20n }], (b) => void got.push(b));
      expect(got.flatMap((b) => b.records)).toHaveLength(20);
    } finally {
      await port.close();
    }
}

describe('the kafkajs adapter on any Node', () => {
  it('never asks for a negative timer, so Node 24 has nothing to warn about', async () => {
    await portCycle('timers');
    expect(negative).toEqual([]);
    expect(warnings.filter((w) => w === 'TimeoutNegativeWarning')).toEqual([]);
  });

  it('not even when the clock ticks between two readings (kafkajs reads it again inside)', async () => {
    // Every reading of the clock a millisecond later than the one before: the worst case of a tick.
    const realNow = Date.now;
    let last = realNow();
    Date.now = () => (last = Math.max(last + 1, realNow()));
    try {
      await portCycle('ticking');
    } finally {
      Date.now = realNow;
    }
    expect(negative).toEqual([]);
  });
});
