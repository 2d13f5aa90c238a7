/** The memory window (per partition and in total) and the pre-built WebSocket frames, checked against simple models. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { wsTextFrame, type Entry } from '../src/entry.ts';
import { PartitionWindow } from '../src/window.ts';
import { FanoutHub } from '../src/hub.ts';

/** ws's own frame parser: exported at run time, not declared by @types/ws. */
interface FrameReceiver {
  on(event: 'message', cb: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', cb: (err: Error) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as { Receiver: new (opts: { isServer: boolean; maxPayload: number }) => FrameReceiver };

function entry(offset: number, bytes: number): Entry {
  const { wire, frame } = wsTextFrame('x'.repeat(bytes));
  return { topic: 't', partition: 0, offset, ts: 0, id: `u${offset}`, kind: 'arrests', story: 's', country: 'KZ', region: undefined, city: undefined, verification: 'confirmed', urgency: 'routine', frame, wire };
}

describe('PartitionWindow', () => {
  it('holds exactly the newest entries within its bounds, and `from` says where it is complete', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 10, max: 2000 }),
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 3 }), size: fc.integer({ min: 1, max: 100 }), valid: fc.boolean() }), { maxLength: 300 }),
        (maxEntries, maxBytes, ops) => {
          const w = new PartitionWindow(0, maxEntries, maxBytes);
          const model: Entry[] = [];
          let offset = 0;
          for (const op of ops) {
            if (op.valid) {
              const e = entry(offset, op.size);
              w.push(e);
              model.push(e);
            } else w.noteEmpty(offset);
            offset += op.gap;
          }
          // Model: newest entries such that count <= max and bytes <= max (always at least the newest).
          const kept: Entry[] = [];
          let bytes = 0;
          for (let i = model.length - 1; i >= 0; i--) {
            const e = model[i]!;
            if (kept.length > 0 && (kept.length >= maxEntries || bytes + e.frame.length > maxBytes)) break;
            kept.unshift(e);
            bytes += e.frame.length;
          }
          expect(w.slice(0, Number.MAX_SAFE_INTEGER).map((e) => e.offset)).toEqual(kept.map((e) => e.offset));
          expect(w.length).toBe(kept.length);
          if (kept.length < model.length) expect(w.from).toBe(model[model.length - kept.length - 1]!.offset + 1);
          // Any sub-range slice matches the model.
          const lo = Math.floor(offset / 3);
          const hi = Math.floor((2 * offset) / 3) + 1;
          expect(w.slice(lo, hi).map((e) => e.offset)).toEqual(kept.filter((e) => e.offset >= lo && e.offset < hi).map((e) => e.offset));
        },
      ),
    );
  });
});

describe('wsTextFrame', () => {
  it('produces frames a WebSocket receiver decodes, at every length class', async () => {
    for (const len of [0, 1, 125, 126, 127, 65_535, 65_536, 200_000]) {
      const text = 'é'.repeat(Math.floor(len / 2)) + 'a'.repeat(len % 2);
      const { wire, frame } = wsTextFrame(text);
      expect(frame.toString()).toBe(text);
      const got = await new Promise<string>((resolve, reject) => {
        const r = new Receiver({ isServer: false, maxPayload: 1 << 30 });
        r.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary')) : resolve(data.toString())));
        r.on('error', reject);
        r.write(wire);
      });
      expect(got).toBe(text);
    }
  });
});

describe('FanoutHub total window bound (GATEWAY_WINDOW_TOTAL_BYTES)', () => {
  it('never holds more than the total over all partitions, evicting the oldest entries of the largest window, each window still complete from its `from`', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 5000 }),
        fc.array(fc.record({ partition: fc.integer({ min: 0, max: 5 }), size: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 400 }),
        (total, ops) => {
          const hub = new FanoutHub({ windowEntries: 1_000_000, windowBytes: 1_000_000, windowTotalBytes: total });
          const states = Array.from({ length: 6 }, (_, p) => hub.ensurePartition('t', p, 0));
          const pushed: Entry[][] = states.map(() => []);
          for (const op of ops) {
            const st = states[op.partition]!;
            const e = { ...entry(st.next, op.size), partition: op.partition };
            hub.ingest(st, st.next, e);
            pushed[op.partition]!.push(e);
            const held = states.reduce((n, s) => n + s.window.byteSize, 0);
            expect(held).toBeLessThanOrEqual(Math.max(total, e.frame.length));
            expect(hub.windowBytes).toBe(held);
          }
          for (const [p, st] of states.entries()) {
            // What a window holds is exactly the newest entries from `from` on: catch-up stays exact.
            const kept = st.window.slice(0, Number.MAX_SAFE_INTEGER);
            expect(kept).toEqual(pushed[p]!.filter((e) => e.offset >= st.window.from));
          }
        },
      ),
    );
  });

  it('takes from the largest window first, so a quiet partition keeps its recent past', () => {
    const hub = new FanoutHub({ windowEntries: 1_000_000, windowBytes: 1_000_000, windowTotalBytes: 10_000 });
    const busy = hub.ensurePartition('t', 0, 0);
    const quiet = hub.ensurePartition('t', 1, 0);
    for (let i = 0; i < 5; i++) hub.ingest(quiet, i, { ...entry(i, 100), partition: 1 });
    for (let i = 0; i < 1000; i++) hub.ingest(busy, i, entry(i, 100));
    expect(quiet.window.length).toBe(5);
    expect(hub.windowBytes).toBeLessThanOrEqual(10_000);
    expect(busy.window.covers(1000 - busy.window.length)).toBe(true);
  });
});
