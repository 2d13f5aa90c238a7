/**
 * Messages the gateway sends (JSON text frames). Clients (the SDK, the
 * dashboard) may validate them with these schemas; the gateway builds them
 * with the inferred types.
 */
import { z } from 'zod';
import type { Update } from '@newswire/schema/v2';
import { PROTOCOL_VERSION, offsetSchema, positionSchema, startSchema } from './client.ts';
import { ERROR_CODES } from './codes.ts';

const subId = z.string().min(1).max(64);

/** Resume cursors of one subscription: per partition, the next offset it needs. */
export const subscriptionPositionsSchema = z.strictObject({
  id: subId,
  positions: z.array(positionSchema),
});

export const welcomeSchema = z.strictObject({
  op: z.literal('welcome'),
  v: z.literal(PROTOCOL_VERSION),
  server: z.string(), // 'newswire-gateway/<version>'
  /** Identity of the log the positions refer to; echo it back in `from.epoch` when resuming. */
  epoch: z.string(),
  topics: z.array(z.string()),
  limits: z.strictObject({
    maxPayload: z.number(),
    maxSubscriptions: z.number(),
    ratePerSec: z.number(),
    burst: z.number(),
    maxBufferedBytes: z.number(),
    heartbeatMs: z.number(),
  }),
  /** Present when auth is on: what this connection may read, and when its token expires (epoch ms). */
  auth: z
    .strictObject({
      subject: z.string().optional(),
      topics: z.array(z.string()).optional(),
      kinds: z.array(z.string()).optional(),
      expiresAt: z.number().int().optional().describe('When the token expires: epoch MILLISECONDS (the JWT exp claim, in seconds, times 1000)'),
    })
    .optional(),
});

/**
 * Acknowledges a subscribe. `positions` is where it starts, for every
 * partition of its topics: clients store them as the subscription's cursor
 * so a resume covers partitions that have not delivered anything yet.
 */
export const subscribedSchema = z.strictObject({
  op: z.literal('subscribed'),
  id: subId,
  topics: z.array(z.string()),
  from: startSchema,
  /** true: replay/catch-up frames (carrying `sub`) follow, then a `live` frame. */
  catchingUp: z.boolean(),
  positions: z.array(positionSchema),
});

/**
 * A schema v2 update inside a frame (the gateway upcasts v1 records on read),
 * shape-checked only here (the SDK validates fully when asked). An interface,
 * because declaration files print an interface by name: inferred, the v2
 * Update type would be spelt out in every frame type, too long for tsc to emit.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- named on purpose, see above
export interface UpdateValueSchema extends z.ZodType<Update> {}
const updateValueSchema: UpdateValueSchema = z.custom<Update>((v) => typeof v === 'object' && v !== null);

/**
 * One update with its Kafka position.
 * - Live frames have no `sub`: they are serialised once and the same bytes go to
 *   every connection with at least one matching live subscription (once per
 *   connection even if several of its subscriptions match). A live frame
 *   advances the cursor of EVERY live subscription of the connection covering
 *   that topic to offset+1 (the gateway delivers each partition in order).
 * - Catch-up / replay frames carry `sub` and advance only that subscription's cursor.
 */
export const updateFrameSchema = z.strictObject({
  op: z.literal('update'),
  sub: subId.optional(),
  topic: z.string(),
  partition: z.number().int(),
  /** The update's own offset, a decimal string. */
  offset: offsetSchema,
  epoch: z.string(),
  /** Kafka record timestamp, epoch ms. */
  ts: z.number(),
  update: updateValueSchema,
});

/**
 * Catch-up / replay of subscription `id` is complete; from here it gets live frames.
 * recovered: true when nothing was lost (no `gap` was sent for it);
 * missed: number of updates delivered during the catch-up;
 * positions: the subscription's cursor at the switch.
 */
export const liveSchema = z.strictObject({
  op: z.literal('live'),
  id: subId,
  recovered: z.boolean(),
  missed: z.number().int(),
  positions: z.array(positionSchema),
});

/**
 * Continuity loss: the positions asked for are no longer available.
 * reason 'retention': the log start moved past `requested` (data deleted);
 * 'epoch': the client's epoch differs from the gateway's (another cluster / log);
 * 'reset': `requested` is beyond the log end (topic recreated / log replaced).
 * Delivery of that partition continues at `available`.
 */
export const gapSchema = z.strictObject({
  op: z.literal('gap'),
  id: subId,
  topic: z.string(),
  partition: z.number().int(),
  /** The cursor the client asked for (null when it gave none for this partition). */
  requested: offsetSchema.nullable(),
  /** The first offset still available: delivery continues here. */
  available: offsetSchema,
  reason: z.enum(['retention', 'epoch', 'reset']),
});

/**
 * Sent right before close 4008 (lagged) or 1012 (shutdown). `subscriptions`
 * holds each subscription's exact cursor; `positions` is, per partition, the
 * lowest cursor over all subscriptions (safe to resume any of them from).
 */
export const laggedSchema = z.strictObject({
  op: z.literal('lagged'),
  epoch: z.string(),
  positions: z.array(positionSchema),
  subscriptions: z.array(subscriptionPositionsSchema),
});

export const shutdownSchema = z.strictObject({
  op: z.literal('shutdown'),
  epoch: z.string(),
  positions: z.array(positionSchema),
  subscriptions: z.array(subscriptionPositionsSchema),
});

export const unsubscribedSchema = z.strictObject({ op: z.literal('unsubscribed'), id: subId });

export const errorSchema = z.strictObject({
  op: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** See ERROR_TEMPORARY. */
  temporary: z.boolean().describe('true: the same request may succeed later, retry it with backoff; false: it fails the same way until the client changes it'),
  /** The subscription id the error refers to (or the op, for a message without a valid id). */
  ref: z.string().optional(),
  /**
   * rate_limited only: how many messages were dropped since the previous
   * rate_limited error (at most one is sent per second); the sum over them is
   * every message dropped.
   */
  dropped: z.number().int().min(1).optional(),
});

export const pongSchema = z.strictObject({
  op: z.literal('pong'),
  t: z.number().optional(),
  /** Server time, epoch ms. */
  now: z.number(),
});

/** One of the most recent updates in a snapshot: the update with its Kafka position, as in an `update` frame. */
export const snapshotUpdateSchema = z.strictObject({
  topic: z.string(),
  partition: z.number().int(),
  offset: offsetSchema,
  ts: z.number(),
  update: updateValueSchema,
});

/**
 * The answer to a subscribe with `snapshot`, sent right after `subscribed`
 * and before any update of the subscription. `positions` are cursors (next
 * offsets) on every partition the gateway serves: the state and `recent`
 * reflect every record below them, and the subscription's live updates start
 * at exactly them. `state` is the story's state as docs/story-state.md
 * describes it (null when the gateway holds nothing for the story yet).
 */
export const snapshotFrameSchema = z.strictObject({
  op: z.literal('snapshot'),
  id: subId,
  story: z.string(),
  epoch: z.string(),
  positions: z.array(positionSchema),
  state: z.record(z.string(), z.unknown()).nullable(),
  /** Ascending by Kafka timestamp, then position. */
  recent: z.array(snapshotUpdateSchema),
  history: z.strictObject({
    /** false: the state was built from a log that retention had already cut, so older updates of this story may be missing. */
    complete: z.boolean(),
    /** true: the gateway is still reading the log after a restart; the state is exact at `positions`, which are behind the log end. */
    building: z.boolean(),
  }),
});

/** One story of a `stories` listing: only what the gateway's state of it holds. */
export const storyListEntrySchema = z.strictObject({
  story: z.string(),
  /** Update records folded into the story's state (a record read twice, e.g. republished, counts twice). */
  updates: z.number().int().min(0),
  /** Kafka timestamp (epoch ms) of the story's newest update the state keeps; absent when it keeps none. */
  lastTs: z.number().optional(),
});

/**
 * The answer to `stories`: the stories the gateway holds state for, most
 * recently active first (newest `lastTs`, then by id), at most the gateway's
 * bound of them; `truncated` says it holds more than are listed.
 */
export const storiesFrameSchema = z.strictObject({
  op: z.literal('stories'),
  ref: z.string().optional(),
  stories: z.array(storyListEntrySchema),
  truncated: z.boolean(),
});

export const serverMessageSchema = z.discriminatedUnion('op', [
  welcomeSchema,
  subscribedSchema,
  updateFrameSchema,
  liveSchema,
  gapSchema,
  laggedSchema,
  shutdownSchema,
  unsubscribedSchema,
  errorSchema,
  pongSchema,
  snapshotFrameSchema,
  storiesFrameSchema,
]);

/**
 * An error frame as a client reads it: any code (a newer gateway may add
 * codes; a client acts on `temporary` and `ref`, not on a list of codes), and
 * `temporary` optional (gateways before 0.2 did not send it).
 */
export const errorSchemaForClients = errorSchema
  .extend({
    code: z.union([z.enum(ERROR_CODES), z.string().min(1).max(64)]),
    temporary: z.boolean().optional(),
  })
  .strip();

/**
 * What clients validate with: the same frames, but unknown top-level fields
 * are dropped instead of refused and error codes are open, so a client built
 * against this version keeps working when a newer gateway adds a field or an
 * error code. The gateway itself builds frames with the strict types above.
 */
export const serverMessageSchemaForClients = z.preprocess(offsetsAsStrings, z.discriminatedUnion('op', [
  welcomeSchema.strip(),
  subscribedSchema.strip(),
  updateFrameSchema.strip(),
  liveSchema.strip(),
  gapSchema.strip(),
  laggedSchema.strip(),
  shutdownSchema.strip(),
  unsubscribedSchema.strip(),
  errorSchemaForClients,
  pongSchema.strip(),
  snapshotFrameSchema.strip(),
  storiesFrameSchema.extend({ stories: z.array(storyListEntrySchema.strip()) }).strip(),
]));

/**
 * Gateways before offsets became strings sent them as JSON numbers: a client
 * reads such a number as its decimal string, so it keeps working with them.
 * Only the places offsets live are touched; a non-integer stays as it is (and
 * fails validation).
 */
function offsetsAsStrings(frame: unknown): unknown {
  if (typeof frame !== 'object' || frame === null) return frame;
  const f = { ...(frame as Record<string, unknown>) };
  const str = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v);
  const positions = (v: unknown) => (Array.isArray(v) ? v.map((p) => (typeof p === 'object' && p !== null ? { ...p, offset: str((p as { offset?: unknown }).offset) } : p)) : v);
  for (const k of ['offset', 'requested', 'available'] as const) if (k in f) f[k] = str(f[k]);
  if ('positions' in f) f.positions = positions(f.positions);
  if (Array.isArray(f.subscriptions)) f.subscriptions = f.subscriptions.map((s: unknown) => (typeof s === 'object' && s !== null ? { ...s, positions: positions((s as { positions?: unknown }).positions) } : s));
  if (typeof f.from === 'object' && f.from !== null && 'positions' in f.from) f.from = { ...f.from, positions: positions((f.from as { positions?: unknown }).positions) };
  return f;
}

export type WelcomeMessage = z.infer<typeof welcomeSchema>;
export type SubscribedMessage = z.infer<typeof subscribedSchema>;
export type UpdateFrame = z.infer<typeof updateFrameSchema>;
export type LiveMessage = z.infer<typeof liveSchema>;
export type GapMessage = z.infer<typeof gapSchema>;
export type LaggedMessage = z.infer<typeof laggedSchema>;
export type ShutdownMessage = z.infer<typeof shutdownSchema>;
export type UnsubscribedMessage = z.infer<typeof unsubscribedSchema>;
export type ErrorMessage = z.infer<typeof errorSchema>;
export type PongMessage = z.infer<typeof pongSchema>;
export type SnapshotFrame = z.infer<typeof snapshotFrameSchema>;
export type SnapshotUpdate = z.infer<typeof snapshotUpdateSchema>;
export type StoriesFrame = z.infer<typeof storiesFrameSchema>;
export type StoryListEntry = z.infer<typeof storyListEntrySchema>;
export type ServerMessage = z.infer<typeof serverMessageSchema>;
/** Every frame but `update`: what the gateway builds one at a time (updates are framed once, in bulk). */
export type ControlMessage = Exclude<ServerMessage, UpdateFrame>;
/** A server frame as a client reads it (serverMessageSchemaForClients): open error codes, optional `temporary`. */
export type ServerMessageForClients = z.infer<typeof serverMessageSchemaForClients>;
export type ErrorMessageForClients = z.infer<typeof errorSchemaForClients>;
export type SubscriptionPositions = z.infer<typeof subscriptionPositionsSchema>;
