/**
 * Response writer. Small fields go into a scratch buffer; large byte blobs
 * (record batches served by Fetch) are appended as their own chunks, so a
 * response is a list of buffers handed to the socket without copying the
 * batches again.
 */

const TWO_32 = 2 ** 32;
/** Blobs at least this big are referenced, smaller ones copied into the scratch buffer. */
const ZERO_COPY_MIN = 512;

export class Writer {
  private chunks: Buffer[] = [];
  private flushed = 0;
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 256) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.flushed + this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flushScratch();
    this.buf = Buffer.allocUnsafe(Math.max(n, this.buf.length * 2, 256));
  }

  private flushScratch(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.buf = this.buf.subarray(this.pos);
    this.pos = 0;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  /** int64 from a JS number (safe integers; -1 and other negatives included). */
  int64(v: number): this {
    this.ensure(8);
    const hi = Math.floor(v / TWO_32);
    const lo = v - hi * TWO_32;
    this.buf.writeInt32BE(hi | 0, this.pos);
    this.buf.writeUInt32BE(lo >>> 0, this.pos + 4);
    this.pos += 8;
    return this;
  }

  uvarint(v: number): this {
    this.ensure(10);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  varint(v: number): this {
    return this.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  string(s: string): this {
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new RangeError('string longer than 32767 bytes');
    this.ensure(2 + len);
    this.buf.writeInt16BE(len, this.pos);
    this.buf.write(s, this.pos + 2, len, 'utf8');
    this.pos += 2 + len;
    return this;
  }

  nullableString(s: string | null): this {
    return s === null ? this.int16(-1) : this.string(s);
  }

  bytes(b: Buffer): this {
    this.int32(b.length);
    return this.raw(b);
  }

  nullableBytes(b: Buffer | null): this {
    return b === null ? this.int32(-1) : this.bytes(b);
  }

  /** Append bytes as-is; big ones are referenced, not copied. */
  raw(b: Buffer): this {
    if (b.length >= ZERO_COPY_MIN) {
      this.flushScratch();
      this.chunks.push(b);
      this.flushed += b.length;
      return this;
    }
    this.ensure(b.length);
    b.copy(this.buf, this.pos);
    this.pos += b.length;
    return this;
  }

  array<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.int32(items.length);
    for (const v of items) item(this, v);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    return items === null ? this.int32(-1) : this.array(items, item);
  }

  /** UUID from 32 hex digits (see Reader.uuid). */
  uuid(hex: string): this {
    if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a uuid: ${hex}`);
    this.ensure(16);
    this.buf.write(hex, this.pos, 16, 'hex');
    this.pos += 16;
    return this;
  }

  /** COMPACT_STRING (flexible versions): unsigned varint length + 1, then UTF-8. */
  compactString(s: string): this {
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new RangeError('string longer than 32767 bytes');
    this.uvarint(len + 1);
    this.ensure(len);
    this.buf.write(s, this.pos, len, 'utf8');
    this.pos += len;
    return this;
  }

  compactNullableString(s: string | null): this {
    return s === null ? this.uvarint(0) : this.compactString(s);
  }

  compactBytes(b: Buffer): this {
    this.uvarint(b.length + 1);
    return this.raw(b);
  }

  compactNullableBytes(b: Buffer | null): this {
    return b === null ? this.uvarint(0) : this.compactBytes(b);
  }

  compactArray<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.uvarint(items.length + 1);
    for (const v of items) item(this, v);
    return this;
  }

  compactNullableArray<T>(items: readonly T[] | null, item: (w: Writer, v: T) => void): this {
    return items === null ? this.uvarint(0) : this.compactArray(items, item);
  }

  /** An empty tagged-field section: this broker sends no tagged fields. */
  tagged(): this {
    return this.uvarint(0);
  }

  /** The written bytes as chunks (in order). The writer must not be used afterwards. */
  chunksOut(): Buffer[] {
    this.flushScratch();
    return this.chunks;
  }

  /** The written bytes as one buffer (tests and small responses). */
  toBuffer(): Buffer {
    const c = this.chunksOut();
    return c.length === 1 ? c[0]! : Buffer.concat(c, this.flushed);
  }
}
