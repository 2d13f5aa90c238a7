/**
 * The dashboard's filters. They apply in the browser to what is already
 * received, so changing one is instant and loses nothing; the subscription
 * itself stays "everything" (or one story while replaying).
 */
import type { Kind, Update, Verification } from '@newswire/schema';

export interface Filters {
  kind?: Kind | undefined;
  story?: string | undefined;
  verification?: Verification | undefined;
}

/** Feed rows: every filter applies. */
export function matches(u: Update, f: Filters): boolean {
  if (f.kind && u.kind !== f.kind) return false;
  if (f.story && u.story !== f.story) return false;
  if (f.verification && u.verification !== f.verification) return false;
  return true;
}

/**
 * Tallies and the timeline are about arrests, casualties and government
 * changes whatever kind the feed shows, so only story and verification
 * narrow them.
 */
export function matchesForSummary(u: Update, f: Filters): boolean {
  return matches(u, { story: f.story, verification: f.verification });
}
