/**
 * Splits a TCP byte stream into Kafka request frames (int32 size + body).
 * Chunks are kept as received; a frame inside one chunk is a zero-copy view,
 * one spanning chunks is copied once. Sizes outside 1..maxFrameBytes are a
 * protocol violation: the caller closes the connection (as Kafka does).
 *
 * Produce frames (~100 KB from kafkajs) nearly always span the socket's
 * 64 KiB reads. A fresh copy each would be garbage the GC only collects
 * much later (tens of MB at full produce rate), so frames whose body the
 * caller is done with before it asks for the next frame ("transient") are
 * assembled in one reused buffer instead. One buffer serves every
 * connection: frames are handled one at a time on the event loop.
 */
export class FrameTooLarge extends Error {
  override name = 'FrameTooLarge';
}

/** Transient frames up to this size (size prefix included) use the shared assembly buffer; bigger ones get their own. */
const MAX_SHARED_ASSEMBLY = 1024 * 1024;
let sharedAssembly = Buffer.alloc(0);

/** The shared buffer, grown (in steps, up to MAX_SHARED_ASSEMBLY) to hold n bytes. */
function assemblyBuffer(n: number): Buffer {
  if (sharedAssembly.length >= n) return sharedAssembly.subarray(0, n);
  const grown = Math.min(MAX_SHARED_ASSEMBLY, Math.max(2 * sharedAssembly.length, 128 * 1024));
  sharedAssembly = Buffer.allocUnsafe(Math.max(n, grown));
  return sharedAssembly.subarray(0, n);
}

/** Decides from a request's api key whether its body is transient (see above). */
export type IsTransient = (apiKey: number) => boolean;

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

  /**
   * The next complete frame body (without its size prefix), or null. When
   * `isTransient` says so for the frame's api key, the body may live in the
   * shared assembly buffer: valid only until the next call of next() on any
   * FrameReader.
   */
  next(isTransient?: IsTransient): Buffer | null {
    if (this.buffered < 4) return null;
    const size = this.peekSize();
    if (size <= 0 || size > this.maxFrameBytes) {
      throw new FrameTooLarge(`frame size ${size} outside 1..${this.maxFrameBytes}`);
    }
    if (this.buffered < 4 + size) return null;
    const first = this.chunks[0]!;
    // The api key is the body's first int16; a size prefix split so early is rare: copy then.
    const shared = isTransient !== undefined && 4 + size <= MAX_SHARED_ASSEMBLY && first.length >= 6 && isTransient(first.readInt16BE(4));
    const whole = this.take(4 + size, shared);
    return whole.subarray(4);
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    // Rare: the size prefix itself is split across chunks.
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 4 + 64)).subarray(0, 4);
    return head.readInt32BE(0);
  }

  private take(n: number, shared: boolean): Buffer {
    const first = this.chunks[0]!;
    this.buffered -= n;
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = shared ? assemblyBuffer(n) : Buffer.allocUnsafe(n);
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
