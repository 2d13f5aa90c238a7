/**
 * A Kafka record as the gateway keeps it, on its own: parsed once (v1 and v2
 * side by side, invalid records skipped), serialised once into the live
 * frame, and the catch-up form of that frame made without parsing again.
 */
import { describe, expect, it } from 'vitest';
import { serverMessageSchema } from '@newswire/protocol';
import { toKafkaMessage as toV1Message } from '@newswire/schema';
import { KAZAKHSTAN_SEED } from '@newswire/schema/seed';
import { toKafkaMessage } from '@newswire/schema/v2';
import { entryFromRecord, subFrame, toWire, type RawRecord } from '../src/entry.ts';
import { updateOf } from './entries.ts';

const record = (m: { value: string; headers: Record<string, string> }, over: Partial<RawRecord> = {}): RawRecord => ({ topic: 'newswire.unrest', partition: 2, offset: '9007199254740993', timestamp: '1700000000000', value: Buffer.from(m.value), headers: m.headers, ...over });

describe('entryFromRecord', () => {
  it('keeps the filter fields of a v2 update and one live frame that is a valid protocol update frame', () => {
    const u = updateOf('unrest', { id: 'e-1', story: 'st', place: { country: 'KZ', admin1: 'Mangystau Region', city: 'Zhanaozen' }, verification: 'confirmed', urgency: 'flash' });
    const e = entryFromRecord(record(toKafkaMessage(u)), 'ep-1')!;
    expect(e).toMatchObject({ topic: 'newswire.unrest', partition: 2, ts: 1_700_000_000_000, id: 'e-1', kind: 'unrest', story: 'st', country: 'KZ', region: 'Mangystau Region', city: 'Zhanaozen', verification: 'confirmed', urgency: 'flash' });
    // The WebSocket frame ends with exactly the JSON (its header is window.test.ts's concern).
    expect(e.wire.subarray(e.wire.length - e.frame.length).equals(e.frame)).toBe(true);
    const frame = JSON.parse(e.frame.toString('utf8')) as unknown;
    expect(serverMessageSchema.parse(frame)).toEqual({ op: 'update', topic: 'newswire.unrest', partition: 2, offset: '9007199254740993', epoch: 'ep-1', ts: 1_700_000_000_000, update: u });
  });

  it('keeps an offset beyond 2^53 exact on the wire (a decimal string from the record)', () => {
    const e = entryFromRecord(record(toKafkaMessage(updateOf('arrests'))), 'ep')!;
    expect((JSON.parse(e.frame.toString('utf8')) as { offset: string }).offset).toBe('9007199254740993');
  });

  it('reads a v1 record as v2: the frame carries the upcast update', () => {
    const v1 = KAZAKHSTAN_SEED[0]!;
    const e = entryFromRecord(record(toV1Message(v1), { offset: 5 }), 'ep');
    expect(e).not.toBeNull();
    const frame = serverMessageSchema.parse(JSON.parse(e!.frame.toString('utf8')));
    expect(frame).toMatchObject({ op: 'update', offset: '5', update: { schema: 2, id: v1.id, kind: v1.kind } });
  });

  it('skips what is not an update: no value, not JSON, a schema violation', () => {
    const good = toKafkaMessage(updateOf('arrests'));
    expect(entryFromRecord(record(good, { value: null }), 'ep')).toBeNull();
    expect(entryFromRecord(record({ ...good, value: '{"schema":2,' }), 'ep')).toBeNull();
    expect(entryFromRecord(record({ ...good, value: JSON.stringify({ ...updateOf('arrests'), verification: 'rumoured' }) }), 'ep')).toBeNull();
  });
});

describe('subFrame / toWire', () => {
  it('the catch-up frame is the live frame with the subscription id, and still a valid update frame', () => {
    const e = entryFromRecord(record(toKafkaMessage(updateOf('diplomacy'))), 'ep')!;
    const live = JSON.parse(e.frame.toString('utf8')) as Record<string, unknown>;
    for (const id of ['s1', 'feed:a.b-c_d', 'x'.repeat(64)]) {
      const sub = JSON.parse(subFrame(e, id).toString('utf8')) as unknown;
      expect(sub).toEqual({ ...live, sub: id });
      expect(serverMessageSchema.safeParse(sub).success).toBe(true);
    }
  });

  it('positions go on the wire with decimal string offsets', () => {
    expect(toWire([{ topic: 't', partition: 1, offset: 0 }, { topic: 't', partition: 0, offset: 12345678901 }])).toEqual([
      { topic: 't', partition: 1, offset: '0' },
      { topic: 't', partition: 0, offset: '12345678901' },
    ]);
  });
});
