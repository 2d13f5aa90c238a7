/**
 * A subscription's snapshot (subscribe.snapshot): whether it may be served,
 * and its frame. The frame is put together from bytes the state host keeps
 * per story (its view and recent updates, serialised once per change in
 * snapshot-cache.ts): only the typed rest (id, positions, history) is written
 * per request, and the two cached parts are spliced in after it.
 */
import type { ErrorCode, SnapshotFrame, StreamPosition, SubscribeMessage } from '@newswire/protocol';
import type { Grant } from './auth.ts';
import type { GatewayContext } from './context.ts';
import { compileFilter } from './filter.ts';
import { fitsGrant } from './subscribe-scope.ts';

export type SnapshotRequest = NonNullable<SubscribeMessage['snapshot']>;

const COMMA = Buffer.from(',');
const STATE_OPEN = Buffer.from(',"state":');
const RECENT_OPEN = Buffer.from(',"recent":[');
const FRAME_CLOSE = Buffer.from(']}');

/** Why subscribe `msg`, asking for `snapshot`, cannot be served to a client holding `grant`, or null. */
export function snapshotRefusal(ctx: GatewayContext, msg: SubscribeMessage, snapshot: SnapshotRequest, grant: Grant | null): { code: ErrorCode; message: string } | null {
  const story = snapshot.story;
  if (!ctx.state) return { code: 'state_unavailable', message: 'this gateway keeps no story state (GATEWAY_STATE=off)' };
  if (msg.topics !== undefined || (msg.from !== undefined && msg.from !== 'live'))
    return { code: 'bad_message', message: 'a snapshot subscription reads every topic of its story from the snapshot’s positions: leave out topics and from' };
  const f = msg.filter;
  if (f && (Object.keys(f).some((k) => k !== 'stories') || f.stories?.length !== 1 || f.stories[0] !== story))
    return { code: 'bad_message', message: 'a snapshot subscription is filtered to its story only: leave out filter, or give filter.stories = [snapshot.story]' };
  // A story's state holds every kind: only a token that may read every served topic and kind may have it.
  if (!fitsGrant(ctx.topics, compileFilter({}), grant))
    return { code: 'forbidden', message: 'a story’s state holds every kind of update: your token is limited to some topics or kinds' };
  if (ctx.state.store.isUntracked(story))
    return { code: 'state_unavailable', message: `this gateway holds no state for story ${story}: it holds GATEWAY_STATE_MAX_STORIES stories already` };
  return null;
}

/**
 * The snapshot frame of subscription `id`, reflecting exactly `positions`.
 * Call only after snapshotRefusal said null (the gateway keeps state).
 */
export function snapshotFrame(ctx: GatewayContext, id: string, snapshot: SnapshotRequest, positions: StreamPosition[]): Buffer {
  const state = ctx.state!;
  const s = state.snapshot(snapshot.story, Math.min(snapshot.recent ?? 0, state.store.limits.maxRecent), snapshot.view ?? 'board');
  const rest: Omit<SnapshotFrame, 'state' | 'recent'> = {
    op: 'snapshot',
    id,
    story: snapshot.story,
    epoch: ctx.epoch,
    positions,
    history: { complete: !s.partialHistory, building: s.building },
  };
  const head = JSON.stringify(rest);
  const recent: Buffer[] = [];
  s.recent.forEach((r, i) => recent.push(...(i > 0 ? [COMMA, r] : [r])));
  // `{...rest` without its closing brace, then `,"state":<view>,"recent":[<updates>]}`.
  return Buffer.concat([Buffer.from(head.slice(0, -1)), STATE_OPEN, s.state, RECENT_OPEN, ...recent, FRAME_CLOSE]);
}
