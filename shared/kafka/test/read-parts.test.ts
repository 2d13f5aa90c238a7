/**
 * The group-less reader's two parts that do no I/O: what a fetched partition
 * means for a cursor (src/kafkajs/cursor.ts) and the failure streak behind
 * the health report, backoff and give-up (src/kafkajs/read-health.ts).
 * port.test.ts reads through the whole reader against the dev broker; these
 * pin the edges it does not reach (a range's end inside a batch, a fetch
 * that brings nothing, giving up).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@newswire/config';
import { advance, fetchedBatch, fetchTopics, newCursor } from '../src/kafkajs/cursor.ts';
import type { FetchPartitionResponse } from '../src/kafkajs/internals.ts';
import { ReadHealth } from '../src/kafkajs/read-health.ts';

const rec = (offset: number, extra: object = {}) => ({ offset: String(offset), timestamp: '7', key: null, value: Buffer.from(`v${offset}`), headers: {}, ...extra });
const fetched = (hw: number, offsets: number[], extra: Record<number, object> = {}): FetchPartitionResponse => ({
  partition: 2,
  errorCode: 0,
  highWatermark: String(hw),
  abortedTransactions: [],
  messages: offsets.map((o) => rec(o, extra[o])),
});

describe('cursor', () => {
  it('is done at once for an empty range, and asks for each partition from its position', () => {
    expect(newCursor('t', 0, 5n, 5n).done).toBe(true);
    expect(newCursor('t', 0, 5n, undefined).done).toBe(false);
    const cursors = [newCursor('a', 0, 3n, undefined), newCursor('b', 1, 0n, 9n), newCursor('a', 4, 10n, undefined)];
    expect(fetchTopics(cursors, 64)).toEqual([
      { topic: 'a', partitions: [{ partition: 0, fetchOffset: '3', maxBytes: 64 }, { partition: 4, fetchOffset: '10', maxBytes: 64 }] },
      { topic: 'b', partitions: [{ partition: 1, fetchOffset: '0', maxBytes: 64 }] },
    ]);
  });

  it('hands out the records from its position, stops at the range end inside a batch, and is then done', () => {
    const c = newCursor('t', 2, 4n, 6n);
    const { batch, next, hw } = fetchedBatch(c, fetched(9, [3, 4, 5, 6, 7]));
    expect(batch?.records.map((r) => [r.topic, r.partition, r.offset, r.timestamp, r.value?.toString()])).toEqual([
      ['t', 2, 4n, 7, 'v4'],
      ['t', 2, 5n, 7, 'v5'],
    ]);
    expect([batch?.next, batch?.highWatermark, next, hw]).toEqual([6n, 9n, 6n, 9n]);
    expect(c.next).toBe(4n); // the cursor moves only once the batch is handled
    advance(c, next, hw);
    expect([c.next, c.lastHw, c.done]).toEqual([6n, 9n, true]);
  });

  it('moves past a control record with an empty batch, and gives no batch when a fetch brings nothing new', () => {
    const c = newCursor('t', 2, 5n, undefined);
    const first = fetchedBatch(c, fetched(6, [5], { 5: { isControlRecord: true } }));
    expect(first.batch).toMatchObject({ records: [], next: 6n, highWatermark: 6n });
    advance(c, first.next, first.hw);
    expect(fetchedBatch(c, fetched(6, [])).batch).toBeNull();
    // A tail is never done, even at the log's end; only the high watermark moved: the handler hears of it.
    expect(c.done).toBe(false);
    expect(fetchedBatch(c, fetched(8, [])).batch).toMatchObject({ records: [], next: 6n, highWatermark: 8n });
  });

  it('ends a range read at the log end when the range reaches beyond it', () => {
    const c = newCursor('t', 2, 0n, 100n);
    const { next, hw } = fetchedBatch(c, fetched(2, [0, 1]));
    advance(c, next, hw);
    expect([c.next, c.done]).toEqual([2n, true]);
  });
});

describe('read health', () => {
  afterEach(() => vi.useRealTimers());
  const logger = createLogger('read-health-test', { level: 'silent' });

  it('reports retrying with the error, doubles the backoff up to 5 s, and a fetch clears the streak', () => {
    const h = new ReadHealth(logger, undefined);
    expect(h.report(3, ['x'])).toMatchObject({ state: 'starting', connected: false, partitions: 3, missingTopics: ['x'], fetches: 0 });
    expect(h.backoff()).toBe(100);
    for (let i = 0; i < 10; i++) expect(h.failed(new Error('no leader'))).toBeUndefined();
    expect(h.report(3, [])).toMatchObject({ state: 'retrying', connected: false, lastError: { message: 'no leader' } });
    expect(h.backoff()).toBe(5_000);
    h.fetched();
    expect(h.report(3, [])).toMatchObject({ state: 'fetching', connected: true, fetches: 1 });
    expect(h.backoff()).toBe(100);
  });

  it('keeps a fetch failure when only metadata answers and there is something to fetch', () => {
    const h = new ReadHealth(logger, undefined);
    h.failed(new Error('fetch refused'));
    h.reachedKafka(false);
    expect(h.report(1, [])).toMatchObject({ state: 'retrying', connected: true });
    h.reachedKafka(true);
    expect(h.report(1, [])).toMatchObject({ state: 'fetching', connected: true });
  });

  it('gives up once failing has lasted the give-up time, naming it and the last error', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
    const h = new ReadHealth(logger, 30_000);
    const cause = new Error('connection refused');
    expect(h.failed(cause)).toBeUndefined();
    vi.setSystemTime(1_000_000 + 29_999);
    expect(h.failed(cause)).toBeUndefined();
    vi.setSystemTime(1_000_000 + 30_000);
    const err = h.failed(cause);
    expect(err?.message).toBe('reading from Kafka kept failing for 30000 ms: connection refused');
    expect(err?.cause).toBe(cause);
  });

  it('stays stopped after a late fetch', () => {
    const h = new ReadHealth(logger, undefined);
    h.stopped();
    h.fetched();
    expect(h.report(0, []).state).toBe('stopped');
  });
});
