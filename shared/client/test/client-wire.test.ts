import { describe, expect, it } from 'vitest';
import { parseServerFrame } from '../src/wire.ts';

describe('SDK frame parsing', () => {
  const pong = { op: 'pong', t: 5, now: 1_700_000_000_000 };

  it('accepts a frame from a newer gateway that carries an extra field, and drops the field', () => {
    const r = parseServerFrame(JSON.stringify({ ...pong, addedInV2: { x: 1 } }), false);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.frame).toEqual(pong);
  });

  it('still refuses a frame whose known fields are wrong', () => {
    const r = parseServerFrame(JSON.stringify({ ...pong, now: 'yesterday' }), false);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain("invalid 'pong' frame");
  });

  it('refuses text that is not JSON', () => {
    expect(parseServerFrame('{nope', false)).toEqual({ ok: false, error: 'not JSON' });
  });
});
