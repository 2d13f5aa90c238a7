/**
 * The figure boards: series of every live figure; running tolls, never added
 * up (the latest of each source); incidents listed apart with an "at least"
 * sum; and conflicts, only between figures of the same metric, scope, group,
 * place and time (tolls) or incident.
 */
import { quantityBounds, sumLowerBounds, type DerivedState, type Quantity } from '@newswire/schema/v2';
import { canonicalJson } from '../canonical.ts';
import type { Item } from '../item.ts';
import { compareAt } from '../position.ts';
import { byKey, compareWhen, sortedEntries, stands } from './common.ts';
import { conflicting, groupBy, latestPerSource, placeKey, pointsOf, whoKey } from './figure-points.ts';
import type { FigureConflict, FigurePoint, FigureSeries, IncidentBoard, IncidentFigures, StoryView, TollBoard } from './types.ts';

export function figureViews(items: readonly Item[], states: Map<string, DerivedState>, dropped: number): StoryView['figures'] {
  const points: FigurePoint[] = [];
  for (const item of items) {
    const s = states.get(item.id);
    if (item.category === 'figures' && stands(item, s)) points.push(...pointsOf(item, s!.status));
  }
  const tolls = tollBoards(points);
  const incidents = incidentBoards(points, states, dropped);
  // Toll conflicts first, then incident conflicts, each in key order.
  return { series: seriesOf(points), tolls: tolls.boards, incidents: incidents.boards, conflicts: tolls.conflicts.concat(incidents.conflicts) };
}

/** Series: every live point, grouped, in time order. */
function seriesOf(points: readonly FigurePoint[]): FigureSeries[] {
  const seriesMap = new Map<string, FigurePoint[]>();
  for (const p of points) byKey(seriesMap, canonicalJson([p.kind, p.metric, p.scope, whoKey(p), placeKey(p.place), p.sourceKey]), p);
  return sortedEntries(seriesMap).map(([, ps]) => {
    const sorted = [...ps].sort((a, b) => compareWhen(a.time, b.time) || compareAt(a.at, b.at));
    const first = sorted[0]!;
    const s: FigureSeries = { kind: first.kind, metric: first.metric, scope: first.scope, placeText: first.placeText, source: first.source, points: sorted };
    if (first.who) s.who = first.who;
    return s;
  });
}

/** Tolls: latest per source, per metric, place and group; conflicts at the same as-of time. */
function tollBoards(points: readonly FigurePoint[]): { boards: TollBoard[]; conflicts: FigureConflict[] } {
  const tollMap = new Map<string, FigurePoint[]>();
  for (const p of points) if (p.scope === 'toll') byKey(tollMap, canonicalJson([p.metric, placeKey(p.place), whoKey(p)]), p);
  const tolls: TollBoard[] = [];
  const conflicts: FigureConflict[] = [];
  for (const [, ps] of sortedEntries(tollMap)) {
    const first = ps[0]!;
    const board: TollBoard = { metric: first.metric, place: first.place, placeText: first.placeText, latest: latestPerSource(ps) };
    if (first.who) board.who = first.who;
    tolls.push(board);
    const atTime = new Map<string, FigurePoint[]>();
    for (const p of ps) byKey(atTime, canonicalJson(p.time), p);
    for (const [, same] of sortedEntries(atTime)) {
      const hit = conflicting(latestPerSource(same));
      if (hit.length === 0) continue;
      const c: FigureConflict = { metric: first.metric, scope: 'toll', placeText: first.placeText, time: same[0]!.time, figures: hit };
      if (first.who) c.who = first.who;
      conflicts.push(c);
    }
  }
  return { boards: tolls, conflicts };
}

/** Incidents: per metric, per incident (part-of-incident followed); never merged. */
function incidentBoards(points: readonly FigurePoint[], states: Map<string, DerivedState>, dropped: number): { boards: IncidentBoard[]; conflicts: FigureConflict[] } {
  const incidentMap = new Map<string, Map<string, FigurePoint[]>>();
  for (const p of points) {
    if (p.scope !== 'incident') continue;
    const incident = states.get(p.id)?.incident ?? p.id;
    let m = incidentMap.get(p.metric);
    if (!m) incidentMap.set(p.metric, (m = new Map()));
    byKey(m, incident, p);
  }
  const incidents: IncidentBoard[] = [];
  const conflicts: FigureConflict[] = [];
  for (const [metric, m] of sortedEntries(incidentMap)) {
    const list: IncidentFigures[] = [];
    const agreed: (Quantity | null)[] = [];
    let allExact = dropped === 0;
    for (const [incident, ps] of sortedEntries(m)) {
      const totals = latestPerSource(ps.filter((p) => !p.who));
      const breakdown = latestPerSource(ps.filter((p) => p.who), whoKey);
      // What every source agrees on: the lowest firm lower bound; none if any source fixes none.
      let pick: FigurePoint | null = null;
      for (const t of totals) {
        const min = quantityBounds(t.quantity).min;
        if (min === undefined) {
          pick = null;
          break;
        }
        if (!pick || min < quantityBounds(pick.quantity).min!) pick = t;
      }
      if (totals.length === 0) pick = null;
      const exactHere = pick !== null && totals.every((t) => { const b = quantityBounds(t.quantity); return b.min !== undefined && b.min === b.max && b.min === quantityBounds(pick!.quantity).min; });
      if (!exactHere) allExact = false;
      agreed.push(pick ? pick.quantity : null);
      list.push({ incident, totals, breakdown, agreed: pick });
      for (const [, same] of sortedEntries(groupBy(totals.concat(breakdown), whoKey))) {
        const hit = conflicting(same);
        if (hit.length === 0) continue;
        const c: FigureConflict = { metric, scope: 'incident', placeText: hit[0]!.placeText, incident, figures: hit };
        if (hit[0]!.who) c.who = hit[0]!.who;
        conflicts.push(c);
      }
    }
    const known = agreed.filter((q): q is Quantity => q !== null);
    const s = sumLowerBounds(known);
    incidents.push({ metric, incidents: list, sum: { atLeast: s.atLeast, exact: allExact && s.exact, unbounded: s.unbounded + (agreed.length - known.length) } });
  }
  return { boards: incidents, conflicts };
}
