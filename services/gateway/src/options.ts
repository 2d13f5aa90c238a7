/**
 * startGateway's options and their defaults. A limit that has an environment
 * variable (GATEWAY_*, shared/config/src/gateway.ts) takes its default from
 * the config schema, so each default is written once; the others are tuning
 * knobs without a variable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { configDefaults, type Logger } from '@newswire/config';
import type { AuthOptions } from './auth.ts';

export interface GatewayLimits {
  maxConnections: number;
  /** Largest client frame, bytes (ws closes 1009 beyond it). */
  maxPayload: number;
  maxSubscriptions: number;
  /** Client messages per second (token bucket) and burst. */
  ratePerSec: number;
  burst: number;
  /** Invalid or rate-limited messages tolerated (refilled at abuseRefillPerSec) before close 1008. */
  abuseBurst: number;
  abuseRefillPerSec: number;
  /** Per-connection send buffer bound, bytes: past it `lagged` + close 4008. */
  maxBufferedBytes: number;
  /** Replay pacing: catch-up waits for the buffer to fall below this before sending more. */
  replayLowWaterBytes: number;
  /** A catch-up client that does not drain for this long is treated as lagged. */
  replayStallMs: number;
  /** Live entries buffered per catching-up subscription, bytes (beyond: catch-up goes round again). */
  catchupBufferBytes: number;
  /** Per-partition memory window. */
  windowEntries: number;
  windowBytes: number;
  /** Every partition's window together, bytes (the largest window's oldest entries go first). */
  windowTotalBytes: number;
  replayConcurrency: number;
  /**
   * Live writes are coalesced per socket until the end of the event-loop turn,
   * or for this many ms when > 0 (fewer syscalls at high rates, that much more latency).
   */
  flushDelayMs: number;
  /** Records per partition read back from Kafka at start to fill the window (capped by windowEntries). */
  warmEntries: number;
  /** Longest startup waits for the warm-up before listening anyway. */
  warmTimeoutMs: number;
  heartbeatMs: number;
  /** After sending a close (lagged, shutdown, policy), how long a client that does not read keeps its socket before it is terminated. */
  closeGraceMs: number;
  /** /readyz is 503 when the live reader's last completed fetch is older than this. */
  readyStaleMs: number;
  /** With auth on and no token at connect, a `hello` with a token must come within this. */
  authTimeoutMs: number;
  /** Stories in a `stories` answer at most (most recently active first; `truncated` when more are held). */
  maxStoryList: number;
}

const env = configDefaults('gateway');

export const DEFAULT_LIMITS: GatewayLimits = {
  maxConnections: env.GATEWAY_MAX_CONNECTIONS,
  maxPayload: env.GATEWAY_MAX_PAYLOAD,
  maxSubscriptions: env.GATEWAY_MAX_SUBSCRIPTIONS,
  ratePerSec: env.GATEWAY_RATE_PER_SEC,
  burst: env.GATEWAY_RATE_BURST,
  abuseBurst: 10,
  abuseRefillPerSec: 0.2,
  maxBufferedBytes: env.GATEWAY_MAX_BUFFERED_BYTES,
  replayLowWaterBytes: 512 * 1024,
  replayStallMs: 30_000,
  catchupBufferBytes: 8 * 1024 * 1024,
  windowEntries: env.GATEWAY_WINDOW_ENTRIES,
  windowBytes: env.GATEWAY_WINDOW_BYTES,
  windowTotalBytes: env.GATEWAY_WINDOW_TOTAL_BYTES,
  replayConcurrency: env.GATEWAY_REPLAY_CONCURRENCY,
  flushDelayMs: 0,
  warmEntries: env.GATEWAY_WARM_ENTRIES,
  warmTimeoutMs: 30_000,
  heartbeatMs: env.GATEWAY_HEARTBEAT_MS,
  authTimeoutMs: 10_000,
  maxStoryList: 500,
  closeGraceMs: env.GATEWAY_CLOSE_GRACE_MS,
  readyStaleMs: env.GATEWAY_READY_STALE_MS,
};

export interface GatewayAuthOptions extends AuthOptions {
  /** Browser Origin values allowed to upgrade; unset = any. Requests without Origin (non-browsers) pass. */
  allowedOrigins?: string[];
}

export interface GatewayOptions {
  host?: string;
  port?: number;
  brokers: string[];
  /** Topics served; default every newswire topic under topicPrefix. The gateway creates none: it waits for missing ones. */
  topics?: readonly string[];
  /** NEWSWIRE_TOPIC_PREFIX: topics are `<prefix>.<family>`. Default `newswire`. */
  topicPrefix?: string;
  auth?: GatewayAuthOptions;
  limits?: Partial<GatewayLimits>;
  /** Called for GET requests the gateway does not handle (the dashboard); true = handled. */
  staticHandler?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  logger?: Logger;
  clientId?: string;
  /** Give up starting when Kafka does not answer within this (default KAFKA_CONNECT_TIMEOUT_MS's). */
  connectTimeoutMs?: number;
  /** stop() (and unwinding a failed start) finishes within this, whatever Kafka's state (default NEWSWIRE_SHUTDOWN_TIMEOUT_MS's). */
  shutdownTimeoutMs?: number;
  /** Records behind the high watermark still "caught up" for /readyz. */
  readyLag?: number;
  /** Story state and snapshots (docs/story-state.md); defaults from GATEWAY_STATE_*. */
  state?: GatewayStateOptions;
}

export interface GatewayStateOptions {
  /** false: no state, no snapshot topic; snapshot requests get `state_unavailable`. */
  enabled?: boolean;
  maxStories?: number;
  maxRecent?: number;
  maxItemsPerList?: number;
  /** Snapshot changed stories after this many folded updates, or after snapshotMs. */
  snapshotEvery?: number;
  snapshotMs?: number;
  /** The snapshot topic; default `<topicPrefix>.story-state`. */
  topic?: string;
}

export const DEFAULT_STATE_OPTIONS: Required<Omit<GatewayStateOptions, 'topic'>> = {
  enabled: env.GATEWAY_STATE === 'on',
  maxStories: env.GATEWAY_STATE_MAX_STORIES,
  maxRecent: env.GATEWAY_STATE_MAX_RECENT,
  maxItemsPerList: env.GATEWAY_STATE_MAX_ITEMS,
  snapshotEvery: env.GATEWAY_STATE_SNAPSHOT_EVERY,
  snapshotMs: env.GATEWAY_STATE_SNAPSHOT_MS,
};
