/**
 * The dashboard's story model: rows once each, ordered by when things
 * happened, corrections folded into the row they correct at the corrected
 * event time, and a snapshot's state kept when older rows are paged in.
 */
import { describe, expect, it } from 'vitest';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { StoryState } from '@newswire/story-state';
import { StoryModel } from '../src/client/story-model.ts';

const STORY = 'kz-unrest-2022';
const seed = (slug: string): Update => KAZAKHSTAN_SEED_V2.find((u) => u.id === `${STORY}:${slug}`)!;
let offset = 0;
const at = (partition = 0) => ({ topic: 'newswire.security', partition, offset: String(offset++), ts: 1_700_000_000_000 + offset });

const derive = (u: Update, changes: Record<string, unknown>): Update => assertUpdate({ ...structuredClone(u), ...changes });

describe('StoryModel', () => {
  it('orders rows by event time, then report time, and shows each update once', () => {
    const m = new StoryModel(STORY);
    for (const u of KAZAKHSTAN_SEED_V2) m.applyLive(u, at());
    expect(m.applyLive(seed('arrests-4400'), at())).toBe(false);
    const ids = m.entries().map((e) => e.id);
    expect(new Set(ids).size).toBe(KAZAKHSTAN_SEED_V2.length);
    // By hand from the seed: Nazarbayev's 2019 resignation happened first of all, so it is the last row.
    expect(ids.at(-1)).toBe(`${STORY}:nazarbayev-resigned-2019`);
    // "On Friday" (7 Jan) comes after every undated fact reported on Saturday 8 Jan, which sit at their report date.
    const shootAt = ids.indexOf(`${STORY}:shoot-without-warning`);
    expect(ids.indexOf(`${STORY}:arrests-4400`)).toBeLessThan(shootAt);
  });

  it('folds a correction into the row it corrects, at the corrected event time, keeping the first report time', () => {
    const m = new StoryModel(STORY);
    const original = seed('shoot-without-warning');
    m.applyLive(original, at());
    m.applyLive(seed('nazarbayev-resigned-2019'), at());
    const fix = derive(original, {
      id: `${STORY}:shoot-order-correction`,
      revises: original.id,
      headline: 'Correction: the shoot order was given on Thursday',
      occurred: { date: '2022-01-06', zone: 'Asia/Almaty' },
      reported: { date: '2022-01-09', zone: 'Asia/Almaty' },
    });
    m.applyLive(fix, at());
    const rows = m.entries();
    expect(rows.map((e) => e.id)).toEqual([original.id, `${STORY}:nazarbayev-resigned-2019`]);
    const row = rows[0]!;
    expect(row.current.headline).toBe('Correction: the shoot order was given on Thursday');
    expect(row.times.event).toBe('Thu 6 Jan 2022');
    expect(row.times.reported).toBe('Sat 8 Jan 2022');
    expect(row.revisions).toHaveLength(1);
  });

  it('a correction of an update not loaded is its own row until the original is paged in', () => {
    const m = new StoryModel(STORY);
    const original = seed('almaty-mobile-intermittent');
    const fix = derive(original, { id: `${STORY}:mobile-fix`, revises: original.id, headline: 'Correction: mobile network down entirely', payload: { service: 'mobile', state: 'shut-down' } });
    m.applyLive(fix, at());
    expect(m.entries()[0]!.orphanOf).toEqual({ id: original.id, action: 'revises' });
    m.addOlder(original, { ...at(), ts: 1 });
    const rows = m.entries();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(original.id);
    expect(rows[0]!.current.headline).toBe('Correction: mobile network down entirely');
  });

  it('starts from a snapshot: its state stands, older pages add rows without folding them again', () => {
    const gateway = new StoryState(STORY);
    for (const u of KAZAKHSTAN_SEED_V2) gateway.apply(u, at(1));
    const data = gateway.toData();
    const m = new StoryModel(STORY);
    m.loadSnapshot(data, [{ topic: 'newswire.security', partition: 1, offset: String(offset) }], data.recent);
    expect(m.state.records).toBe(KAZAKHSTAN_SEED_V2.length);
    m.addOlder(seed('arrests-4400'), at(1));
    expect(m.state.records).toBe(KAZAKHSTAN_SEED_V2.length);
    const arrests = m.view().figures.tolls.filter((t) => t.metric === 'arrested');
    expect(arrests.map((t) => t.latest.map((p) => p.text))).toEqual([['more than 4,400']]);
  });
});
