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
 *
 * Each part is derived in its own module under view/: figures (tolls,
 * incidents, conflicts), measures, the government timeline, corrections;
 * their shapes are in view/types.ts.
 */
import { deriveStates } from '@newswire/schema/v2';
import type { StoryStateData } from './story.ts';
import { corrections, rootFinder } from './view/corrections.ts';
import { figureViews } from './view/figures.ts';
import { measureViews } from './view/measures.ts';
import { timeline } from './view/timeline.ts';
import type { StoryView } from './view/types.ts';

export type * from './view/types.ts';

export function viewOf(data: StoryStateData): StoryView {
  const items = data.items;
  const byId = new Map(items.map((i) => [i.id, i]));
  const states = deriveStates(items);
  const rootOf = rootFinder(byId);
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
