/**
 * The timeline of government changes: who was dismissed, removed, replaced or
 * took over, in the order it happened (occurredAt, else reportedAt).
 */
import type { Update, UpdateOf } from '@newswire/schema';
import { describeGovernmentChange, formatSources } from './format.ts';

export interface TimelineItem {
  updateId: string;
  story: string;
  /** ISO time the change happened (or was reported, when the time is unknown). */
  at: string;
  /** True when `at` is the report time because occurredAt is unknown. */
  atIsReported: boolean;
  text: string;
  sourceText: string;
  verification: Update['verification'];
  /** The update shown is a correction of an earlier one. */
  revised: boolean;
}

export function governmentTimeline(updates: readonly Update[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const u of updates) {
    if (u.kind !== 'government-change') continue;
    const g = u as UpdateOf<'government-change'>;
    items.push({
      updateId: g.id,
      story: g.story,
      at: g.occurredAt ?? g.reportedAt,
      atIsReported: g.occurredAt === undefined,
      text: describeGovernmentChange(g.payload),
      sourceText: formatSources(g.sources),
      verification: g.verification,
      revised: g.revises !== undefined,
    });
  }
  // Stable sort: equal times keep arrival order.
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
