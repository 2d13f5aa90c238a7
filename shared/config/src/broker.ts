import { z } from 'zod';

/** "always" or a positive number of milliseconds. */
const flushPolicy = z
  .string()
  .regex(/^(always|[1-9]\d*)$/, 'must be "always" or a positive number of milliseconds')
  .transform((v): 'always' | number => (v === 'always' ? 'always' : Number(v)));

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The dev broker (`newswire broker`, and the embedded one `npm start` runs). Flags override these. */
export const brokerConfig = z.object({
  BROKER_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  BROKER_PORT: z.coerce.number().int().min(0).max(65535).default(9092),
  BROKER_DATA_DIR: z.string().min(1, 'must not be empty').default('.data/broker'),
  /** Partitions of auto-created topics. */
  BROKER_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  BROKER_AUTO_CREATE_TOPICS: boolFlag.default(true),
  /** Delete log segments older than this; -1 keeps forever. Default 7 days. */
  BROKER_RETENTION_MS: z.coerce.number().int().min(-1).default(604_800_000),
  /** Delete oldest segments while a partition is bigger than this; -1 = no limit. */
  BROKER_RETENTION_BYTES: z.coerce.number().int().min(-1).default(-1),
  BROKER_SEGMENT_BYTES: z.coerce.number().int().min(1024).max(2 ** 31 - 1).default(64 * 1024 * 1024),
  /** fsync policy: "always" (before every acknowledgement) or every N ms. */
  BROKER_FLUSH: flushPolicy.default(1000),
  /** Largest request frame accepted; a bigger one closes the connection. */
  BROKER_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Open connections at most; at the limit a new client evicts an idle connection (one that never sent a request first). */
  BROKER_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Kafka's connections.max.idle.ms: a connection with no traffic and nothing in flight is closed. */
  BROKER_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000),
  /** A new connection that has not completed one request by then is closed. */
  BROKER_FIRST_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** A request frame begun but not complete by then (a truncated or stalled request) is dropped with its connection. */
  BROKER_INCOMPLETE_FRAME_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Damage outside a log's tail: "strict" refuses to start, naming it; "truncate-damaged" moves only the damaged bytes aside (docs/broker-storage.md). */
  BROKER_RECOVERY: z.enum(['strict', 'truncate-damaged']).default('strict'),
  /** Kafka's message.max.bytes: the largest record batch accepted (error 10 above it). Kafka's default. */
  BROKER_MESSAGE_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(1_048_588),
  /** Kafka's fetch.max.bytes: the most record bytes in one Fetch response. Kafka's default (55 MiB). */
  BROKER_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(2 ** 31 - 1).default(57_671_680),
  /** Kafka's group.initial.rebalance.delay.ms: a new consumer group waits this long for more members. */
  BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: z.coerce.number().int().min(0).max(300_000).default(3000),
  /** How often the log cleaner looks for compacted topics to clean (Kafka's log.cleaner.backoff.ms). */
  BROKER_CLEANER_INTERVAL_MS: z.coerce.number().int().min(1).default(15_000),
  /** Kafka's min.cleanable.dirty.ratio, the broker default (a topic's own config wins). */
  BROKER_MIN_CLEANABLE_DIRTY_RATIO: z.coerce.number().min(0).max(1).default(0.5),
  /** Kafka's delete.retention.ms, the broker default: how long tombstones of compacted topics stay. */
  BROKER_DELETE_RETENTION_MS: z.coerce.number().int().min(0).default(86_400_000),
  /** Most keys the log cleaner maps in one pass (its memory bound); past it a pass cleans less and logs it. */
  BROKER_CLEANER_MAX_KEYS: z.coerce.number().int().min(1).default(500_000),
});
