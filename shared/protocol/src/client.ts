/**
 * Messages a client sends to the gateway (JSON text frames). Every message is
 * validated with these schemas at the gateway's edge: an invalid one gets an
 * `error` frame with a stable code, never a crash. All strings and arrays are
 * bounded so one frame is bounded in memory whatever a client sends.
 */
import { z } from 'zod';
import { KINDS, URGENCIES, VERIFICATIONS } from '@newswire/schema/v2';

export const PROTOCOL_VERSION = 1;

const MAX_LIST = 64;
const name = (max: number) => z.string().min(1).max(max);
/**
 * A filter list: 1 to MAX_LIST values. Never empty: an empty list read as
 * "no constraint" once let a token limited to some kinds read every kind, so
 * an empty list is refused (bad_message) instead of meaning anything.
 */
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(MAX_LIST).optional();

/** Kafka offsets are int64: beyond 2^63 - 1 there is no offset. */
const MAX_OFFSET = 2n ** 63n - 1n;

/**
 * A Kafka offset on the wire: a decimal STRING (no sign, no leading zero), on
 * every interface of the project (gateway, ingest, CLI), because Kafka
 * offsets are int64 and a JSON number is exact only up to 2^53.
 */
export const offsetSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, 'an offset is a decimal string of digits, e.g. "42"')
  // zod runs this even when the regex failed: only digits reach BigInt.
  .refine((s) => !/^[0-9]{1,19}$/.test(s) || BigInt(s) <= MAX_OFFSET, 'an offset is at most 2^63 - 1');

/**
 * An offset a client sends: the decimal string, or (deprecated, accepted for
 * protocol v1 clients written before offsets became strings) a JSON number,
 * which is read as its decimal string.
 */
export const offsetInputSchema = z.union([
  offsetSchema,
  z
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .transform((n) => String(n)),
]);

/**
 * A Kafka position: the offset of one update in one partition of one topic.
 *
 * As a resume CURSOR (in `subscribe.from.positions`, `subscribed`, `live`,
 * `lagged`, `shutdown`) `offset` is the NEXT offset the client needs, i.e.
 * the offset of the last update it processed + 1. In an `update` frame the
 * offset is the update's own offset.
 */
export const positionSchema = z.strictObject({
  topic: name(249),
  partition: z.number().int().min(0).max(100_000),
  offset: offsetSchema,
});
export type StreamPosition = z.infer<typeof positionSchema>;

/** A position as a client may send it (offset as a string, or a number for compatibility). */
export const positionInputSchema = positionSchema.extend({ offset: offsetInputSchema });

/**
 * Where a subscription starts.
 * - 'live' (default): only updates that arrive after the subscription.
 * - 'earliest': replay everything still retained, then live.
 * - { time }: replay from the first update whose Kafka timestamp is >= time, then live.
 * - { positions, epoch }: resume / replay from explicit cursors (next offsets), then live.
 *   Partitions of the subscribed topics that are absent from `positions` start
 *   at the earliest retained offset (so nothing is lost on a partition the client
 *   never heard from). An `epoch` different from the gateway's
 *   yields a `gap` notice (reason 'epoch') per partition and delivery from the
 *   earliest retained offset; omit `epoch` for a plain replay from offsets.
 */
const start = <P extends z.ZodType>(position: P) =>
  z.union([
    z.literal('live'),
    z.literal('earliest'),
    z.strictObject({ time: z.iso.datetime({ offset: true }) }),
    z.strictObject({
      positions: z.array(position).max(4096),
      epoch: name(128).optional(),
    }),
  ]);
/** `from` as the gateway echoes it in `subscribed` (offsets as strings). */
export const startSchema = start(positionSchema);
/** `from` as a client sends it in `subscribe`. */
export const startInputSchema = start(positionInputSchema);
export type SubscriptionStart = z.infer<typeof startSchema>;

/**
 * Filters are ANDed across fields and ORed within a field: kinds ['arrests','casualties']
 * and countries ['KZ'] = (arrests or casualties) in KZ. Absent field = no constraint;
 * an empty list is invalid (bad_message), never "anything".
 * Values are matched exactly against the (v2) update envelope: kind (any v2
 * kind), story, place.country / place.admin1 (`regions`, v1's place.region) /
 * place.city, verification, urgency.
 */
export const filterSchema = z.strictObject({
  kinds: list(z.enum(KINDS)),
  stories: list(name(128)),
  countries: list(z.string().regex(/^[A-Z]{2}$/)),
  regions: list(name(120)),
  cities: list(name(120)),
  verification: list(z.enum(VERIFICATIONS)),
  urgency: list(z.enum(URGENCIES)),
});
export type SubscriptionFilter = z.infer<typeof filterSchema>;

export const helloSchema = z.strictObject({
  op: z.literal('hello'),
  v: z.literal(PROTOCOL_VERSION),
  /** A JWT; alternatively presented as `?token=` or `Authorization: Bearer` at connect. */
  token: z.string().min(1).max(8192).optional(),
});

export const subscribeSchema = z.strictObject({
  op: z.literal('subscribe'),
  /** Client-chosen subscription id, unique per connection. */
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  /** Topics to read; default: every newswire topic (or, with `filter.kinds`, the topics of those kinds). */
  topics: z.array(name(249)).min(1).max(MAX_LIST).optional(),
  filter: filterSchema.optional(),
  from: startInputSchema.optional(),
  /**
   * Start with a story's state: the gateway answers with a `snapshot` frame
   * (the story's state, its `recent` most recent updates and the exact
   * positions they reflect), then live updates of that story from exactly
   * those positions: no gap, no duplicate. With `snapshot`, `topics` and
   * `from` must be absent and `filter` may only name that story.
   */
  snapshot: z
    .strictObject({
      story: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/),
      /** Most recent updates wanted with the state (the gateway caps it at GATEWAY_STATE_MAX_RECENT). Default 0. */
      recent: z.number().int().min(0).max(100_000).optional(),
      /**
       * `board` (default): what a dashboard draws, bounded — every long list cut
       * to its newest entries with the count of each (`counts`), no figure
       * series. `full`: the story's whole view (every figure series and every
       * entry the state keeps). docs/gateway.md#snapshot-then-live
       */
      view: z.enum(['board', 'full']).optional(),
    })
    .optional(),
});

export const unsubscribeSchema = z.strictObject({
  op: z.literal('unsubscribe'),
  id: z.string().min(1).max(64),
});

export const pingSchema = z.strictObject({
  op: z.literal('ping'),
  /** Echoed back in the pong (e.g. a client timestamp for round-trip time). */
  t: z.number().finite().optional(),
});

/**
 * Asks which stories the gateway holds state for: answered by a `stories`
 * frame (or an `error` with the same `ref`). Same access as a snapshot: the
 * gateway must keep story state, and the token must allow every topic and
 * kind (a listing spans them all).
 */
export const storiesSchema = z.strictObject({
  op: z.literal('stories'),
  /** Echoed in the answer or the error, so a client with several requests in flight tells them apart. */
  ref: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).optional(),
});

export const clientMessageSchema = z.discriminatedUnion('op', [
  helloSchema,
  subscribeSchema,
  unsubscribeSchema,
  pingSchema,
  storiesSchema,
]);

export type HelloMessage = z.infer<typeof helloSchema>;
export type SubscribeMessage = z.infer<typeof subscribeSchema>;
export type UnsubscribeMessage = z.infer<typeof unsubscribeSchema>;
export type PingMessage = z.infer<typeof pingSchema>;
export type StoriesMessage = z.infer<typeof storiesSchema>;
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export const CLIENT_OPS = ['hello', 'subscribe', 'unsubscribe', 'ping', 'stories'] as const;
