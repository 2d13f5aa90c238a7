/**
 * The pure parts of the producer CLI: the bounded NDJSON line reader and the
 * timestamp merge / pacing of replay, driven directly (no Kafka needed).
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readLines, type Line } from '../src/producers/ndjson.ts';
import { Merger } from '../src/producers/merge.ts';

type Seen = { lineNo: number; text: string } | { lineNo: number; tooLong: true; bytes: number };

/** The lines read; each line's raw bytes are checked against its text, then left out. */
async function collect(chunks: (string | Buffer)[], max: number): Promise<Seen[]> {
  const out: Seen[] = [];
  for await (const lines of readLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), max)) {
    for (const line of lines as Line[]) {
      if ('tooLong' in line) {
        out.push(line);
        continue;
      }
      if ('refused' in line) throw new Error(`line ${line.lineNo}: ${line.refused}`);
      expect(line.raw.toString('utf8')).toBe(line.text);
      out.push({ lineNo: line.lineNo, text: line.text });
    }
  }
  return out;
}

describe('readLines', () => {
  it('splits lines across chunk boundaries, strips CR, skips blank lines but counts them', async () => {
    const lines = await collect(['{"a":1}\r\n{"b', '":2}\n\n', '\n{"c":3}'], 1000);
    expect(lines).toEqual([
      { lineNo: 1, text: '{"a":1}' },
      { lineNo: 2, text: '{"b":2}' },
      { lineNo: 5, text: '{"c":3}' },
    ]);
  });

  it('reports over-long lines without buffering them and keeps going', async () => {
    const long = 'x'.repeat(5000);
    const lines = await collect([`ok1\n${long.slice(0, 2000)}`, `${long.slice(2000)}\nok2\n`, long], 100);
    expect(lines).toEqual([
      { lineNo: 1, text: 'ok1' },
      { lineNo: 2, tooLong: true, bytes: 5000 },
      { lineNo: 3, text: 'ok2' },
      { lineNo: 4, tooLong: true, bytes: 5000 },
    ]);
  });

  it('yields exactly the non-blank lines of any input, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')), { maxLength: 20 }), fc.integer({ min: 1, max: 17 }), async (rows, size) => {
        const text = rows.join('\n');
        const buf = Buffer.from(text);
        const chunks: Buffer[] = [];
        for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size));
        const got = await collect(chunks, 10_000);
        const want = rows.map((t, i) => ({ lineNo: i + 1, text: t })).filter((l) => l.text.trim() !== '');
        expect(got).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Merger', () => {
  it('emits in timestamp order across partitions, only once every unfinished partition has a record', async () => {
    const m = new Merger<string>(['a', 'b'], { paceFactor: Infinity });
    const out: string[] = [];
    const emit = (r: { item: string }) => void out.push(r.item);
    m.push({ key: 'a', timestampMs: 10, item: 'a10' });
    m.push({ key: 'a', timestampMs: 30, item: 'a30' });
    await m.pump(emit);
    expect(out).toEqual([]); // b may still hold something earlier than 10
    m.push({ key: 'b', timestampMs: 20, item: 'b20' });
    await m.pump(emit);
    expect(out).toEqual(['a10', 'b20']);
    m.finish('b');
    await m.pump(emit);
    expect(out).toEqual(['a10', 'b20', 'a30']);
    m.finish('a');
    expect(m.drained()).toBe(true);
  });

  it('paces gaps by the factor, on a fake clock', async () => {
    let now = 1000;
    const waits: number[] = [];
    const m = new Merger<number>(['p'], {
      paceFactor: 2,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    for (const ts of [0, 400, 400, 1000]) m.push({ key: 'p', timestampMs: ts, item: ts });
    m.finish('p');
    const emitted: number[] = [];
    await m.pump((_r, at) => void emitted.push(at));
    expect(waits).toEqual([200, 300]);
    expect(emitted).toEqual([1000, 1200, 1200, 1500]);
  });
});
