/** startGateway's options and their defaults (the env-var form lives in shared/src/config/gateway.ts). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@newswire/config';
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
  /** With auth on and no token at connect, a `hello` with a token must come within this. */
  authTimeoutMs: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxConnections: 10_000,
  maxPayload: 16 * 1024,
  maxSubscriptions: 16,
  ratePerSec: 20,
  burst: 40,
  abuseBurst: 10,
  abuseRefillPerSec: 0.2,
  maxBufferedBytes: 4 * 1024 * 1024,
  replayLowWaterBytes: 512 * 1024,
  replayStallMs: 30_000,
  catchupBufferBytes: 8 * 1024 * 1024,
  windowEntries: 10_000,
  windowBytes: 16 * 1024 * 1024,
  replayConcurrency: 4,
  flushDelayMs: 0,
  warmEntries: 2_000,
  warmTimeoutMs: 30_000,
  heartbeatMs: 30_000,
  authTimeoutMs: 10_000,
  closeGraceMs: 10_000,
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
  /** Give up starting when Kafka does not answer within this (default 10 s). */
  connectTimeoutMs?: number;
  /** Records behind the high watermark still "caught up" for /readyz. */
  readyLag?: number;
}
