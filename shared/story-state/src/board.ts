/**
 * The board: what a dashboard draws of a story at once, bounded whatever the
 * story's length. It is the view (view.ts) with every long list cut to its
 * newest entries and the count of what each list holds, and without the
 * figure series (every point of every figure, which a board does not draw).
 *
 * Nothing is recomputed here: the tolls, the incident sums, the conflicts and
 * every count come from the whole view, so a board never says a number the
 * view would not (docs/story-state.md). What it leaves out stays reachable:
 * the whole view is the snapshot with `view: 'full'`, and the updates
 * themselves are paged by offsets.
 */
import { compareAt, type RecordAt } from './position.ts';
import type { CorrectionChain, FigureConflict, IncidentBoard, MeasureView, StoryView, TimelineEntry, TollBoard } from './view.ts';

/** Entries a board keeps of each long list: as many as a dashboard draws before "show all". */
export const BOARD_LIST_LIMIT = 30;

/** How many entries each long list of the whole view holds: a client says "N more" from these. */
export interface ListCounts {
  /** Incidents per metric (the whole view's figures.incidents[].incidents). */
  incidents: Record<string, number>;
  /** Measures per state. */
  measures: Record<MeasureView['state'], number>;
  government: number;
  corrections: number;
  conflicts: number;
}

export interface StoryBoard {
  story: string;
  records: number;
  kinds: StoryView['kinds'];
  partialHistory: boolean;
  dropped: StoryView['dropped'];
  /** At most this many entries of each long list (per metric for incidents, per state for measures). */
  limit: number;
  /** What the whole view holds of each long list. */
  counts: ListCounts;
  figures: {
    /** Every toll board, whole (the latest toll of each source: already bounded by sources and places). */
    tolls: TollBoard[];
    /** Per metric: the newest incidents (by their latest figure's position), in the view's order; `sum` over every incident. */
    incidents: IncidentBoard[];
    /** The conflicts of the tolls and incidents kept. */
    conflicts: FigureConflict[];
  };
  /** The newest measures of each state, in the view's order (event time). */
  measures: MeasureView[];
  /** The newest government changes by event time. */
  government: TimelineEntry[];
  /** The newest corrections (by their latest step's position), in the view's order. */
  corrections: CorrectionChain[];
}

/** A board (lists cut) or a whole view: what a client may draw. */
export type DrawnView = StoryBoard | StoryView;

export function isBoard(v: DrawnView): v is StoryBoard {
  return 'counts' in v;
}

/** The counts of a whole view's long lists. */
export function countsOf(view: StoryView): ListCounts {
  const measures: ListCounts['measures'] = { 'in-force': 0, announced: 0, lifted: 0 };
  for (const m of view.measures) measures[m.state]++;
  const incidents: Record<string, number> = {};
  for (const b of view.figures.incidents) incidents[b.metric] = b.incidents.length;
  return { incidents, measures, government: view.government.length, corrections: view.corrections.length, conflicts: view.figures.conflicts.length };
}

/** The counts a drawn view says: a board's own, or a whole view's lengths. */
export function countsOfDrawn(v: DrawnView): ListCounts {
  return isBoard(v) ? v.counts : countsOf(v);
}

/** The last `limit` entries of `list` (already in the view's order). */
function last<T>(list: readonly T[], limit: number): T[] {
  return list.length <= limit ? [...list] : list.slice(list.length - limit);
}

/** The `limit` entries of `list` with the latest `at`, kept in the list's own order. */
function newestBy<T>(list: readonly T[], limit: number, at: (t: T) => RecordAt): T[] {
  if (list.length <= limit) return [...list];
  const keep = new Set(
    list
      .map((t, i) => ({ i, at: at(t) }))
      .sort((a, b) => compareAt(b.at, a.at) || b.i - a.i)
      .slice(0, limit)
      .map((x) => x.i),
  );
  return list.filter((_, i) => keep.has(i));
}

function latestAt(ats: readonly RecordAt[]): RecordAt {
  return ats.reduce((a, b) => (compareAt(a, b) >= 0 ? a : b));
}

export function boardOf(view: StoryView, limit = BOARD_LIST_LIMIT): StoryBoard {
  const incidents: IncidentBoard[] = view.figures.incidents.map((b) => ({
    metric: b.metric,
    incidents: newestBy(b.incidents, limit, (i) => latestAt([...i.totals, ...i.breakdown].map((p) => p.at))),
    sum: b.sum,
  }));
  const kept = new Set(incidents.flatMap((b) => b.incidents.map((i) => `${b.metric}\u0000${i.incident}`)));
  const conflicts = view.figures.conflicts.filter((c) => c.incident === undefined || kept.has(`${c.metric}\u0000${c.incident}`));
  const measures: MeasureView[] = [];
  const perState = new Map<MeasureView['state'], MeasureView[]>();
  for (const m of view.measures) {
    const list = perState.get(m.state);
    if (list) list.push(m);
    else perState.set(m.state, [m]);
  }
  const keptMeasures = new Set([...perState.values()].flatMap((list) => last(list, limit)));
  for (const m of view.measures) if (keptMeasures.has(m)) measures.push(m);
  return {
    story: view.story,
    records: view.records,
    kinds: view.kinds,
    partialHistory: view.partialHistory,
    dropped: view.dropped,
    limit,
    counts: countsOf(view),
    figures: { tolls: view.figures.tolls, incidents, conflicts },
    measures,
    government: last(view.government, limit),
    corrections: newestBy(view.corrections, limit, (c) => latestAt(c.history.map((s) => s.at))),
  };
}
