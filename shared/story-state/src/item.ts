/**
 * An item is what the state keeps of one update to derive its views from: the
 * envelope fields the views show and the structured part of the payload that
 * matters to them (figures, a measure, a government change). The whole update
 * is kept only in the bounded `recent` list.
 */
import { figuresOf, type Actor, type Figure, type Instant, type Kind, type Place, type Relation, type Source, type Update, type When } from '@newswire/schema/v2';
import type { RecordAt } from './position.ts';

export const CATEGORIES = ['figures', 'measures', 'government', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ItemFigure {
  /** What is counted: killed, injured, arrested, displaced... */
  metric: string;
  /** For a breakdown entry: the group counted. Absent: the total. */
  who?: Actor;
  figure: Figure;
}

export interface Item {
  at: RecordAt;
  id: string;
  kind: Kind;
  category: Category;
  headline: string;
  reported: Instant;
  occurred?: When;
  place: Place;
  sources: Source[];
  verification: string;
  urgency: string;
  revises?: string;
  retracts?: string;
  relations?: Relation[];
  /** figures only. */
  figures?: ItemFigure[];
  /** measures and government: the payload as published. */
  payload?: unknown;
}

export function categoryOf(u: Update): Category {
  if (figuresOf(u).length > 0) return 'figures';
  if (u.kind === 'security-measure' || u.kind === 'connectivity') return 'measures';
  if (u.kind === 'government-change') return 'government';
  return 'other';
}

export function itemOf(u: Update, at: RecordAt): Item {
  const category = categoryOf(u);
  const item: Item = {
    at,
    id: u.id,
    kind: u.kind,
    category,
    headline: u.headline,
    reported: u.reported,
    place: u.place,
    sources: u.sources,
    verification: u.verification,
    urgency: u.urgency,
  };
  if (u.occurred !== undefined) item.occurred = u.occurred;
  if (u.revises !== undefined) item.revises = u.revises;
  if (u.retracts !== undefined) item.retracts = u.retracts;
  if (u.relations !== undefined) item.relations = u.relations;
  if (category === 'figures') item.figures = figuresOf(u).map((f) => (f.who ? { metric: f.metric, who: f.who, figure: f.figure } : { metric: f.metric, figure: f.figure }));
  if (category === 'measures' || category === 'government') item.payload = u.payload;
  return item;
}
