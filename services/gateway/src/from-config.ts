/** GatewayOptions from the validated environment (@newswire/config: the common, kafka and gateway sections). */
import { DEFAULT_BROKERS } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { type ConfigOf } from '@newswire/config';
import type { GatewayOptions } from './options.ts';

export function gatewayOptionsFromConfig(cfg: ConfigOf<'common' | 'kafka' | 'gateway'>): GatewayOptions {
  return {
    host: cfg.GATEWAY_HOST,
    port: cfg.GATEWAY_PORT,
    brokers: cfg.KAFKA_BROKERS ?? DEFAULT_BROKERS,
    topics: cfg.GATEWAY_TOPICS ?? newswireTopics(cfg.NEWSWIRE_TOPIC_PREFIX),
    topicPrefix: cfg.NEWSWIRE_TOPIC_PREFIX,
    clientId: `${cfg.KAFKA_CLIENT_ID}-gateway`,
    connectTimeoutMs: cfg.KAFKA_CONNECT_TIMEOUT_MS,
    shutdownTimeoutMs: cfg.NEWSWIRE_SHUTDOWN_TIMEOUT_MS,
    auth: {
      ...(cfg.GATEWAY_JWT_SECRET ? { secret: cfg.GATEWAY_JWT_SECRET } : {}),
      ...(cfg.GATEWAY_JWKS_URL ? { jwksUrl: cfg.GATEWAY_JWKS_URL } : {}),
      ...(cfg.GATEWAY_JWT_ISSUER ? { issuer: cfg.GATEWAY_JWT_ISSUER } : {}),
      ...(cfg.GATEWAY_JWT_AUDIENCE ? { audience: cfg.GATEWAY_JWT_AUDIENCE } : {}),
      ...(cfg.GATEWAY_ALLOWED_ORIGINS ? { allowedOrigins: cfg.GATEWAY_ALLOWED_ORIGINS } : {}),
    },
    state: {
      enabled: cfg.GATEWAY_STATE === 'on',
      maxStories: cfg.GATEWAY_STATE_MAX_STORIES,
      maxRecent: cfg.GATEWAY_STATE_MAX_RECENT,
      maxItemsPerList: cfg.GATEWAY_STATE_MAX_ITEMS,
      snapshotEvery: cfg.GATEWAY_STATE_SNAPSHOT_EVERY,
      snapshotMs: cfg.GATEWAY_STATE_SNAPSHOT_MS,
    },
    limits: {
      maxConnections: cfg.GATEWAY_MAX_CONNECTIONS,
      maxPayload: cfg.GATEWAY_MAX_PAYLOAD,
      maxSubscriptions: cfg.GATEWAY_MAX_SUBSCRIPTIONS,
      ratePerSec: cfg.GATEWAY_RATE_PER_SEC,
      burst: cfg.GATEWAY_RATE_BURST,
      maxBufferedBytes: cfg.GATEWAY_MAX_BUFFERED_BYTES,
      windowEntries: cfg.GATEWAY_WINDOW_ENTRIES,
      windowBytes: cfg.GATEWAY_WINDOW_BYTES,
      windowTotalBytes: cfg.GATEWAY_WINDOW_TOTAL_BYTES,
      warmEntries: cfg.GATEWAY_WARM_ENTRIES,
      replayConcurrency: cfg.GATEWAY_REPLAY_CONCURRENCY,
      heartbeatMs: cfg.GATEWAY_HEARTBEAT_MS,
      closeGraceMs: cfg.GATEWAY_CLOSE_GRACE_MS,
      readyStaleMs: cfg.GATEWAY_READY_STALE_MS,
    },
  };
}
