/**
 * The shapes of a story's view: what viewOf (../view.ts, where the rules are)
 * gives, part by part.
 */
import type { Actor, FactStatus, FigureScope, Instant, InstantPrecision, Kind, Period, Place, Quantity, When } from '@newswire/schema/v2';
import type { RecordAt } from '../position.ts';
import type { StoryStateData } from '../story.ts';

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
