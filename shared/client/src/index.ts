/**
 * The newswire client SDK (browser and node). See docs/client.md.
 *
 *   import { connect } from '@newswire/client';
 *   const client = connect({ url: 'ws://127.0.0.1:8080' });
 *   for await (const d of client.subscribe({ filter: { kinds: ['arrests'] } })) console.log(d.update.headline);
 *
 * Node 20 has no global WebSocket: use '@newswire/client/node' or pass `WebSocket`.
 */
export { connect, NewswireClient } from './client.ts';
export type { ConnectOptions, ClientState, StateChange, ClientError, ClientEvents } from './client.ts';
export { Subscription } from './subscription.ts';
export type {
  Delivery,
  GapNotice,
  LaggedNotice,
  LiveNotice,
  SubscribeOptions,
  SubscriptionError,
  SubscriptionEvents,
  SubscriptionState,
  From,
  StorySnapshot,
  SnapshotRequest,
} from './subscription-types.ts';
export type { CursorPosition } from './cursor.ts';
export { StoryListingError, type StoryListing, type StoriesOptions } from './story-listing.ts';
export type { StoryListEntry } from './wire.ts';
export { backoffDelay, DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.ts';
export type { WebSocketConstructor, WebSocketLike } from './socket.ts';
export type { SubscriptionFilter, Position, CloseAction } from './wire.ts';
/** What a close code means (reconnect or terminal), from its range: the rule the client follows. */
export { closeAction } from './wire.ts';
