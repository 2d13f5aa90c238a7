/** IngestOptions from the validated environment (@newswire/config: the common, kafka and ingest sections). */
import { DEFAULT_BROKERS } from '@newswire/kafka';
import type { ConfigOf } from '@newswire/config';
import type { IngestOptions } from './index.ts';

export function ingestOptionsFromConfig(cfg: ConfigOf<'common' | 'kafka' | 'ingest'>): IngestOptions {
  return {
    host: cfg.INGEST_HOST,
    port: cfg.INGEST_PORT,
    brokers: cfg.KAFKA_BROKERS ?? DEFAULT_BROKERS,
    ...(cfg.INGEST_TOKEN !== undefined ? { token: cfg.INGEST_TOKEN } : {}),
    maxBodyBytes: cfg.INGEST_MAX_BODY_BYTES,
    dedupeWindow: cfg.INGEST_DEDUPE_WINDOW,
    maxItems: cfg.INGEST_MAX_ITEMS,
    publishTimeoutMs: cfg.INGEST_PUBLISH_TIMEOUT_MS,
    maxPending: cfg.INGEST_MAX_PENDING,
    partitions: cfg.NEWSWIRE_TOPIC_PARTITIONS,
    ...(cfg.NEWSWIRE_TOPIC_REPLICATION !== undefined ? { replication: cfg.NEWSWIRE_TOPIC_REPLICATION } : {}),
    topicPrefix: cfg.NEWSWIRE_TOPIC_PREFIX,
    connectTimeoutMs: cfg.KAFKA_CONNECT_TIMEOUT_MS,
    shutdownTimeoutMs: cfg.NEWSWIRE_SHUTDOWN_TIMEOUT_MS,
  };
}
