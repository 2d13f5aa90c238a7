/**
 * A made-up crisis in country XY, fact by fact, with the totals, conflicts,
 * board and timeline written by hand. Every update is validated as v2 first.
 */
import { describe, expect, it } from 'vitest';
import { assertUpdate, type Update } from '@newswire/schema/v2';
import { asV2, canonicalJson, decodeStateRecord, emptyState, encodeSnapshot, fold, StateStore, StoryState, viewOf } from '../src/index.ts';
import { interleaveOtherwise, place } from './support.ts';

const STORY = 'xy-unrest';
const day = (d: number) => ({ date: `2023-03-${String(d).padStart(2, '0')}`, zone: 'UTC' });
const capital = { country: 'XY', city: 'Capital City' };
const port = { country: 'XY', city: 'Port Town' };
const ministry = { name: 'Health Ministry', role: 'ministry' as const };
const hospital = { name: 'Central Hospital', role: 'hospital' as const };
const desk = { name: 'newswire desk', role: 'newsroom' as const };

function u(id: string, rest: Record<string, unknown>): Update {
  return assertUpdate({
    schema: 2, id: `${STORY}:${id}`, story: STORY, headline: id.replaceAll('-', ' '), reported: day(10),
    place: capital, sources: [desk], verification: 'reported', urgency: 'routine', ...rest,
  });
}
const killed = (figure: Record<string, unknown>) => ({ status: 'figures', killed: { total: figure } });

const CRISIS: Update[] = [
  // Two incidents, never merged. The blast: 3 (ministry) and "more than 5" (hospital), part of one incident.
  u('blast', { kind: 'attack', occurred: day(3), place: capital, payload: { methods: ['bombing'], perpetrator: { status: 'unknown' } } }),
  u('blast-dead-ministry', { kind: 'casualties', reported: day(3), sources: [ministry], relations: [{ type: 'part-of-incident', to: `${STORY}:blast` }], payload: killed({ value: 3, qualifier: 'exact', scope: 'incident' }) }),
  u('blast-dead-hospital', { kind: 'casualties', reported: day(4), sources: [hospital], relations: [{ type: 'part-of-incident', to: `${STORY}:blast` }], payload: killed({ value: 5, qualifier: 'more-than', scope: 'incident' }) }),
  // The port shooting: "between 7 and 9" killed.
  u('port-shooting-dead', { kind: 'casualties', occurred: day(5), reported: day(5), place: port, sources: [hospital], payload: killed({ min: 7, max: 9, scope: 'incident' }) }),
  // A third incident said only as "dozens": listed, left out of the sum.
  u('market-dead', { kind: 'casualties', occurred: day(6), reported: day(6), place: port, sources: [desk], payload: killed({ vague: 'dozens', scope: 'incident' }) }),
  // Nationwide tolls: the ministry says 40 then 52; the hospital says 44 as of the same day as the ministry's 40.
  u('toll-ministry-40', { kind: 'casualties', reported: day(7), place: { country: 'XY', extent: 'whole' }, sources: [ministry], payload: killed({ value: 40, qualifier: 'exact', scope: 'toll', asOf: day(7) }) }),
  u('toll-hospital-44', { kind: 'casualties', reported: day(7), place: { country: 'XY', extent: 'whole' }, sources: [hospital], payload: killed({ value: 44, qualifier: 'exact', scope: 'toll', asOf: day(7) }) }),
  u('toll-ministry-52', { kind: 'casualties', reported: day(8), place: { country: 'XY', extent: 'whole' }, sources: [ministry], payload: killed({ value: 52, qualifier: 'more-than', scope: 'toll', asOf: day(8) }) }),
  // A curfew declared, extended, and lifted.
  u('curfew', { kind: 'security-measure', reported: day(4), urgency: 'urgent', payload: { measure: 'curfew', status: 'declared', period: { from: day(4), duration: { amount: { value: 3, qualifier: 'exact' }, unit: 'days' } }, dailyHours: { from: '22:00', to: '06:00' } } }),
  u('curfew-extended', { kind: 'security-measure', reported: day(7), relations: [{ type: 'extends', to: `${STORY}:curfew` }], payload: { measure: 'curfew', status: 'extended', period: { from: day(7), to: day(12) } } }),
  u('curfew-lifted', { kind: 'security-measure', reported: day(11), relations: [{ type: 'lifts', to: `${STORY}:curfew` }], payload: { measure: 'curfew', status: 'lifted' } }),
  // A ban on gatherings, still in force.
  u('gathering-ban', { kind: 'security-measure', reported: day(5), payload: { measure: 'ban-on-gatherings', status: 'in-force' } }),
  // Government changes reported out of order: the minister resigned on the 2nd (reported on the 9th).
  u('pm-appointed', { kind: 'government-change', reported: day(6), occurred: day(6), payload: { action: 'appointed', body: 'government', office: 'prime minister', person: { type: 'government', name: 'A. Person' } } }),
  u('minister-resigned', { kind: 'government-change', reported: day(9), occurred: day(2), payload: { action: 'resigned', body: 'government', office: 'interior minister', person: { type: 'government', name: 'B. Person' } } }),
  // A wrong report corrected, and another withdrawn.
  u('arrests-100', { kind: 'arrests', reported: day(5), sources: [ministry], payload: { count: { value: 100, qualifier: 'exact', scope: 'incident' } } }),
  u('arrests-100-fixed', { kind: 'arrests', reported: day(6), sources: [ministry], revises: `${STORY}:arrests-100`, payload: { count: { value: 10, qualifier: 'exact', scope: 'incident' } } }),
  u('cabinet-fired', { kind: 'government-change', reported: day(8), occurred: day(8), payload: { action: 'dismissed', body: 'Cabinet', wholeBody: true } }),
  u('cabinet-fired-withdrawn', { kind: 'government-change', reported: day(8), retracts: `${STORY}:cabinet-fired`, payload: { action: 'dismissed', body: 'Cabinet', wholeBody: true } }),
];

const foldAll = (order = place(CRISIS)) => {
  const s = new StoryState(STORY);
  for (const { update, at } of order) s.apply(update, at);
  return s;
};

describe('a story with several incidents, sources and corrections', () => {
  const view = viewOf(foldAll().toData());

  it('lists incidents apart and sums only what every source of each agrees on', () => {
    const board = view.figures.incidents.find((b) => b.metric === 'killed')!;
    expect(board.incidents.map((i) => [i.incident.split(':')[1], i.totals.map((t) => t.text), i.agreed?.text ?? null])).toEqual([
      // The blast: the ministry's 3 and the hospital's "more than 5" (at least 6) disagree; both say at least 3.
      ['blast', ['more than 5', '3'], '3'],
      ['market-dead', ['dozens'], null],
      ['port-shooting-dead', ['between 7 and 9'], 'between 7 and 9'],
    ]);
    // At least 3 + 7 = 10 killed in the incidents; the "dozens" one fixes no bound and is counted apart.
    expect(board.sum).toEqual({ atLeast: 10, exact: false, unbounded: 1 });
    // The arrest count is the correction's 10, not the withdrawn 100.
    expect(view.figures.incidents.find((b) => b.metric === 'arrested')!.sum).toEqual({ atLeast: 10, exact: true, unbounded: 0 });
  });

  it('flags a conflict only between sources at the same incident or as-of time', () => {
    expect(view.figures.conflicts.map((c) => [c.metric, c.scope, c.incident?.split(':')[1] ?? c.time, c.figures.map((f) => `${f.text} (${f.source})`)])).toEqual([
      ['killed', 'toll', { date: '2023-03-07', zone: 'UTC' }, ['44 (Central Hospital)', '40 (Health Ministry)']],
      ['killed', 'incident', 'blast', ['more than 5 (Central Hospital)', '3 (Health Ministry)']],
    ]);
  });

  it('shows the latest toll of each source, never a sum of tolls', () => {
    const tolls = view.figures.tolls.find((t) => t.metric === 'killed')!;
    expect(tolls.placeText).toBe('XY (nationwide)');
    expect(tolls.latest.map((p) => [p.source, p.text, p.time])).toEqual([
      ['Central Hospital', '44', day(7)],
      ['Health Ministry', 'more than 52', day(8)],
    ]);
    // The ministry's series keeps both of its tolls in time order.
    const series = view.figures.series.find((s) => s.scope === 'toll' && s.source === 'Health Ministry')!;
    expect(series.points.map((p) => p.text)).toEqual(['40', 'more than 52']);
  });

  it('puts measures on the board with their extensions, periods and lifts', () => {
    expect(view.measures.map((m) => [m.measure, m.state, m.extensions.length, m.lift?.id.split(':')[1] ?? null])).toEqual([
      ['curfew', 'lifted', 1, 'curfew-lifted'],
      ['ban-on-gatherings', 'in-force', 0, null],
    ]);
    const curfew = view.measures[0]!;
    expect(curfew.period).toEqual({ from: day(4), duration: { amount: { value: 3, qualifier: 'exact' }, unit: 'days' } });
    expect(curfew.currentPeriod).toEqual({ from: day(7), to: day(12) });
  });

  it('orders the government timeline by event time, without the withdrawn report', () => {
    expect(view.government.map((e) => [e.id.split(':')[1], e.when])).toEqual([
      ['minister-resigned', day(2)],
      ['pm-appointed', day(6)],
    ]);
  });

  it('keeps the current version of every corrected update with its history', () => {
    expect(view.corrections.map((c) => [c.original.split(':')[1], c.state, c.current?.split(':')[1] ?? null, c.history.map((h) => [h.link, h.status])])).toEqual([
      ['arrests-100', 'corrected', 'arrests-100-fixed', [['original', 'superseded'], ['revises', 'current']]],
      ['cabinet-fired', 'retracted', null, [['original', 'retracted'], ['retracts', 'current']]],
    ]);
  });

  it('gives the same bytes for any interleaving of the topics', () => {
    expect(canonicalJson(foldAll(interleaveOtherwise(place(CRISIS))).toData())).toBe(canonicalJson(foldAll().toData()));
  });
});

describe('fold, snapshots and bounds', () => {
  it('fold is pure: the input state is left as it was', () => {
    const [first, second] = place(CRISIS);
    const s0 = emptyState(STORY);
    const s1 = fold(s0, first!.update, first!.at);
    const before = canonicalJson(s1);
    const s2 = fold(s1, second!.update, second!.at);
    expect(canonicalJson(s1)).toBe(before);
    expect(s2.records).toBe(2);
    expect(canonicalJson(s0)).toBe(canonicalJson(emptyState(STORY)));
  });

  it('a state rebuilt from its snapshot folds on to the same bytes as one that never stopped, each record once', () => {
    const placed = place(CRISIS);
    const straight = foldAll();
    const half = new StoryState(STORY);
    for (const p of placed.slice(0, 9)) half.apply(p.update, p.at);
    // The positions the first 9 records leave behind: the next offset of every topic they were on.
    const positions = [...new Set(placed.slice(0, 9).map((p) => p.at.topic))].map((topic) => ({
      topic, partition: 0, offset: String(placed.slice(0, 9).filter((p) => p.at.topic === topic).length),
    }));
    const decoded = decodeStateRecord(STORY, Buffer.from(encodeSnapshot(half.toData(), positions, 'epoch-1')));
    if (!decoded.ok || decoded.value.kind !== 'story') throw new Error('snapshot did not decode');
    const store = new StateStore();
    store.load(decoded.value);
    // Read again from the start of every topic: what the snapshot reflects is skipped, the rest folded.
    const results = placed.map((p) => store.apply(p.update, p.at));
    expect(results.filter((r) => r === 'reflected').length).toBe(9);
    expect(canonicalJson(store.get(STORY)!.toData())).toBe(canonicalJson(straight.toData()));
  });

  it('refuses a snapshot whose key does not match, or that is not a snapshot', () => {
    const bytes = encodeSnapshot(foldAll().toData(), [], 'e');
    expect(decodeStateRecord('other-story', bytes)).toMatchObject({ ok: false });
    expect(decodeStateRecord(STORY, '{"kind":"story"}')).toMatchObject({ ok: false });
    expect(decodeStateRecord(STORY, 'not json')).toMatchObject({ ok: false });
    expect(decodeStateRecord(STORY, null)).toMatchObject({ ok: false });
  });

  it('past its bounds drops the oldest, and the incident sum stays a true lower bound', () => {
    const limits = { maxStories: 10, maxRecent: 3, maxItemsPerList: 2 };
    const s = new StoryState(STORY, limits);
    for (const { update, at } of place(CRISIS)) s.apply(update, at);
    const data = s.toData();
    expect(data.recent.map((r) => r.update.id.split(':')[1])).toEqual(['arrests-100-fixed', 'cabinet-fired', 'cabinet-fired-withdrawn']);
    expect(data.dropped.recent).toBe(CRISIS.length - 3);
    const v = viewOf(data);
    const board = v.figures.incidents.find((b) => b.metric === 'killed');
    // The figures list kept only the 2 newest figure updates (two arrests); every kept sum is still true.
    expect(board).toBeUndefined();
    expect(v.dropped.figures).toBe(7);
    expect(v.figures.incidents.find((b) => b.metric === 'arrested')!.sum.exact).toBe(false);
  });

  it('folds v1 updates too (read as v2)', () => {
    const v1 = {
      schema: 1, id: 'xy-unrest:v1-arrests', story: STORY, kind: 'arrests', headline: 'About 20 arrested',
      reportedAt: '2023-03-05T10:00:00+00:00', place: { country: 'XY', scope: 'nationwide' },
      sources: [{ name: 'Interior Ministry' }], verification: 'reported', urgency: 'routine',
      payload: { count: { value: 20, qualifier: 'about' }, tally: 'running-total' },
    };
    const s = new StoryState(STORY);
    s.apply(asV2(v1), { topic: 'newswire.arrests', partition: 0, offset: '0', ts: 1 });
    expect(viewOf(s.toData()).figures.tolls.map((t) => t.latest.map((p) => [p.text, p.source, p.scope]))).toEqual([[['about 20', 'Interior Ministry', 'toll']]]);
  });

  it('a store holds at most maxStories stories and says which it does not hold', () => {
    const store = new StateStore({ maxStories: 1, maxRecent: 5, maxItemsPerList: 5 });
    const [a] = place(CRISIS);
    expect(store.apply(a!.update, a!.at)).toBe('applied');
    const other = { ...a!.update, id: 'other:1', story: 'other' } as Update;
    expect(store.apply(other, { ...a!.at, offset: '1' })).toBe('untracked');
    expect(store.isUntracked('other')).toBe(true);
    expect(store.storyIds()).toEqual([STORY]);
  });
});
