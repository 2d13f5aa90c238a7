/**
 * Correction chains: every revision and retraction grouped under the update
 * first reported, with the version that stands now.
 */
import type { DerivedState } from '@newswire/schema/v2';
import type { Item } from '../item.ts';
import { compareAt } from '../position.ts';
import { byKey, isLive, sortedEntries } from './common.ts';
import type { CorrectionChain, CorrectionStep } from './types.ts';

/** The update first reported for `id`: revises / retracts links followed back (at most 64 steps). */
export function rootFinder(byId: Map<string, Item>): (id: string) => string {
  return (id: string): string => {
    let cur = id;
    for (let i = 0; i < 64; i++) {
      const item = byId.get(cur);
      const target = item?.revises ?? item?.retracts;
      if (target === undefined) return cur;
      cur = target;
    }
    return cur;
  };
}

export function corrections(items: readonly Item[], byId: Map<string, Item>, states: Map<string, DerivedState>, rootOf: (id: string) => string): CorrectionChain[] {
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
