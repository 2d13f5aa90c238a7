/**
 * How updates point at each other. Two different things, kept apart:
 *
 * - **Corrections** (`revises`, `retracts` on the envelope) are about the
 *   report: the earlier update was wrong, or is withdrawn. ninjs models these
 *   as new versions of one item and `pubstatus: canceled`.
 * - **Relations** (`relations: [{ type, to }]`) are about the world: a
 *   curfew is lifted or extended, a statement follows up on an event, a
 *   casualty report is part of an incident. The earlier update stays true.
 *
 * Using a correction for a lift (v1's only option) made the declaration look
 * like an error. From both kinds of link `deriveStates` works out, for every
 * update, whether it is current, superseded, retracted or lifted.
 */
import { z } from 'zod';
import { idSchema, list } from '../primitives.ts';

export const RELATION_TYPES = [
  /** Ends a measure declared by the target (curfew lifted, internet restored). */
  'lifts',
  /** Prolongs the target's measure or period. */
  'extends',
  /** Changes part of the target's measure (hours, area) without ending it. */
  'amends',
  /** Later news about the same matter (a reaction, a new detail, no new figure). */
  'follows-up',
  /** This fact belongs to the incident first reported by the target. */
  'part-of-incident',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const relationSchema = z.strictObject({ type: z.enum(RELATION_TYPES), to: idSchema });
export type Relation = z.infer<typeof relationSchema>;
export const relationsSchema = list(relationSchema, 20, 1);

/** The links an update carries; structural, so any update shape (or a test double) will do. */
export interface Linked {
  id: string;
  revises?: string | undefined;
  retracts?: string | undefined;
  relations?: readonly Relation[] | undefined;
}

/** Rules across the link fields of one update. */
export function checkLinks(u: Linked, ctx: z.RefinementCtx): void {
  if (u.revises !== undefined && u.retracts !== undefined)
    ctx.addIssue({ code: 'custom', path: ['retracts'], message: 'an update either revises or retracts, not both' });
  if (u.revises === u.id) ctx.addIssue({ code: 'custom', path: ['revises'], message: 'an update cannot revise itself' });
  if (u.retracts === u.id) ctx.addIssue({ code: 'custom', path: ['retracts'], message: 'an update cannot retract itself' });
  const seen = new Set<string>();
  // Runs even when fields are invalid (zod reports both): look only at well-formed relations.
  (Array.isArray(u.relations) ? u.relations : []).forEach((r, i) => {
    if (r === null || typeof r !== 'object') return;
    if (r.to === u.id) ctx.addIssue({ code: 'custom', path: ['relations', i, 'to'], message: 'an update cannot relate to itself' });
    const key = `${r.type}>${r.to}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['relations', i], message: 'repeats an earlier relation' });
    seen.add(key);
  });
  if (u.retracts !== undefined && u.relations !== undefined)
    ctx.addIssue({ code: 'custom', path: ['relations'], message: 'a retraction only withdraws; it carries no relations' });
}

export type FactStatus = 'current' | 'lifted' | 'superseded' | 'retracted';

export interface DerivedState {
  id: string;
  /**
   * current: stands as reported; lifted: stands, but the measure it reports
   * has been lifted; superseded: replaced by a correction; retracted: withdrawn.
   */
  status: FactStatus;
  /** The correction that replaced it (the newest one, if corrected more than once). */
  supersededBy?: string;
  retractedBy?: string;
  liftedBy?: string;
  extendedBy: string[];
  amendedBy: string[];
  followedUpBy: string[];
  /** The first report of the incident it is part of, following part-of-incident links. */
  incident?: string;
}

/**
 * The version that stands for `id`: its newest correction, following
 * supersededBy (bounded: a chain longer than 64 stops at its 64th link).
 */
export function currentVersionOf(id: string, states: ReadonlyMap<string, DerivedState>): string {
  let cur = id;
  for (let i = 0; i < 64; i++) {
    const next = states.get(cur)?.supersededBy;
    if (next === undefined) return cur;
    cur = next;
  }
  return cur;
}

/**
 * Folds the links of a set of updates (in arrival order) into a state per
 * update. Rules:
 *  - a retraction that is itself retracted withdraws nothing;
 *  - an update is superseded by any live (not retracted) update that revises it;
 *  - only current updates lift, extend, amend, follow up or group others, and
 *    a relation to a superseded update applies to the correction that
 *    replaced it (a lift of the declaration lifts the corrected declaration).
 */
export function deriveStates(updates: readonly Linked[]): Map<string, DerivedState> {
  const byId = new Map(updates.map((u) => [u.id, u]));
  const retractors = new Map<string, string[]>();
  for (const u of updates) if (u.retracts !== undefined) push(retractors, u.retracts, u.id);

  const retractedMemo = new Map<string, boolean>();
  const isRetracted = (id: string, depth = 0): boolean => {
    const known = retractedMemo.get(id);
    if (known !== undefined) return known;
    // A cycle of retractions cannot be resolved; treat the deep end as standing.
    const result = depth < 64 && (retractors.get(id) ?? []).some((r) => !isRetracted(r, depth + 1));
    retractedMemo.set(id, result);
    return result;
  };

  const states = new Map<string, DerivedState>();
  for (const u of updates) states.set(u.id, { id: u.id, status: 'current', extendedBy: [], amendedBy: [], followedUpBy: [] });

  for (const u of updates) {
    const s = states.get(u.id)!;
    if (isRetracted(u.id)) {
      s.status = 'retracted';
      s.retractedBy = (retractors.get(u.id) ?? []).find((r) => !isRetracted(r));
    }
  }
  for (const u of updates) {
    if (u.revises === undefined || isRetracted(u.id)) continue;
    const target = states.get(u.revises);
    if (!target || target.status === 'retracted') continue;
    target.status = 'superseded';
    target.supersededBy = u.id;
  }

  /** A superseded target stands for its newest correction. */
  const resolve = (id: string): string => currentVersionOf(id, states);

  for (const u of updates) {
    if (states.get(u.id)!.status !== 'current' && states.get(u.id)!.status !== 'lifted') continue;
    for (const r of u.relations ?? []) {
      const target = states.get(resolve(r.to));
      if (!target || target.status === 'retracted') continue;
      if (r.type === 'lifts') {
        target.liftedBy = u.id;
        if (target.status === 'current') target.status = 'lifted';
      } else if (r.type === 'extends') target.extendedBy.push(u.id);
      else if (r.type === 'amends') target.amendedBy.push(u.id);
      else if (r.type === 'follows-up') target.followedUpBy.push(u.id);
    }
  }

  const incidentOf = (id: string, depth = 0): string | undefined => {
    const u = byId.get(id);
    const link = u?.relations?.find((r) => r.type === 'part-of-incident');
    if (!link || depth > 64) return depth === 0 ? undefined : id;
    return incidentOf(resolve(link.to), depth + 1) ?? resolve(link.to);
  };
  for (const s of states.values()) {
    const incident = incidentOf(s.id);
    if (incident !== undefined) s.incident = incident;
  }
  return states;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
