/** Reader/Writer primitives: round trips over their whole ranges, and bounds. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Reader, DecodeError } from '../src/protocol/reader.ts';
import { Writer } from '../src/protocol/writer.ts';
import { PWriter } from './support/platformatic-wire.ts';

describe('Writer -> Reader round trips', () => {
  it('fixed-width integers, int64 over the safe range, booleans', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -128, max: 127 }),
        fc.integer({ min: -32768, max: 32767 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.maxSafeInteger(),
        fc.boolean(),
        (i8, i16, i32, i64, b) => {
          const buf = new Writer(1).int8(i8).int16(i16).int32(i32).int64(i64).bool(b).toBuffer();
          expect(buf.readBigInt64BE(7)).toBe(BigInt(i64));
          const r = new Reader(buf);
          expect([r.int8(), r.int16(), r.int32(), r.int64(), r.bool()]).toEqual([i8, i16, i32, i64, b]);
          expect(r.remaining()).toBe(0);
        },
      ),
    );
  });

  it('zigzag varints match the Kafka encoding', () => {
    // Known vectors: 0 -> 00, -1 -> 01, 1 -> 02, 63 -> 7e, -64 -> 7f, 64 -> 8001, 300 -> d804
    const cases: [number, number[]][] = [[0, [0]], [-1, [1]], [1, [2]], [63, [0x7e]], [-64, [0x7f]], [64, [0x80, 0x01]], [300, [0xd8, 0x04]]];
    for (const [v, bytes] of cases) expect([...new Writer().varint(v).toBuffer()]).toEqual(bytes);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (v) => {
        expect(new Reader(new Writer().varint(v).toBuffer()).varint()).toBe(v);
      }),
    );
  });

  it('strings, nullable strings, bytes (zero-copy views), arrays', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(fc.string()), fc.uint8Array({ maxLength: 2000 }), fc.array(fc.integer({ min: -5, max: 5 })), (s, ns, bytes, arr) => {
        const buf = new Writer(2).string(s).nullableString(ns).bytes(Buffer.from(bytes)).array(arr, (w, n) => w.int32(n)).nullableArray(null, () => {}).toBuffer();
        const r = new Reader(buf);
        expect(r.string()).toBe(s);
        expect(r.nullableString()).toBe(ns);
        const b = r.bytes();
        expect([...b]).toEqual([...bytes]);
        expect(b.buffer).toBe(buf.buffer); // a view, not a copy
        expect(r.array((r) => r.int32())).toEqual(arr);
        expect(r.nullableArray((r) => r.int32())).toBeNull();
      }),
    );
  });

  it('large byte blobs are referenced as their own chunk', () => {
    const big = Buffer.alloc(100_000, 7);
    const w = new Writer().int32(1).bytes(big).int16(2);
    const chunks = w.chunksOut();
    expect(chunks).toContain(big);
    expect(Buffer.concat(chunks).length).toBe(4 + 4 + 100_000 + 2);
  });
});

describe('flexible-version encodings (KIP-482), against @platformatic/kafka', () => {
  it('compact strings, bytes and arrays (length + 1, 0 = null), uuids: our bytes are theirs, and back', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 20 })),
        fc.uint8Array({ maxLength: 700 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 200 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (s, ns, bytes, ints, id) => {
          const uuid = Buffer.from(id).toString('hex');
          const ours = new Writer(2)
            .compactString(s)
            .compactNullableString(ns)
            .compactBytes(Buffer.from(bytes))
            .compactNullableBytes(null)
            .compactArray(ints, (w, n) => w.int32(n))
            .compactNullableArray(null, () => {})
            .uuid(uuid)
            .tagged()
            .toBuffer();
          const theirs = PWriter.create()
            .appendString(s)
            .appendString(ns)
            .appendBytes(Buffer.from(bytes))
            .appendBytes(null)
            .appendArray(ints, (w, n) => w.appendInt32(n), true, false)
            .appendArray(null, () => {})
            .appendUUID(uuid)
            .appendTaggedFields().buffer;
          expect(ours).toEqual(theirs);
          const r = new Reader(theirs);
          expect(r.compactString()).toBe(s);
          expect(r.compactNullableString()).toBe(ns);
          expect([...r.compactBytes()]).toEqual([...bytes]);
          expect(r.compactNullableBytes()).toBeNull();
          expect(r.compactArray((r) => r.int32())).toEqual(ints);
          expect(r.compactNullableArray((r) => r.int32())).toBeNull();
          expect(r.uuid()).toBe(uuid);
          r.skipTaggedFields();
          expect(r.remaining()).toBe(0);
        },
      ),
    );
  });

  it('tagged fields a client sends are skipped, whatever their tags and sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 10_000 }), fc.uint8Array({ maxLength: 300 })), { maxLength: 5 }), (fields) => {
        const w = PWriter.create().appendUnsignedVarInt(fields.length);
        for (const [tag, value] of fields) w.appendUnsignedVarInt(tag).appendUnsignedVarInt(value.length).append(Buffer.from(value));
        const buf = Buffer.concat([w.buffer, Buffer.from([0x2a])]);
        const r = new Reader(buf);
        r.skipTaggedFields();
        expect(r.int8()).toBe(0x2a);
      }),
    );
  });

  it('forged compact lengths and tag sizes are refused, never read past the end', () => {
    expect(() => new Reader(Buffer.from([0x06, 65])).compactString()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x00])).compactString()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0x0f])).compactArray((r) => r.int8())).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x01, 0x00, 0x09, 0x01])).skipTaggedFields()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x7f])).skipTaggedFields()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.alloc(15)).uuid()).toThrow(DecodeError);
    expect(() => new Writer().uuid('not-a-uuid')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = new Reader(Buffer.from(bytes));
        try {
          r.compactArray((r) => r.tagged({ a: r.compactNullableString(), b: r.compactNullableBytes(), c: r.uuid() }));
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
        }
        expect(r.offset).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });
});

describe('Reader bounds', () => {
  it('never reads past the end and rejects forged lengths', () => {
    expect(() => new Reader(Buffer.from([0, 5, 65])).string()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0, 0, 0, 9, 1])).bytes()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).array((r) => r.int8())).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xfe])).nullableArray((r) => r.int8())).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff])).string()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).uvarint()).toThrow(DecodeError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const r = new Reader(Buffer.from(bytes));
        try {
          r.array((r) => ({ a: r.nullableString(), b: r.nullableBytes(), c: r.int64(), d: r.varint() }));
        } catch (err) {
          expect(err).toBeInstanceOf(DecodeError);
        }
        expect(r.offset).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });
});
