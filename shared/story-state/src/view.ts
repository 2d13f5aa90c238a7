/**
 * What a story's state says, derived from its items on demand: the same
 * items give the same view, in the same order, on every gateway.
 *
 * Rules (docs/story-state.md):
 *  - only live facts count: a superseded update stands for its correction,
 *    a retracted one for nothing (deriveStates from the schema);
 *  - tolls are never added up: per metric, place and group, the latest toll
 *    of each source is shown with its as-of time;
 *  - incident figures are listed per incident; their sum is only "at least"
 *    the sum of what every source of an incident agrees on;
 *  - a conflict is two figures of the same metric, scope, group, place and
 *    time (for incidents: the same incident) from different sources whose
 *    firm bounds cannot both hold (quantitiesConflict);
 *  - the government timeline is ordered by when things happened, not when
 *    they were reported; an entry with no event time says so.
 * No number appears that no source gave, except the "at least" sum.
 */
import {
  deriveStates,
  formatPlace,
  formatQuantity,
  formatSource,
  instantPrecision,
  isInstant,
  quantitiesConflict,
  quantityBounds,
  quantityOf,
  sourceKey,
  sumLowerBounds,
  whenBounds,
  type Actor,
  type DerivedState,
  type FactStatus,
  type FigureScope,
  type Instant,
  type InstantPrecision,
  type Kind,
  type Period,
  type Place,
  type Quantity,
  type When,
} from '@newswire/schema/v2';
import { canonicalJson } from './canonical.ts';
import type { Item } from './item.ts';
import { compareAt, type RecordAt } from './position.ts';
import type { StoryStateData } from './story.ts';

// ---------------------------------------------------------------- shapes

export interface FigurePoint {
  id: string;
  at: RecordAt;
  kind: Kind;
  metric: string;
  scope: FigureScope;
  /** The group counted, for a breakdown entry; absent for a total. */
  who?: Actor;
  quantity: Quantity;
  /** The quantity in words, as said: "more than 4,400", "dozens". */
  text: string;
  place: Place;
  placeText: string;
  /** Every source of the update, formatted ("Interior Ministry via state television"). */
  source: string;
  sourceKey: string;
  /** A toll: as of when (asOf, else the report). An incident: when it happened (occurred, else the report). */
  time: When;
  timeBasis: 'asOf' | 'occurred' | 'reported';
  reported: Instant;
  status: FactStatus;
}

/** Every live figure of one kind, metric, scope, group, place and source, in time order. */
export interface FigureSeries {
  kind: Kind;
  metric: string;
  scope: FigureScope;
  who?: Actor;
  placeText: string;
  source: string;
  points: FigurePoint[];
}

/** Running tolls of one metric, place and group: the latest of each source. Never added up. */
export interface TollBoard {
  metric: string;
  who?: Actor;
  place: Place;
  placeText: string;
  /** Latest toll per source (by as-of time, then position), sorted by source. */
  latest: FigurePoint[];
}

export interface IncidentFigures {
  /** The incident's first report (part-of-incident links followed), or the update itself. */
  incident: string;
  /** The latest total of each source for this incident, sorted by source. */
  totals: FigurePoint[];
  /** Breakdown entries (parts of a total), latest per source and group. */
  breakdown: FigurePoint[];
  /** The total every source agrees on at least (the lowest firm lower bound), or null when none fixes one. */
  agreed: FigurePoint | null;
}

export interface IncidentBoard {
  metric: string;
  incidents: IncidentFigures[];
  /**
   * The incidents added up, as far as the figures say: atLeast sums the agreed
   * lower bounds; exact only when every part was one exact number and nothing
   * was dropped; unbounded counts incidents whose figures fix no lower bound
   * ("dozens", "about 30", a breakdown without a total), left out of atLeast.
   */
  sum: { atLeast: number; exact: boolean; unbounded: number };
}

export interface FigureConflict {
  metric: string;
  scope: FigureScope;
  who?: Actor;
  placeText: string;
  /** Tolls: the as-of time they share. */
  time?: When;
  /** Incidents: the incident they share. */
  incident?: string;
  figures: FigurePoint[];
}

export interface MeasureEvent {
  id: string;
  at: RecordAt;
  headline: string;
  reported: Instant;
  occurred?: When;
  status: string;
  period?: Period;
}

export interface MeasureView {
  id: string;
  at: RecordAt;
  kind: Kind;
  /** curfew, state-of-emergency, ... or connectivity:<service>. */
  measure: string;
  state: 'in-force' | 'announced' | 'lifted';
  /** The payload status as published (declared, ordered...) or the connectivity state. */
  status: string;
  headline: string;
  place: Place;
  placeText: string;
  source: string;
  reported: Instant;
  occurred?: When;
  /** The period declared. */
  period?: Period;
  /** The period now in force: the latest extension's, else the declared one. */
  currentPeriod?: Period;
  extensions: MeasureEvent[];
  amendments: MeasureEvent[];
  lift?: MeasureEvent;
  /** A lift or extension whose declaration the state does not hold: the id it points at. */
  target?: string;
  payload: unknown;
}

export interface TimelineEntry {
  id: string;
  at: RecordAt;
  headline: string;
  action: string;
  body: string;
  office?: string;
  person?: Actor;
  by?: Actor;
  successor?: Actor;
  wholeBody?: boolean;
  except?: unknown[];
  /** When it happened (occurred), or when it was reported when no source said. */
  when: When;
  basis: 'occurred' | 'reported';
  precision: InstantPrecision | 'period';
  reported: Instant;
  placeText: string;
  source: string;
  /** Set when this entry is a correction: the id of the update first reported. */
  corrects?: string;
}

export interface CorrectionStep {
  id: string;
  at: RecordAt;
  kind: Kind;
  headline: string;
  reported: Instant;
  link: 'original' | 'revises' | 'retracts';
  target?: string;
  status: FactStatus;
}

export interface CorrectionChain {
  /** The update first reported (it may be older than the state keeps: then originalKnown is false). */
  original: string;
  originalKnown: boolean;
  state: 'corrected' | 'retracted';
  /** The version that stands now; null when retracted. */
  current: string | null;
  history: CorrectionStep[];
}

export interface StoryView {
  story: string;
  records: number;
  kinds: StoryStateData['kinds'];
  partialHistory: boolean;
  dropped: StoryStateData['dropped'];
  figures: {
    series: FigureSeries[];
    tolls: TollBoard[];
    incidents: IncidentBoard[];
    conflicts: FigureConflict[];
  };
  measures: MeasureView[];
  government: TimelineEntry[];
  corrections: CorrectionChain[];
}

// ---------------------------------------------------------------- helpers

const LIVE: readonly FactStatus[] = ['current', 'lifted'];
const isLive = (s: DerivedState | undefined) => s !== undefined && LIVE.includes(s.status);
/** A fact that stands: live, and not itself a retraction (whose payload only repeats what it withdraws). */
const stands = (item: Item, s: DerivedState | undefined) => item.retracts === undefined && isLive(s);

function placeKey(p: Place): string {
  const { coordinates: _ignored, ...rest } = p;
  return canonicalJson(rest);
}

function sourcesKey(item: Item): string {
  return item.sources.map(sourceKey).sort().join('|');
}

function sourcesText(item: Item): string {
  return item.sources.map(formatSource).join('; ');
}

function byKey<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Map entries in key order: output never depends on insertion order. */
function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * whenBounds of a When, remembered: a zoned time's bounds cost several Intl
 * lookups, and the view's sorts compare the same Whens again and again (a
 * story at the item bounds spent most of its viewOf there). Per object (items
 * are not changed once folded), then per value, since many updates give the
 * same date; the value cache is bounded.
 */
type Bounds = ReturnType<typeof whenBounds>;
const boundsByObject = new WeakMap<When, Bounds>();
const boundsByValue = new Map<string, Bounds>();
const MAX_BOUNDS_BY_VALUE = 20_000;
function boundsOf(w: When): Bounds {
  let b = boundsByObject.get(w);
  if (b) return b;
  const key = JSON.stringify(w);
  b = boundsByValue.get(key);
  if (!b) {
    b = whenBounds(w);
    if (boundsByValue.size >= MAX_BOUNDS_BY_VALUE) boundsByValue.clear();
    boundsByValue.set(key, b);
  }
  boundsByObject.set(w, b);
  return b;
}

/** Orders Whens by what they can mean: earliest possible moment, then latest. */
function compareWhen(a: When, b: When): number {
  const x = boundsOf(a);
  const y = boundsOf(b);
  if (x.earliest !== y.earliest) return x.earliest < y.earliest ? -1 : 1;
  if (x.latest !== y.latest) return x.latest < y.latest ? -1 : 1;
  return 0;
}

function pointsOf(item: Item, status: FactStatus): FigurePoint[] {
  const placeOf = (p: Place | undefined) => p ?? item.place;
  return (item.figures ?? []).map((f) => {
    const place = placeOf(f.figure.place);
    const toll = f.figure.scope === 'toll';
    const time: When = toll ? (f.figure.asOf ?? item.reported) : (item.occurred ?? item.reported);
    const timeBasis = toll ? (f.figure.asOf ? 'asOf' : 'reported') : item.occurred ? 'occurred' : 'reported';
    const quantity = quantityOf(f.figure);
    const p: FigurePoint = {
      id: item.id,
      at: item.at,
      kind: item.kind,
      metric: f.metric,
      scope: f.figure.scope,
      quantity,
      text: formatQuantity(quantity),
      place,
      placeText: formatPlace(place),
      source: sourcesText(item),
      sourceKey: sourcesKey(item),
      time,
      timeBasis,
      reported: item.reported,
      status,
    };
    if (f.who) p.who = f.who;
    return p;
  });
}

/** Later wins: by time (as-of / event), then position. */
function newer(a: FigurePoint, b: FigurePoint): FigurePoint {
  const c = compareWhen(a.time, b.time);
  if (c !== 0) return c > 0 ? a : b;
  return compareAt(a.at, b.at) >= 0 ? a : b;
}

function latestPerSource(points: readonly FigurePoint[], extraKey: (p: FigurePoint) => string = () => ''): FigurePoint[] {
  const best = new Map<string, FigurePoint>();
  for (const p of points) {
    const k = `${p.sourceKey}\u0000${extraKey(p)}`;
    const cur = best.get(k);
    best.set(k, cur ? newer(p, cur) : p);
  }
  return sortedEntries(best).map(([, p]) => p);
}

/** Points taking part in at least one conflicting pair from different sources. */
function conflicting(points: readonly FigurePoint[]): FigurePoint[] {
  const hit = new Set<FigurePoint>();
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (a.sourceKey !== b.sourceKey && quantitiesConflict(a.quantity, b.quantity)) {
        hit.add(a);
        hit.add(b);
      }
    }
  return points.filter((p) => hit.has(p));
}

// ---------------------------------------------------------------- figures

function figureViews(items: readonly Item[], states: Map<string, DerivedState>, dropped: number): StoryView['figures'] {
  const points: FigurePoint[] = [];
  for (const item of items) {
    const s = states.get(item.id);
    if (item.category === 'figures' && stands(item, s)) points.push(...pointsOf(item, s!.status));
  }
  const whoKey = (p: FigurePoint) => (p.who ? canonicalJson(p.who) : '');

  // Series: every live point, grouped, in time order.
  const seriesMap = new Map<string, FigurePoint[]>();
  for (const p of points) byKey(seriesMap, canonicalJson([p.kind, p.metric, p.scope, whoKey(p), placeKey(p.place), p.sourceKey]), p);
  const series: FigureSeries[] = sortedEntries(seriesMap).map(([, ps]) => {
    const sorted = [...ps].sort((a, b) => compareWhen(a.time, b.time) || compareAt(a.at, b.at));
    const first = sorted[0]!;
    const s: FigureSeries = { kind: first.kind, metric: first.metric, scope: first.scope, placeText: first.placeText, source: first.source, points: sorted };
    if (first.who) s.who = first.who;
    return s;
  });

  // Tolls: latest per source, per metric, place and group; conflicts at the same as-of time.
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

  // Incidents: per metric, per incident (part-of-incident followed); never merged.
  const incidentMap = new Map<string, Map<string, FigurePoint[]>>();
  for (const p of points) {
    if (p.scope !== 'incident') continue;
    const incident = states.get(p.id)?.incident ?? p.id;
    let m = incidentMap.get(p.metric);
    if (!m) incidentMap.set(p.metric, (m = new Map()));
    byKey(m, incident, p);
  }
  const incidents: IncidentBoard[] = [];
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
  return { series, tolls, incidents, conflicts };
}

function groupBy<T>(values: readonly T[], key: (v: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const v of values) byKey(m, key(v), v);
  return m;
}

// ---------------------------------------------------------------- measures

const ENDED = new Set(['lifted', 'ended', 'restored']);
const NOT_YET = new Set(['proposed', 'announced']);
const FOLLOW_ON = new Set(['lifts', 'extends', 'amends']);

function measurePayload(item: Item): { measure: string; status: string; period?: Period } {
  const p = item.payload as { measure?: string; status?: string; service?: string; state?: string; period?: Period };
  if (item.kind === 'connectivity') return { measure: `connectivity:${p.service}`, status: p.state ?? 'unknown', ...(p.period && { period: p.period }) };
  return { measure: p.measure ?? 'unknown', status: p.status ?? 'unknown', ...(p.period && { period: p.period }) };
}

function measureEvent(item: Item): MeasureEvent {
  const m = measurePayload(item);
  const e: MeasureEvent = { id: item.id, at: item.at, headline: item.headline, reported: item.reported, status: m.status };
  if (item.occurred) e.occurred = item.occurred;
  if (m.period) e.period = m.period;
  return e;
}

function measureViews(items: readonly Item[], byId: Map<string, Item>, states: Map<string, DerivedState>): MeasureView[] {
  const out: MeasureView[] = [];
  const events = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((i): i is Item => i !== undefined && stands(i, states.get(i.id))).sort((a, b) => compareAt(a.at, b.at)).map(measureEvent);
  for (const item of items) {
    const s = states.get(item.id);
    if (item.category !== 'measures' || !stands(item, s)) continue;
    const link = item.relations?.find((r) => FOLLOW_ON.has(r.type));
    // A lift or extension is shown with its declaration, unless the state does not hold that.
    if (link && isLive(states.get(resolveCorrection(link.to, states)))) continue;
    const m = measurePayload(item);
    const extensions = events(s!.extendedBy);
    const amendments = events(s!.amendedBy);
    const lifter = s!.liftedBy !== undefined ? byId.get(s!.liftedBy) : undefined;
    const state: MeasureView['state'] = s!.status === 'lifted' || ENDED.has(m.status) ? 'lifted' : NOT_YET.has(m.status) ? 'announced' : 'in-force';
    const view: MeasureView = {
      id: item.id,
      at: item.at,
      kind: item.kind,
      measure: m.measure,
      state,
      status: m.status,
      headline: item.headline,
      place: item.place,
      placeText: formatPlace(item.place),
      source: sourcesText(item),
      reported: item.reported,
      extensions,
      amendments,
      payload: item.payload,
    };
    if (item.occurred) view.occurred = item.occurred;
    if (m.period) view.period = m.period;
    const current = [...extensions].reverse().find((e) => e.period)?.period ?? m.period;
    if (current) view.currentPeriod = current;
    if (lifter) view.lift = measureEvent(lifter);
    if (link) view.target = link.to;
    out.push(view);
  }
  return out.sort((a, b) => compareWhen(a.occurred ?? a.reported, b.occurred ?? b.reported) || compareAt(a.at, b.at));
}

/** The version that stands for `id`: its newest correction, following supersededBy. */
function resolveCorrection(id: string, states: Map<string, DerivedState>): string {
  let cur = id;
  for (let i = 0; i < 64; i++) {
    const next = states.get(cur)?.supersededBy;
    if (next === undefined) return cur;
    cur = next;
  }
  return cur;
}

// ---------------------------------------------------------------- government timeline

function precisionOf(w: When): InstantPrecision | 'period' {
  return isInstant(w) ? instantPrecision(w) : 'period';
}

function timeline(items: readonly Item[], states: Map<string, DerivedState>, rootOf: (id: string) => string): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const item of items) {
    if (item.category !== 'government' || !stands(item, states.get(item.id))) continue;
    const p = item.payload as { action: string; body: string; office?: string; person?: Actor; by?: Actor; successor?: Actor; wholeBody?: boolean; except?: unknown[] };
    const when = item.occurred ?? item.reported;
    const e: TimelineEntry = {
      id: item.id,
      at: item.at,
      headline: item.headline,
      action: p.action,
      body: p.body,
      when,
      basis: item.occurred ? 'occurred' : 'reported',
      precision: precisionOf(when),
      reported: item.reported,
      placeText: formatPlace(item.place),
      source: sourcesText(item),
    };
    if (p.office !== undefined) e.office = p.office;
    if (p.person) e.person = p.person;
    if (p.by) e.by = p.by;
    if (p.successor) e.successor = p.successor;
    if (p.wholeBody !== undefined) e.wholeBody = p.wholeBody;
    if (p.except) e.except = p.except;
    if (item.revises !== undefined) e.corrects = rootOf(item.id);
    out.push(e);
  }
  return out.sort((a, b) => compareWhen(a.when, b.when) || compareAt(a.at, b.at));
}

// ---------------------------------------------------------------- corrections

function corrections(items: readonly Item[], byId: Map<string, Item>, states: Map<string, DerivedState>, rootOf: (id: string) => string): CorrectionChain[] {
  const chains = new Map<string, Item[]>();
  for (const item of items) {
    const target = item.revises ?? item.retracts;
    if (target === undefined) continue;
    byKey(chains, rootOf(item.id), item);
  }
  const out: CorrectionChain[] = [];
  for (const [root, members] of sortedEntries(chains)) {
    const original = byId.get(root);
    const all = (original ? [original, ...members] : members).sort((a, b) => compareAt(a.at, b.at));
    const history: CorrectionStep[] = all.map((i) => {
      const step: CorrectionStep = {
        id: i.id,
        at: i.at,
        kind: i.kind,
        headline: i.headline,
        reported: i.reported,
        link: i.revises !== undefined ? 'revises' : i.retracts !== undefined ? 'retracts' : 'original',
        status: states.get(i.id)?.status ?? 'current',
      };
      const target = i.revises ?? i.retracts;
      if (target !== undefined) step.target = target;
      return step;
    });
    // The version standing now: the newest live member that is not a retraction.
    const standing = [...all].reverse().find((i) => i.retracts === undefined && isLive(states.get(i.id)));
    out.push({ original: root, originalKnown: original !== undefined, state: standing ? 'corrected' : 'retracted', current: standing?.id ?? null, history });
  }
  return out;
}

// ---------------------------------------------------------------- the view

export function viewOf(data: StoryStateData): StoryView {
  const items = data.items;
  const byId = new Map(items.map((i) => [i.id, i]));
  const states = deriveStates(items);
  const rootOf = (id: string): string => {
    let cur = id;
    for (let i = 0; i < 64; i++) {
      const item = byId.get(cur);
      const target = item?.revises ?? item?.retracts;
      if (target === undefined) return cur;
      cur = target;
    }
    return cur;
  };
  return {
    story: data.story,
    records: data.records,
    kinds: data.kinds,
    partialHistory: data.partialHistory,
    dropped: data.dropped,
    figures: figureViews(items, states, data.dropped.figures),
    measures: measureViews(items, byId, states),
    government: timeline(items, states, rootOf),
    corrections: corrections(items, byId, states, rootOf),
  };
}
