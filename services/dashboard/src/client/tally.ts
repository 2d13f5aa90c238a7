/**
 * Running tallies of arrests, killed and injured, by group, per story.
 *
 * A tally is a set of claims, never a sum: "more than 4,400 (Interior Ministry
 * via state television)" and "about 5,000 (a rights group)" are two claims
 * shown side by side, each with its qualifier and source. A newer figure from
 * the same source (same attribution chain) supersedes that source's older one,
 * because a running total reported again is an update of the same count.
 * Corrections and retractions are already folded in by the store: this module
 * only sees the facts as they stand.
 */
import type { Figure, Source, Update, Verification } from '@newswire/schema';
import { CASUALTY_GROUPS } from '@newswire/schema';
import { formatSources } from './format.ts';

export type Metric = 'arrests' | 'killed' | 'injured';
export const METRICS: readonly Metric[] = ['arrests', 'killed', 'injured'];

/** 'total', one of the casualty groups, or 'new' (arrests since the last report, never added to a total). */
export type TallyGroup = 'total' | 'new' | (typeof CASUALTY_GROUPS)[number];

export interface Claim {
  metric: Metric;
  group: TallyGroup;
  figure: Figure;
  sources: Source[];
  /** "Interior Ministry via state television". */
  sourceText: string;
  updateId: string;
  story: string;
  reportedAt: string;
  verification: Verification;
  /** Groups the source says the figure includes, without a number ("including security forces"). */
  includes: string[];
  /** Counted from individually reported victims rather than a stated toll. */
  fromVictims: boolean;
}

export interface TallyRow {
  metric: Metric;
  group: TallyGroup;
  /** One claim per source, newest first. More than one claim = figures that differ by source: never summed. */
  claims: Claim[];
}

export interface StoryTally {
  story: string;
  rows: TallyRow[];
  /** Named detainees, e.g. "Karim Massimov (former intelligence chief) — high treason". */
  detainees: { name: string; charges: string[]; updateId: string; sourceText: string }[];
  /** "No new official information on the killed (Interior Ministry)", "many civilians feared killed". */
  notes: { text: string; updateId: string; sourceText: string }[];
}

function claim(u: Update, metric: Metric, group: TallyGroup, figure: Figure, includes: string[] = [], fromVictims = false): Claim {
  return {
    metric,
    group,
    figure,
    sources: u.sources,
    sourceText: formatSources(u.sources),
    updateId: u.id,
    story: u.story,
    reportedAt: u.reportedAt,
    verification: u.verification,
    includes,
    fromVictims,
  };
}

/** Every figure an update states about arrests, killed or injured. */
export function claimsOf(u: Update): Claim[] {
  if (u.kind === 'arrests') {
    const c = u.payload.count;
    if (!c) return [];
    return [claim(u, 'arrests', u.payload.tally === 'new' ? 'new' : 'total', c)];
  }
  if (u.kind !== 'casualties' || u.payload.status !== 'figures') return [];
  const p = u.payload;
  const out: Claim[] = [];
  for (const metric of ['killed', 'injured'] as const) {
    const toll = p[metric];
    if (!toll) continue;
    const unnumbered = (toll.groups ?? []).filter((g) => !g.figure).map((g) => g.group);
    if (toll.total) out.push(claim(u, metric, 'total', toll.total, unnumbered));
    for (const g of toll.groups ?? []) if (g.figure) out.push(claim(u, metric, g.group, g.figure));
  }
  // Individually reported victims ("an 11-year-old boy killed") count as "at
  // least N" in their group: a lower bound, not a toll.
  const victimCounts = new Map<string, { metric: Metric; group: TallyGroup; n: number }>();
  for (const v of p.victims ?? []) {
    const key = `${v.outcome}/${v.group}`;
    const cur = victimCounts.get(key) ?? { metric: v.outcome, group: v.group, n: 0 };
    cur.n += 1;
    victimCounts.set(key, cur);
  }
  for (const { metric, group, n } of victimCounts.values()) {
    out.push(claim(u, metric, group, { value: n, qualifier: 'at-least' }, [], true));
  }
  return out;
}

const GROUP_ORDER: readonly string[] = ['total', 'new', ...CASUALTY_GROUPS];

function sourceKey(c: Claim): string {
  // Individual victims from a source do not supersede that source's toll.
  return `${c.sourceText.toLowerCase()}${c.fromVictims ? '#victims' : ''}`;
}

function newer(a: Claim, b: Claim): boolean {
  return Date.parse(a.reportedAt) >= Date.parse(b.reportedAt);
}

/**
 * Tallies per story from the effective updates (in arrival order: on equal
 * report times the later arrival wins).
 */
export function computeTallies(updates: readonly Update[]): StoryTally[] {
  const stories = new Map<string, StoryTally>();
  const latest = new Map<string, Claim>(); // story|metric|group|source -> claim
  const get = (story: string): StoryTally => {
    let t = stories.get(story);
    if (!t) stories.set(story, (t = { story, rows: [], detainees: [], notes: [] }));
    return t;
  };

  for (const u of updates) {
    for (const c of claimsOf(u)) {
      get(u.story);
      const key = `${c.story}|${c.metric}|${c.group}|${sourceKey(c)}`;
      const prev = latest.get(key);
      // 'new' arrests are separate events, not revisions of one count: keep each.
      if (c.group === 'new') latest.set(`${key}|${c.updateId}`, c);
      else if (!prev || newer(c, prev)) latest.set(key, c);
    }
    if (u.kind === 'arrests') {
      for (const d of u.payload.detainees ?? []) {
        const name = [d.person.name, d.person.title ? `(${d.person.title})` : ''].filter(Boolean).join(' ');
        get(u.story).detainees.push({ name, charges: d.charges ?? [], updateId: u.id, sourceText: formatSources(u.sources) });
      }
    }
    if (u.kind === 'casualties' && u.payload.status !== 'figures') {
      const p = u.payload;
      const text =
        p.status === 'no-new-information'
          ? `No new official information on the ${p.about.replace(/-/g, ' ')}`
          : `${capitalise(p.magnitude)} ${p.groups.join(', ')} feared ${p.outcome}`;
      get(u.story).notes.push({ text, updateId: u.id, sourceText: formatSources(u.sources) });
    }
  }

  const rows = new Map<string, TallyRow>();
  for (const c of latest.values()) {
    const rowKey = `${c.story}|${c.metric}|${c.group}`;
    let row = rows.get(rowKey);
    if (!row) {
      rows.set(rowKey, (row = { metric: c.metric, group: c.group, claims: [] }));
      get(c.story).rows.push(row);
    }
    row.claims.push(c);
  }
  for (const t of stories.values()) {
    for (const r of t.rows) r.claims.sort((a, b) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt));
    t.rows.sort(
      (a, b) => METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric) || GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group),
    );
  }
  return [...stories.values()].sort((a, b) => a.story.localeCompare(b.story));
}

/** Does a row hold figures that disagree (different values or bounds from different sources)? */
export function isConflicting(row: TallyRow): boolean {
  const distinct = new Set(row.claims.map((c) => `${c.figure.qualifier}:${c.figure.value}`));
  return row.claims.length > 1 && distinct.size > 1;
}

export function rowLabel(row: Pick<TallyRow, 'metric' | 'group'>): string {
  const metric = row.metric === 'arrests' ? 'Arrested' : row.metric === 'killed' ? 'Killed' : 'Injured';
  if (row.group === 'total') return metric;
  if (row.group === 'new') return `${metric} (new reports, not added up)`;
  return `${metric}: ${row.group.replace(/-/g, ' ')}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
