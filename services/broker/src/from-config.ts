/**
 * The dev broker's options from the validated environment (@newswire/config:
 * the common and broker sections). `newswire broker` (flags bound to BROKER_*
 * on top) and `newswire start` (its embedded broker) both start it from this.
 */
import { resolve } from 'node:path';
import type { ConfigOf } from '@newswire/config';
import type { BrokerOptions } from './options.ts';

/** Every option the schema has a variable for; the rest keep startBroker's defaults. */
export type ConfiguredBrokerOptions = Omit<BrokerOptions, 'maxBufferedRequestBytes' | 'maxFetchWaitMs' | 'maxFetchBytesInFlight'>;

export function brokerOptionsFromConfig(cfg: ConfigOf<'common' | 'broker'>): ConfiguredBrokerOptions {
  return {
    host: cfg.BROKER_HOST,
    port: cfg.BROKER_PORT,
    dataDir: resolve(cfg.BROKER_DATA_DIR),
    defaultPartitions: cfg.BROKER_PARTITIONS,
    autoCreateTopics: cfg.BROKER_AUTO_CREATE_TOPICS,
    retentionMs: cfg.BROKER_RETENTION_MS,
    retentionBytes: cfg.BROKER_RETENTION_BYTES,
    segmentBytes: cfg.BROKER_SEGMENT_BYTES,
    flush: cfg.BROKER_FLUSH,
    maxFrameBytes: cfg.BROKER_MAX_FRAME_BYTES,
    maxConnections: cfg.BROKER_MAX_CONNECTIONS,
    messageMaxBytes: cfg.BROKER_MESSAGE_MAX_BYTES,
    fetchMaxBytes: cfg.BROKER_FETCH_MAX_BYTES,
    groupInitialRebalanceDelayMs: cfg.BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS,
    idleTimeoutMs: cfg.BROKER_IDLE_TIMEOUT_MS,
    firstRequestTimeoutMs: cfg.BROKER_FIRST_REQUEST_TIMEOUT_MS,
    incompleteFrameTimeoutMs: cfg.BROKER_INCOMPLETE_FRAME_TIMEOUT_MS,
    recovery: cfg.BROKER_RECOVERY,
    shutdownTimeoutMs: cfg.NEWSWIRE_SHUTDOWN_TIMEOUT_MS,
    cleanerIntervalMs: cfg.BROKER_CLEANER_INTERVAL_MS,
    minCleanableDirtyRatio: cfg.BROKER_MIN_CLEANABLE_DIRTY_RATIO,
    deleteRetentionMs: cfg.BROKER_DELETE_RETENTION_MS,
    cleanerMaxKeys: cfg.BROKER_CLEANER_MAX_KEYS,
  };
}
