/**
 * Validates the items of a request in slices of a few milliseconds, giving
 * the event loop back between slices (setImmediate), so one large request
 * cannot stall /healthz or other requests. Every item is validated (the
 * counts are exact), but the answer lists only the first MAX_ITEMS_SHOWN
 * invalid items with at most MAX_ISSUES_PER_ITEM issues each, every path and
 * message cut to MAX_TEXT characters: the error answer is bounded whatever
 * the request.
 */
import { parseAnyUpdate, type Update } from '@newswire/schema/v2';
import { clip, type RawItem } from './body.ts';

export const MAX_ITEMS_SHOWN = 20;
export const MAX_ISSUES_PER_ITEM = 5;
export const MAX_TEXT = 200;
/** Longest stretch of validation between two turns of the event loop. */
const SLICE_MS = 4;

export interface ItemIssue {
  index: number;
  line?: number;
  path: string;
  message: string;
}

/** The body of a 400 answer. */
export interface InvalidReport {
  error: string;
  errors: ItemIssue[];
  invalidItems: number;
  issues: number;
  notShown: { items: number; issues: number };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function issuesOf(item: RawItem): { update?: Update; issues: { path: string; message: string }[] } {
  if (item.text === undefined) return { issues: [{ path: '(root)', message: item.refused ?? 'unreadable' }] };
  let value: unknown;
  try {
    value = JSON.parse(item.text);
  } catch (err) {
    return { issues: [{ path: '(root)', message: `not valid JSON (${(err as Error).message})` }] };
  }
  // v2 is what is published; a v1 item (`schema: 1`) is validated as v1 and upcast to v2.
  const r = parseAnyUpdate(value);
  return r.ok ? { update: r.update, issues: [] } : { issues: r.errors };
}

/** The valid updates in request order, or the bounded report of what is wrong. */
export async function validateItems(items: RawItem[]): Promise<{ updates: Update[] } | { invalid: InvalidReport }> {
  const updates: Update[] = [];
  const shown: ItemIssue[] = [];
  let invalidItems = 0;
  let issues = 0;
  let shownIssues = 0;
  let sliceStart = performance.now();
  for (const item of items) {
    const r = issuesOf(item);
    if (r.update) updates.push(r.update);
    else {
      invalidItems++;
      issues += r.issues.length;
      if (invalidItems <= MAX_ITEMS_SHOWN) {
        for (const e of r.issues.slice(0, MAX_ISSUES_PER_ITEM)) {
          shown.push({ index: item.index, ...(item.line !== undefined ? { line: item.line } : {}), path: clip(e.path, MAX_TEXT), message: clip(e.message, MAX_TEXT) });
          shownIssues++;
        }
      }
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  if (invalidItems === 0) return { updates };
  return {
    invalid: {
      error: `${invalidItems} invalid update(s); nothing was published`,
      errors: shown,
      invalidItems,
      issues,
      notShown: { items: Math.max(0, invalidItems - MAX_ITEMS_SHOWN), issues: issues - shownIssues },
    },
  };
}
