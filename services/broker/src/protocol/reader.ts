/**
 * Bounds-checked reader over one request frame. Every read checks the
 * remaining length and throws DecodeError, so a truncated or lying frame can
 * never read past its end or allocate more than the frame holds.
 */

export class DecodeError extends Error {
  override name = 'DecodeError';
}

const TWO_32 = 2 ** 32;

export class Reader {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    offset = 0,
    private readonly end = buf.length,
  ) {
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.end) {
      throw new DecodeError(`truncated: need ${n} bytes at ${at}, have ${this.end - at}`);
    }
    this.pos = at + n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }

  bool(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  uint32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  /** int64 as a JS number: exact for |n| < 2^53, which covers offsets, timestamps and ids here. */
  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * TWO_32 + this.buf.readUInt32BE(at + 4);
  }

  /** Unsigned LEB128 varint (at most 5 bytes, 32 bits). */
  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.buf.readUInt8(this.need(1));
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    throw new DecodeError('varint longer than 5 bytes');
  }

  /** Zigzag-encoded signed varint (records use these). */
  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** Unsigned varint up to 10 bytes (64 bits), returned as a number (exact below 2^53). */
  uvarlong(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.buf.readUInt8(this.need(1));
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new DecodeError('varlong longer than 10 bytes');
  }

  varlong(): number {
    const u = this.uvarlong();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new DecodeError('null where a string is required');
    return s;
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len === -1) return null;
    if (len < -1) throw new DecodeError(`bad string length ${len}`);
    const at = this.need(len);
    return this.buf.toString('utf8', at, at + len);
  }

  /** The next n bytes as a view (no copy), for lengths read by the caller. */
  rawBytes(n: number): Buffer {
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  /** Bytes as a view into the frame (no copy). */
  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new DecodeError('null where bytes are required');
    return b;
  }

  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len === -1) return null;
    if (len < -1) throw new DecodeError(`bad bytes length ${len}`);
    const at = this.need(len);
    return this.buf.subarray(at, at + len);
  }

  /**
   * Array of items. The count is checked against the bytes left (every item
   * takes at least one byte), so a forged count cannot make us loop or
   * allocate beyond the frame.
   */
  array<T>(item: (r: Reader) => T): T[] {
    const a = this.nullableArray(item);
    if (a === null) throw new DecodeError('null where an array is required');
    return a;
  }

  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const n = this.int32();
    if (n === -1) return null;
    if (n < -1 || n > this.remaining()) throw new DecodeError(`bad array length ${n}`);
    const out: T[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = item(this);
    return out;
  }

  /** UUID (16 bytes) as 32 lowercase hex digits; all zeros is Kafka's "no id". */
  uuid(): string {
    const at = this.need(16);
    return this.buf.toString('hex', at, at + 16);
  }

  /** COMPACT_STRING: unsigned varint length + 1, then UTF-8 (flexible versions, KIP-482). */
  compactString(): string {
    const s = this.compactNullableString();
    if (s === null) throw new DecodeError('null where a compact string is required');
    return s;
  }

  compactNullableString(): string | null {
    const n = this.uvarint();
    if (n === 0) return null;
    if (n - 1 > 0x7fff) throw new DecodeError(`bad compact string length ${n - 1}`);
    const at = this.need(n - 1);
    return this.buf.toString('utf8', at, at + n - 1);
  }

  compactBytes(): Buffer {
    const b = this.compactNullableBytes();
    if (b === null) throw new DecodeError('null where compact bytes are required');
    return b;
  }

  /** Bytes as a view into the frame (no copy). */
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint();
    if (n === 0) return null;
    const at = this.need(n - 1);
    return this.buf.subarray(at, at + n - 1);
  }

  compactArray<T>(item: (r: Reader) => T): T[] {
    const a = this.compactNullableArray(item);
    if (a === null) throw new DecodeError('null where a compact array is required');
    return a;
  }

  /** COMPACT_ARRAY: unsigned varint count + 1 (0 = null); the count is bounded like array(). */
  compactNullableArray<T>(item: (r: Reader) => T): T[] | null {
    const n = this.uvarint();
    if (n === 0) return null;
    if (n - 1 > this.remaining()) throw new DecodeError(`bad compact array length ${n - 1}`);
    const out: T[] = new Array(n - 1);
    for (let i = 0; i < n - 1; i++) out[i] = item(this);
    return out;
  }

  /**
   * Skip a tagged-field section (flexible versions): a count, then per field
   * a tag and a length-prefixed value. No field a client may tag changes what
   * this broker does, so every one is skipped (but bounds-checked).
   */
  skipTaggedFields(): void {
    const n = this.uvarint();
    if (n > this.remaining()) throw new DecodeError(`bad tagged field count ${n}`);
    for (let i = 0; i < n; i++) {
      this.uvarint(); // tag
      this.need(this.uvarint());
    }
  }

  /** The struct `v` (already read field by field) followed by its tagged-field section. */
  tagged<T>(v: T): T {
    this.skipTaggedFields();
    return v;
  }
}
