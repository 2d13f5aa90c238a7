/**
 * The edge of the client protocol on its own: one frame in, a validated
 * message or the error to answer with out.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_OPS } from '@newswire/protocol';
import { parseClientFrame, type ParsedFrame } from '../src/client-frame.ts';

const text = (value: unknown): ParsedFrame => parseClientFrame(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), false);

describe('parseClientFrame', () => {
  it('accepts every client op in its valid form', () => {
    expect(text({ op: 'hello', v: 1 })).toEqual({ ok: true, msg: { op: 'hello', v: 1 } });
    expect(text({ op: 'ping', t: 12.5 })).toEqual({ ok: true, msg: { op: 'ping', t: 12.5 } });
    expect(text({ op: 'unsubscribe', id: 'a' })).toEqual({ ok: true, msg: { op: 'unsubscribe', id: 'a' } });
    const sub = { op: 'subscribe', id: 'feed:1', topics: ['newswire.arrests'], filter: { kinds: ['arrests'], countries: ['KZ'] }, from: 'earliest' };
    expect(text(sub)).toEqual({ ok: true, msg: sub });
  });

  it('reads a resume offset sent as a JSON number (older clients) as its decimal string', () => {
    const r = text({ op: 'subscribe', id: 's', from: { positions: [{ topic: 'newswire.arrests', partition: 0, offset: 42 }] } });
    expect(r).toMatchObject({ ok: true, msg: { from: { positions: [{ offset: '42' }] } } });
  });

  it('a resume offset past 2^53 - 1 is bad_message naming it and the subscription: this gateway counts offsets in doubles', () => {
    const at = (offset: string) => text({ op: 'subscribe', id: 'far', from: { positions: [{ topic: 'newswire.arrests', partition: 0, offset: '1' }, { topic: 'newswire.arrests', partition: 1, offset }] } });
    expect(at('9007199254740991')).toMatchObject({ ok: true });
    expect(at('9007199254740992')).toEqual({ ok: false, code: 'bad_message', message: 'offset 9007199254740992 is beyond 2^53 - 1, the largest this gateway serves', ref: 'far' });
    expect(at('9223372036854775807')).toMatchObject({ ok: false, code: 'bad_message', ref: 'far' });
  });

  it('a binary frame is bad_message', () => {
    expect(parseClientFrame(Buffer.from(JSON.stringify({ op: 'ping' })), true)).toEqual({ ok: false, code: 'bad_message', message: 'binary frames are not part of the protocol' });
  });

  it('text that is not JSON is bad_message', () => {
    for (const bad of ['', '{', '{"op":"ping"', 'ping', '\u0000']) expect(text(bad)).toEqual({ ok: false, code: 'bad_message', message: 'not valid JSON' });
  });

  it('JSON without a known string op is unknown_op, listing the ops', () => {
    const want = { ok: false, code: 'unknown_op', message: `op must be one of ${CLIENT_OPS.join(', ')}` };
    for (const bad of [null, 42, '"ping"', [{ op: 'ping' }], {}, { op: 7 }, { op: 'PING' }, { op: 'publish' }, { op: '__proto__' }]) expect(text(bad)).toEqual(want);
  });

  it('a known op that breaks its schema is bad_message naming the op and the field', () => {
    expect(text({ op: 'hello', v: 2 })).toMatchObject({ ok: false, code: 'bad_message', message: expect.stringMatching(/^hello: v: /) });
    expect(text({ op: 'ping', t: 'now' })).toMatchObject({ ok: false, code: 'bad_message', message: expect.stringMatching(/^ping: t: /) });
    expect(text({ op: 'ping', extra: true })).toMatchObject({ ok: false, code: 'bad_message', message: expect.stringMatching(/^ping: /) });
  });

  it('an empty filter list is refused, never read as "anything"', () => {
    expect(text({ op: 'subscribe', id: 's', filter: { kinds: [] } })).toMatchObject({ ok: false, code: 'bad_message', message: expect.stringMatching(/^subscribe: filter\.kinds: /), ref: 's' });
  });

  it("a refused subscribe's error refers to its id when the id is well formed, else to the op", () => {
    expect(text({ op: 'subscribe', id: 'mine', from: 'yesterday' })).toMatchObject({ ok: false, ref: 'mine' });
    expect(text({ op: 'subscribe', id: 'no spaces allowed', from: 'live' })).toMatchObject({ ok: false, ref: 'subscribe' });
    expect(text({ op: 'subscribe', id: 'x'.repeat(65) })).toMatchObject({ ok: false, ref: 'subscribe' });
    expect(text({ op: 'hello', v: 1, id: '<script>' })).toMatchObject({ ok: false, ref: 'hello' });
  });

  it('the error message is bounded whatever the client sent', () => {
    const r = text({ op: 'subscribe', id: 's', filter: { ['k'.repeat(5000)]: ['x'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeLessThanOrEqual(300);
  });
});
