import { z } from 'zod';
import type { Logger } from 'pino';
import { configDefaults } from '@newswire/config';

/** The defaults are the config schema's (BROKER_*, NEWSWIRE_SHUTDOWN_TIMEOUT_MS): written once, there. */
const env = configDefaults('broker');
const common = configDefaults('common');

/** startBroker's options, validated at the edge (they may come from flags or env). */
export const brokerOptionsSchema = z.object({
  host: z.string().min(1).default(env.BROKER_HOST),
  port: z.number().int().min(0).max(65535).default(env.BROKER_PORT),
  dataDir: z.string().min(1),
  defaultPartitions: z.number().int().min(1).max(1000).default(env.BROKER_PARTITIONS),
  autoCreateTopics: z.boolean().default(env.BROKER_AUTO_CREATE_TOPICS),
  /** -1 keeps data forever. Default 7 days, as Kafka. */
  retentionMs: z.number().int().min(-1).default(env.BROKER_RETENTION_MS),
  retentionBytes: z.number().int().min(-1).default(env.BROKER_RETENTION_BYTES),
  segmentBytes: z.number().int().min(1024).max(2 ** 31 - 1).default(env.BROKER_SEGMENT_BYTES),
  /** 'always' fsyncs before acknowledging; a number fsyncs every N ms. */
  flush: z.union([z.literal('always'), z.number().int().min(1)]).default(env.BROKER_FLUSH),
  /** Largest request frame accepted; bigger ones close the connection. */
  maxFrameBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(env.BROKER_MAX_FRAME_BYTES),
  /** Open connections at most; at the limit a new one evicts an idle one (see server/tcp-server.ts). */
  maxConnections: z.number().int().min(1).default(env.BROKER_MAX_CONNECTIONS),
  /** Broker-wide cap on request bytes received but not yet decoded. */
  maxBufferedRequestBytes: z.number().int().min(1024).default(512 * 1024 * 1024),
  /** Longest a Fetch long-poll is held, whatever the client asks. */
  maxFetchWaitMs: z.number().int().min(0).default(30_000),
  /** Kafka's message.max.bytes: the largest record batch accepted (error 10 above it). Kafka's default. */
  messageMaxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(env.BROKER_MESSAGE_MAX_BYTES),
  /** Kafka's fetch.max.bytes: the most record bytes in one Fetch response (at least one batch is always sent). Kafka's default, 55 MiB. */
  fetchMaxBytes: z.number().int().min(1024).max(2 ** 31 - 1).default(env.BROKER_FETCH_MAX_BYTES),
  /** Record bytes of unsent Fetch responses, summed over all connections; past it a Fetch gets one batch. */
  maxFetchBytesInFlight: z.number().int().min(1024).default(64 * 1024 * 1024),
  /** Kafka's group.initial.rebalance.delay.ms: how long a new group waits for more members before its first rebalance. */
  groupInitialRebalanceDelayMs: z.number().int().min(0).max(300_000).default(env.BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS),
  /** Kafka's connections.max.idle.ms: a connection with no traffic and nothing in flight is closed. */
  idleTimeoutMs: z.number().int().min(1000).default(env.BROKER_IDLE_TIMEOUT_MS),
  /** A new connection that has not completed a request by then is closed. */
  firstRequestTimeoutMs: z.number().int().min(100).default(env.BROKER_FIRST_REQUEST_TIMEOUT_MS),
  /** A request frame begun but not complete by then is dropped with its connection. */
  incompleteFrameTimeoutMs: z.number().int().min(100).default(env.BROKER_INCOMPLETE_FRAME_TIMEOUT_MS),
  /** stop() waits at most this long for connections to close, then closes storage anyway. */
  shutdownTimeoutMs: z.number().int().min(100).default(common.NEWSWIRE_SHUTDOWN_TIMEOUT_MS),
  /** Damage outside a log's tail: 'strict' refuses to start; 'truncate-damaged' moves only the damaged bytes aside. */
  recovery: z.enum(['strict', 'truncate-damaged']).default(env.BROKER_RECOVERY),
  /** Log cleaner of compacted topics (storage/log-cleaner.ts): how often a pass runs (Kafka's log.cleaner.backoff.ms). */
  cleanerIntervalMs: z.number().int().min(1).default(env.BROKER_CLEANER_INTERVAL_MS),
  /** Broker default of min.cleanable.dirty.ratio; a topic's own config overrides it. */
  minCleanableDirtyRatio: z.number().min(0).max(1).default(env.BROKER_MIN_CLEANABLE_DIRTY_RATIO),
  /** Broker default of delete.retention.ms: how long tombstones stay; a topic's own config overrides it. */
  deleteRetentionMs: z.number().int().min(0).default(env.BROKER_DELETE_RETENTION_MS),
  /** Most keys the cleaner maps in one pass (memory bound); past it a pass cleans less and says so. */
  cleanerMaxKeys: z.number().int().min(1).default(env.BROKER_CLEANER_MAX_KEYS),
});

export type BrokerOptionsInput = z.input<typeof brokerOptionsSchema> & { logger?: Logger };
export type BrokerOptions = z.output<typeof brokerOptionsSchema>;
