import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_UPDATE_BYTES, QUALIFIERS, fromKafkaMessage, toKafkaMessage, toKafkaRecord, topicForKind } from '../src/index.ts';
import { KAZAKHSTAN_SEED } from '../src/seed/kazakhstan.ts';
import { figurePaths, setAt } from './paths.ts';

describe('CloudEvents 1.0 Kafka binding (binary mode)', () => {
  it('maps every seed update to key, value and ce_ headers', () => {
    for (const u of KAZAKHSTAN_SEED) {
      const m = toKafkaMessage(u, { source: '/newswire/test' });
      expect(m.key).toBe(u.story);
      expect(JSON.parse(m.value)).toEqual(u);
      expect(m.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: u.id,
        ce_type: `org.newswire.${u.kind}.v1`,
        ce_source: '/newswire/test',
        'content-type': 'application/json',
      });
      expect(toKafkaRecord(u).topic).toBe(topicForKind(u.kind));
    }
  });

  it('round-trips every seed update, as Buffer or string, with or without headers', () => {
    for (const u of KAZAKHSTAN_SEED) {
      const m = toKafkaMessage(u);
      const asBuffers = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, Buffer.from(v)]));
      expect(fromKafkaMessage(Buffer.from(m.value), asBuffers)).toEqual({ ok: true, update: u });
      expect(fromKafkaMessage(m.value)).toEqual({ ok: true, update: u });
    }
  });

  it('round-trips any valid variation (property)', () => {
    const withFigure = fc
      .constantFrom(...KAZAKHSTAN_SEED.filter((u) => figurePaths(u).length > 0))
      .chain((u) => fc.record({ u: fc.constant(u), path: fc.constantFrom(...figurePaths(u)) }));
    fc.assert(
      fc.property(withFigure, fc.nat({ max: 1_000_000_000 }), fc.constantFrom(...QUALIFIERS), fc.stringMatching(/^[A-Za-z0-9._:-]{1,128}$/), ({ u, path }, value, qualifier, id) => {
        const update = { ...setAt(u, path, { value, qualifier }), id };
        const m = toKafkaMessage(update);
        expect(fromKafkaMessage(Buffer.from(m.value), m.headers)).toEqual({ ok: true, update });
      }),
      { numRuns: 200 },
    );
  });

  it('still checks ce_subject from producers that send it', () => {
    const u = KAZAKHSTAN_SEED[0]!;
    const m = toKafkaMessage(u);
    expect(fromKafkaMessage(m.value, { ...m.headers, ce_subject: u.story })).toEqual({ ok: true, update: u });
    expect(fromKafkaMessage(m.value, { ...m.headers, ce_subject: 'another-story' })).toEqual({
      ok: false,
      errors: [{ path: 'headers.ce_subject', message: `is "another-story" but the update says "${u.story}"` }],
    });
  });

  it('refuses headers that contradict the update', () => {
    const u = KAZAKHSTAN_SEED[0]!;
    const m = toKafkaMessage(u);
    const r = fromKafkaMessage(m.value, { ...m.headers, ce_type: 'org.newswire.arrests.v1', ce_specversion: '0.3' });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'headers.ce_type', message: `is "org.newswire.arrests.v1" but the update says "org.newswire.${u.kind}.v1"` },
        { path: 'headers.ce_specversion', message: 'must be 1.0, got "0.3"' },
      ],
    });
  });

  it('refuses no value, broken JSON, oversized values and invalid updates with readable errors', () => {
    expect(fromKafkaMessage(null)).toEqual({ ok: false, errors: [{ path: '(root)', message: 'message has no value' }] });
    const broken = fromKafkaMessage('{"schema":1,');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]!.message).toMatch(/^not valid JSON/);
    const huge = fromKafkaMessage(Buffer.alloc(MAX_UPDATE_BYTES + 1, 0x20));
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.errors[0]!.message).toMatch(/more than 262144/);
    const bad = setAt(KAZAKHSTAN_SEED[0]!, ['urgency'], 'whenever');
    expect(fromKafkaMessage(JSON.stringify(bad))).toEqual({
      ok: false,
      errors: [{ path: 'urgency', message: 'must be one of flash, urgent, routine' }],
    });
  });
});
