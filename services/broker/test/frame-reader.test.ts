import { describe, expect, it } from 'vitest';
import { FrameReader } from '../src/server/frame-reader.ts';

/** size prefix + body whose first int16 is the api key, filled with `fill`. */
function frame(apiKey: number, bodyBytes: number, fill: number): Buffer {
  const f = Buffer.alloc(4 + bodyBytes, fill);
  f.writeInt32BE(bodyBytes, 0);
  f.writeInt16BE(apiKey, 4);
  return f;
}

/** Feed `bytes` in chunks of `chunk` bytes. */
function feed(r: FrameReader, bytes: Buffer, chunk: number): void {
  for (let i = 0; i < bytes.length; i += chunk) r.push(Buffer.from(bytes.subarray(i, i + chunk)));
}

describe('FrameReader', () => {
  const produceIsTransient = (apiKey: number): boolean => apiKey === 0;

  it('assembles frames spanning chunks, transient ones in the shared buffer, others in their own', () => {
    const r = new FrameReader(1 << 20);
    feed(r, Buffer.concat([frame(3, 200_000, 0x33), frame(0, 150_000, 0x11), frame(0, 120_000, 0x22)]), 65_536);
    const metadata = r.next(produceIsTransient)!;
    const produce1 = r.next(produceIsTransient)!;
    expect(produce1.length).toBe(150_000);
    expect(produce1.subarray(2).every((b) => b === 0x11)).toBe(true);
    const produce2 = r.next(produceIsTransient)!;
    expect(produce2.subarray(2).every((b) => b === 0x22)).toBe(true);
    // The second transient frame reused the first one's memory; the non-transient frame kept its bytes.
    expect(produce2.buffer).toBe(produce1.buffer);
    expect(metadata.length).toBe(200_000);
    expect(metadata.subarray(2).every((b) => b === 0x33)).toBe(true);
    expect(r.next(produceIsTransient)).toBeNull();
    expect(r.bufferedBytes).toBe(0);
  });

  it('transient frames around the shared buffer size limit come out whole', () => {
    const r = new FrameReader(4 << 20);
    const limit = 1024 * 1024; // the shared buffer's cap, size prefix included
    const sizes = [limit - 4, limit - 3, limit + 10, 3 * limit];
    feed(r, Buffer.concat(sizes.map((n, i) => frame(0, n, i + 1))), 65_536);
    sizes.forEach((n, i) => {
      const body = r.next(produceIsTransient)!;
      expect(body.length).toBe(n);
      expect(body.subarray(2).every((b) => b === i + 1)).toBe(true);
    });
  });

  it('without a transient test every spanning frame gets its own buffer', () => {
    const r = new FrameReader(1 << 20);
    feed(r, Buffer.concat([frame(0, 100_000, 1), frame(0, 100_000, 2)]), 65_536);
    const a = r.next()!;
    const b = r.next()!;
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.subarray(2).every((x) => x === 1)).toBe(true);
  });
});
