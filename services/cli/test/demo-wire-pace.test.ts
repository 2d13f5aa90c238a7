import { describe, expect, it } from 'vitest';
import { instantBounds, parseUpdate, type Update } from '@newswire/schema/v2';
import { delayBetween, parsePace, updatesForPass } from '../src/producers/demo-wire.ts';
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';

describe('demo wire pacing and passes', () => {
  it('parses paces', () => {
    expect(parsePace('max')).toEqual({ mode: 'max' });
    expect(parsePace('3600x')).toEqual({ mode: 'scale', factor: 3600 });
    expect(parsePace('0.5x')).toEqual({ mode: 'scale', factor: 0.5 });
    expect(parsePace('250')).toEqual({ mode: 'interval', ms: 250 });
    expect(parsePace('250ms')).toEqual({ mode: 'interval', ms: 250 });
    expect(parsePace('2s')).toEqual({ mode: 'interval', ms: 2000 });
    expect(parsePace('0')).toEqual({ mode: 'max' });
    for (const bad of ['fast', '0x', '-1', 'x', '10 x', '99999999999']) expect(() => parsePace(bad), bad).toThrow(/pace/);
  });

  it('scales the story’s own spacing', () => {
    const [a, b] = KAZAKHSTAN_SEED;
    // The v2 seed reports every fact on the same day (date only): no spacing of its own.
    expect(delayBetween(a, b!, { mode: 'scale', factor: 60 })).toBe(0);
    // Reported a day and two hours apart (different precisions): the gap between their earliest meanings.
    const day = { ...a!, reported: { date: '2022-01-07', zone: 'Asia/Almaty' } } as Update;
    const later = { ...b!, reported: { date: '2022-01-08', time: '02:00', zone: 'Asia/Almaty' } } as Update;
    const gap = instantBounds(later.reported).earliest - instantBounds(day.reported).earliest;
    expect(gap).toBe(26 * 3600_000);
    expect(delayBetween(day, later, { mode: 'scale', factor: 60 })).toBe(gap / 60);
    expect(delayBetween(later, day, { mode: 'scale', factor: 60 })).toBe(0);
    expect(delayBetween(undefined, a!, { mode: 'scale', factor: 60 })).toBe(0);
    expect(delayBetween(a, b!, { mode: 'interval', ms: 700 })).toBe(700);
    expect(delayBetween(a, b!, { mode: 'max' })).toBe(0);
  });

  it('keeps the fixed ids on pass 1 and gives later passes fresh, valid, consistent ids', () => {
    expect(updatesForPass(KAZAKHSTAN_SEED, 1)).toEqual(KAZAKHSTAN_SEED);
    const pass3 = updatesForPass(KAZAKHSTAN_SEED, 3);
    expect(pass3.map((u) => u.id)).toEqual(KAZAKHSTAN_SEED.map((u) => `${u.id}:p3`));
    for (const u of pass3) expect(parseUpdate(u).ok).toBe(true);
    const ids = new Set(pass3.map((u) => u.id));
    for (const u of pass3) {
      if (u.kind === 'casualties' && u.payload.status === 'no-new-information' && u.payload.lastFigures)
        expect(ids.has(u.payload.lastFigures)).toBe(true);
      // Relations between the story's own updates point into the same pass.
      for (const r of u.relations ?? []) expect(ids.has(r.to), `${u.id} -> ${r.to}`).toBe(true);
    }
    expect(pass3.some((u) => u.relations?.length)).toBe(true);
    // the seed itself is untouched
    expect(KAZAKHSTAN_SEED[0]!.id.endsWith(':p3')).toBe(false);
  });
});
