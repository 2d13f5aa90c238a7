import { describe, expect, it } from 'vitest';
import { updateSchema, type Update } from '@newswire/schema';
import { KAZAKHSTAN_SEED, STORY_ID } from '@newswire/schema/seed';
import { FeedStore } from '../src/client/store.ts';
import { claimsOf, computeTallies, isConflicting, rowLabel, type StoryTally } from '../src/client/tally.ts';
import { formatFigure } from '../src/client/format.ts';

const seedId = (slug: string) => `${STORY_ID}:${slug}`;
function seed(slug: string): Update {
  const u = KAZAKHSTAN_SEED.find((x) => x.id === seedId(slug));
  if (!u) throw new Error(`seed has no ${slug}`);
  return u;
}
/** Derive a new valid update from a seed update; validated so the test data is real schema data. */
function derive(base: Update, changes: Record<string, unknown>): Update {
  return updateSchema.parse({ ...structuredClone(base), ...changes });
}
function row(t: StoryTally | undefined, metric: string, group: string) {
  return t?.rows.find((r) => r.metric === metric && r.group === group);
}
function tallyOf(updates: readonly Update[]): StoryTally | undefined {
  const store = new FeedStore();
  for (const u of updates) store.apply(u);
  return computeTallies(store.effective()).find((t) => t.story === STORY_ID);
}

describe('tallies from the seed story', () => {
  const t = tallyOf(KAZAKHSTAN_SEED);

  it('keeps the arrests count as a lower bound with its attribution chain', () => {
    const arrests = row(t, 'arrests', 'total');
    expect(arrests?.claims).toHaveLength(1);
    const c = arrests!.claims[0]!;
    expect(formatFigure(c.figure)).toBe('more than 4,400');
    expect(c.sourceText).toBe('Interior Ministry via state television');
    expect(c.verification).toBe(seed('arrests-4400').verification);
  });

  it('keeps the death toll as "more than 40", including security forces, from the authorities', () => {
    const killed = row(t, 'killed', 'total');
    const c = killed!.claims[0]!;
    expect(formatFigure(c.figure)).toBe('more than 40');
    expect(c.includes).toEqual(['security-forces']);
    expect(c.sourceText).toBe('the authorities');
  });

  it('counts the individually reported child victim as at least one, apart from the toll', () => {
    const children = row(t, 'killed', 'children');
    expect(children?.claims).toHaveLength(1);
    expect(formatFigure(children!.claims[0]!.figure)).toBe('at least 1');
    expect(children!.claims[0]!.fromVictims).toBe(true);
    expect(children!.claims[0]!.sourceText).toContain('Arushan Sain');
    // Never added into the total.
    expect(row(t, 'killed', 'total')!.claims.map((c) => c.figure.value)).toEqual([40]);
  });

  it('lists the named detainee with the charge, and the no-new-information note', () => {
    expect(t?.detainees).toEqual([expect.objectContaining({ name: 'Karim Massimov (former intelligence chief)', charges: ['high treason'] })]);
    expect(t?.notes.map((n) => n.text)).toContain('No new official information on the killed');
  });

  it('orders rows arrests, killed, injured; total before groups', () => {
    const labels = t!.rows.map(rowLabel);
    expect(labels.indexOf('Arrested')).toBeLessThan(labels.indexOf('Killed'));
    expect(labels.indexOf('Killed')).toBeLessThan(labels.indexOf('Killed: children'));
  });

  it('has a claim for every seed update that states an arrests or casualty figure', () => {
    const withFigures = KAZAKHSTAN_SEED.filter((u) => claimsOf(u).length > 0).map((u) => u.id);
    expect(withFigures).toEqual(expect.arrayContaining([seedId('arrests-4400'), seedId('killed-more-than-40'), seedId('boy-11-killed-almaty')]));
    const inTally = new Set(t!.rows.flatMap((r) => r.claims.map((c) => c.updateId)));
    for (const id of withFigures) expect(inTally.has(id)).toBe(true);
  });
});

describe('conflicts, supersession, corrections and retractions', () => {
  const arrests = seed('arrests-4400');

  it('shows a different source\'s figure side by side instead of summing', () => {
    const rights = derive(arrests, {
      id: 'test:rights-group-5000',
      reportedAt: '2022-01-08T11:00:00+06:00',
      sources: [{ name: 'a human rights group', role: 'ngo' }],
      verification: 'claimed',
      payload: { count: { value: 5000, qualifier: 'about' }, tally: 'running-total' },
    });
    const r = row(tallyOf([...KAZAKHSTAN_SEED, rights]), 'arrests', 'total')!;
    expect(r.claims.map((c) => formatFigure(c.figure))).toEqual(['about 5,000', 'more than 4,400']);
    expect(isConflicting(r)).toBe(true);
    expect(r.claims.some((c) => c.figure.value === 9400)).toBe(false);
  });

  it('lets a newer running total from the same source supersede its older one', () => {
    const later = derive(arrests, {
      id: 'test:interior-5800',
      reportedAt: '2022-01-09T10:00:00+06:00',
      payload: { count: { value: 5800, qualifier: 'more-than' }, tally: 'running-total' },
    });
    // Arrival order must not matter: the later report wins either way.
    for (const order of [[arrests, later], [later, arrests]]) {
      const r = row(tallyOf(order), 'arrests', 'total')!;
      expect(r.claims.map((c) => formatFigure(c.figure))).toEqual(['more than 5,800']);
      expect(isConflicting(r)).toBe(false);
    }
  });

  it('replaces a corrected figure and drops a retracted one', () => {
    const correction = derive(arrests, {
      id: 'test:arrests-correction',
      revises: arrests.id,
      reportedAt: '2022-01-08T10:30:00+06:00',
      headline: 'Correction: more than 4,000 arrested, not 4,400',
      payload: { count: { value: 4000, qualifier: 'more-than' }, tally: 'running-total' },
    });
    const corrected = row(tallyOf([...KAZAKHSTAN_SEED, correction]), 'arrests', 'total')!;
    expect(corrected.claims.map((c) => formatFigure(c.figure))).toEqual(['more than 4,000']);

    const killed = seed('killed-more-than-40');
    const retraction = derive(killed, { id: 'test:killed-retracted', retracts: killed.id, headline: 'Withdrawn: death toll report' });
    const t = tallyOf([...KAZAKHSTAN_SEED, retraction]);
    expect(row(t, 'killed', 'total')).toBeUndefined();
    expect(row(t, 'killed', 'children')).toBeDefined();
  });

  it('keeps reports of new arrests apart, never added to the running total', () => {
    const fresh = derive(arrests, {
      id: 'test:new-arrests',
      reportedAt: '2022-01-08T16:00:00+06:00',
      payload: { count: { value: 120, qualifier: 'exact' }, tally: 'new' },
    });
    const t = tallyOf([...KAZAKHSTAN_SEED, fresh]);
    expect(row(t, 'arrests', 'total')!.claims.map((c) => c.figure.value)).toEqual([4400]);
    expect(row(t, 'arrests', 'new')!.claims.map((c) => c.figure.value)).toEqual([120]);
    expect(rowLabel({ metric: 'arrests', group: 'new' })).toMatch(/not added up/);
  });

  it('keeps stories apart', () => {
    const other = derive(arrests, { id: 'test:other-story', story: 'other-story', payload: { count: { value: 10, qualifier: 'exact' } } });
    const store = new FeedStore();
    for (const u of [...KAZAKHSTAN_SEED, other]) store.apply(u);
    const tallies = computeTallies(store.effective());
    expect(tallies.map((t) => t.story).sort()).toEqual(['kz-unrest-2022', 'other-story']);
    expect(row(tallies.find((t) => t.story === 'other-story'), 'arrests', 'total')!.claims[0]!.figure.value).toBe(10);
  });
});
