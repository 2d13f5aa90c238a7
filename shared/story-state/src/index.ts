/**
 * @newswire/story-state: per-story state folded from newswire updates (v2;
 * v1 records read as v2), deterministic and bounded, with its snapshots.
 *
 *   const store = new StateStore();
 *   store.apply(update, { topic, partition, offset: '42', ts });
 *   const view = store.view('kz-unrest-2022');   // figures, measures, timeline, corrections
 *
 * See docs/story-state.md for the rules and what is dropped past the bounds.
 */
export * from './canonical.ts';
export * from './position.ts';
export * from './limits.ts';
export * from './item.ts';
export * from './story.ts';
export * from './view.ts';
export * from './board.ts';
export * from './snapshot.ts';
export * from './store.ts';
export * from './fold.ts';
export * from './measure.ts';
