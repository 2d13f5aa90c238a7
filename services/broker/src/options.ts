import { z } from 'zod';
import type { Logger } from 'pino';

/** startBroker's options, validated at the edge (they may come from flags or env). */
export const brokerOptionsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(9092),
  dataDir: z.string().min(1),
  defaultPartitions: z.number().int().min(1).max(1000).default(3),
  autoCreateTopics: z.boolean().default(true),
  /** -1 keeps data forever. Default 7 days, as Kafka. */
  retentionMs: z.number().int().min(-1).default(7 * 24 * 3600 * 1000),
  retentionBytes: z.number().int().min(-1).default(-1),
  segmentBytes: z.number().int().min(1024).max(2 ** 31 - 1).default(64 * 1024 * 1024),
  /** 'always' fsyncs before acknowledging; a number fsyncs every N ms. */
  flush: z.union([z.literal('always'), z.number().int().min(1)]).default(1000),
  /** Largest request frame accepted; bigger ones close the connection. */
  maxFrameBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /** Open connections at most; at the limit a new one evicts an idle one (see server/tcp-server.ts). */
  maxConnections: z.number().int().min(1).default(1000),
  /** Broker-wide cap on request bytes received but not yet decoded. */
  maxBufferedRequestBytes: z.number().int().min(1024).default(512 * 1024 * 1024),
  /** Longest a Fetch long-poll is held, whatever the client asks. */
  maxFetchWaitMs: z.number().int().min(0).default(30_000),
  /** Kafka's message.max.bytes: the largest record batch accepted (error 10 above it). Kafka's default. */
  messageMaxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).default(1_048_588),
  /** Kafka's fetch.max.bytes: the most record bytes in one Fetch response (at least one batch is always sent). Kafka's default, 55 MiB. */
  fetchMaxBytes: z.number().int().min(1024).max(2 ** 31 - 1).default(57_671_680),
  /** Record bytes of unsent Fetch responses, summed over all connections; past it a Fetch gets one batch. */
  maxFetchBytesInFlight: z.number().int().min(1024).default(64 * 1024 * 1024),
  /** Kafka's group.initial.rebalance.delay.ms: how long a new group waits for more members before its first rebalance. */
  groupInitialRebalanceDelayMs: z.number().int().min(0).max(300_000).default(3000),
  /** Kafka's connections.max.idle.ms: a connection with no traffic and nothing in flight is closed. */
  idleTimeoutMs: z.number().int().min(1000).default(10 * 60 * 1000),
  /** A new connection that has not completed a request by then is closed. */
  firstRequestTimeoutMs: z.number().int().min(100).default(10_000),
  /** A request frame begun but not complete by then is dropped with its connection. */
  incompleteFrameTimeoutMs: z.number().int().min(100).default(30_000),
  /** stop() waits at most this long for connections to close, then closes storage anyway. */
  shutdownTimeoutMs: z.number().int().min(100).default(10_000),
  /** Damage outside a log's tail: 'strict' refuses to start; 'truncate-damaged' moves only the damaged bytes aside. */
  recovery: z.enum(['strict', 'truncate-damaged']).default('strict'),
});

export type BrokerOptionsInput = z.input<typeof brokerOptionsSchema> & { logger?: Logger };
export type BrokerOptions = z.output<typeof brokerOptionsSchema>;
