/**
 * The board (boardOf): a story's view with every long list cut to its newest
 * entries and the count of each, no figure series. Checked on the Sri Lanka
 * corpus story retold many times over (ids unique per telling), against the
 * whole view of the same state: what the board keeps is the view's own, the
 * counts and sums are the view's, and it stops growing with the story.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { BOARD_LIST_LIMIT, boardOf, canonicalJson, countsOf, StoryState, viewOf, type StoryView } from '../src/index.ts';
import { place } from './support.ts';

const LK = readFileSync(resolve(import.meta.dirname, '../../schema/corpus/lk-crisis-2022.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => assertUpdate(JSON.parse(l)));

/** The story told `times` times, each telling's ids (and the ids its links point at) its own. */
function retold(times: number): Update[] {
  const out: Update[] = [];
  for (let c = 0; c < times; c++)
    for (const u of LK) {
      const id = (orig: string) => `lk:c${c}:${orig.slice(orig.indexOf(':') + 1)}`;
      const v: Record<string, unknown> = { ...structuredClone(u), story: 'lk', id: id(u.id) };
      if (u.revises) v.revises = id(u.revises);
      if (u.retracts) v.retracts = id(u.retracts);
      if (u.relations) v.relations = u.relations.map((r) => ({ ...r, to: id(r.to) }));
      out.push(v as Update);
    }
  return out;
}

function viewAfter(times: number): StoryView {
  const s = new StoryState('lk');
  for (const p of place(retold(times))) s.apply(p.update, p.at);
  return viewOf(s.toData());
}

describe('the board of a long story', () => {
  const TELLINGS = 40;
  const view = viewAfter(TELLINGS);
  const board = boardOf(view);

  it('is a long story: lists longer than the board keeps', () => {
    expect(view.government.length).toBeGreaterThan(BOARD_LIST_LIMIT);
    expect(view.measures.filter((m) => m.state === 'in-force').length).toBeGreaterThan(BOARD_LIST_LIMIT);
    expect(view.corrections.length).toBeGreaterThan(BOARD_LIST_LIMIT);
  });

  it('keeps the newest entries of each list, as the view has them, and counts what the view holds', () => {
    expect(board.limit).toBe(BOARD_LIST_LIMIT);
    expect(board.counts).toEqual(countsOf(view));
    expect(board.counts.government).toBe(view.government.length);
    // The government timeline: the latest changes by event time.
    expect(board.government).toEqual(view.government.slice(-BOARD_LIST_LIMIT));
    // Measures: the newest of each state, in the view's order.
    for (const state of ['in-force', 'announced', 'lifted'] as const) {
      const all = view.measures.filter((m) => m.state === state);
      expect(board.measures.filter((m) => m.state === state)).toEqual(all.slice(-BOARD_LIST_LIMIT));
      expect(board.counts.measures[state]).toBe(all.length);
    }
    expect(board.corrections).toHaveLength(BOARD_LIST_LIMIT);
    for (const c of board.corrections) expect(view.corrections).toContainEqual(c);
    // The newest corrections: the story corrects one report per telling, so those of the last 30 tellings.
    expect(view.corrections).toHaveLength(TELLINGS);
    expect(board.corrections.map((c) => Number(/^lk:c(\d+):/.exec(c.original)![1])).sort((a, b) => a - b)).toEqual(Array.from({ length: BOARD_LIST_LIMIT }, (_, i) => TELLINGS - BOARD_LIST_LIMIT + i));
  });

  it('says the totals the view says: the same tolls, incident sums and counts; no series', () => {
    expect('series' in board.figures).toBe(false);
    expect(board.figures.tolls).toEqual(view.figures.tolls);
    expect(board.figures.incidents.map((b) => [b.metric, b.sum])).toEqual(view.figures.incidents.map((b) => [b.metric, b.sum]));
    for (const b of board.figures.incidents) {
      const whole = view.figures.incidents.find((x) => x.metric === b.metric)!;
      expect(b.incidents.length).toBe(Math.min(BOARD_LIST_LIMIT, whole.incidents.length));
      expect(board.counts.incidents[b.metric]).toBe(whole.incidents.length);
      // Each incident kept is the view's own entry, in the view's order.
      const order = b.incidents.map((i) => whole.incidents.findIndex((x) => canonicalJson(x) === canonicalJson(i)));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((x, y) => x - y)).toEqual(order);
    }
    for (const c of board.figures.conflicts) expect(view.figures.conflicts).toContainEqual(c);
  });

  it('stops growing with the story: four times the tellings, about the same bytes', () => {
    const longer = viewAfter(4 * TELLINGS);
    const small = canonicalJson(board).length;
    const large = canonicalJson(boardOf(longer)).length;
    expect(canonicalJson(longer).length).toBeGreaterThan(2 * canonicalJson(view).length);
    expect(large).toBeLessThan(small * 1.05);
  });

  it('keeps a short story whole, but for its series', () => {
    const short = viewAfter(1);
    const b = boardOf(short);
    const { series: _series, ...figures } = short.figures;
    expect(b.figures).toEqual(figures);
    expect(b.measures).toEqual(short.measures);
    expect(b.government).toEqual(short.government);
    expect(b.corrections).toEqual(short.corrections);
  });
});
