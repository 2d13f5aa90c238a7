/**
 * Splits a TCP byte stream into Kafka request frames (int32 size + body).
 * Chunks are kept as received; a frame inside one chunk is a zero-copy view,
 * one spanning chunks is copied once. Sizes outside 1..maxFrameBytes are a
 * protocol violation: the caller closes the connection (as Kafka does).
 */
export class FrameTooLarge extends Error {
  override name = 'FrameTooLarge';
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  get bufferedBytes(): number {
    return this.buffered;
  }

  /** The next complete frame body (without its size prefix), or null. */
  next(): Buffer | null {
    if (this.buffered < 4) return null;
    const size = this.peekSize();
    if (size <= 0 || size > this.maxFrameBytes) {
      throw new FrameTooLarge(`frame size ${size} outside 1..${this.maxFrameBytes}`);
    }
    if (this.buffered < 4 + size) return null;
    const whole = this.take(4 + size);
    return whole.subarray(4);
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    // Rare: the size prefix itself is split across chunks.
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 4 + 64)).subarray(0, 4);
    return head.readInt32BE(0);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    this.buffered -= n;
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0]!;
      const part = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, part);
      filled += part;
      if (part === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(part);
    }
    return out;
  }
}
