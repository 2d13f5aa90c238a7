/**
 * The answer to `stories`: which stories this gateway holds state for, so a
 * client (the dashboard's story picker) can offer them before anything new
 * is published. Only what each story's state holds is listed (its folded
 * record count and its newest update's Kafka timestamp), most recently
 * active first, at most `limits.maxStoryList` of them.
 */
import type { ErrorCode, StoriesFrame, StoriesMessage, StoryListEntry } from '@newswire/protocol';
import type { Grant } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { compileFilter } from './filter.ts';
import { fitsGrant } from './subscribe-scope.ts';

/** Why `stories` cannot be answered for a client holding `grant`, or null: the rule of a snapshot (snapshot-frame.ts). */
export function storyListRefusal(ctx: GatewayContext, grant: Grant | null): { code: ErrorCode; message: string } | null {
  if (!ctx.state) return { code: 'state_unavailable', message: 'this gateway keeps no story state (GATEWAY_STATE=off)' };
  // A listing names stories of every kind: only a token that may read every served topic and kind may have it.
  if (!fitsGrant(ctx.topics, compileFilter({}), grant))
    return { code: 'forbidden', message: 'a story listing spans every kind of update: your token is limited to some topics or kinds' };
  return null;
}

/** The `stories` frame answering `msg`. Call only after storyListRefusal said null (the gateway keeps state). */
export function storyListFrame(ctx: GatewayContext, msg: StoriesMessage): StoriesFrame {
  const store = ctx.state!.store;
  const all: StoryListEntry[] = [];
  // The store holds at most GATEWAY_STATE_MAX_STORIES stories: this walk is bounded by that.
  for (const story of store.storyIds()) {
    const state = store.get(story);
    if (!state) continue;
    const recent = state.recent.values();
    const newest = recent[recent.length - 1];
    all.push({ story, updates: state.records, ...(newest ? { lastTs: newest.at.ts } : {}) });
  }
  // Newest first; a story without a kept update last; ties by id, so the order is the same on every call.
  all.sort((a, b) => (b.lastTs ?? -Infinity) - (a.lastTs ?? -Infinity) || (a.story < b.story ? -1 : a.story > b.story ? 1 : 0));
  const max = ctx.limits.maxStoryList;
  return { op: 'stories', ...(msg.ref !== undefined ? { ref: msg.ref } : {}), stories: all.slice(0, max), truncated: all.length > max };
}
