/**
 * The embeddable dev broker: `startBroker({ port: 0, dataDir })` runs a
 * single-node Kafka-wire-compatible broker in this process.
 */
import { mkdirSync } from 'node:fs';
import { createLogger } from '@newswire/config'; // a small package (pino, zod): the broker loads no kafkajs or event schemas
import { brokerOptionsSchema, type BrokerOptionsInput } from './options.ts';
import { openLogManager } from './storage/log-manager.ts';
import { GroupCoordinator } from './groups/group-coordinator.ts';
import { PersistentMeta } from './server/persistent-meta.ts';
import { FetchWaiters } from './server/fetch-waiters.ts';
import { TcpServer } from './server/tcp-server.ts';
import type { BrokerContext } from './server/context.ts';
import { SlabPool } from './storage/read-buffers.ts';
import { TopicIds } from './server/topic-ids.ts';
import { FetchBudget } from './server/fetch-budget.ts';
import type { PartitionCleanReport } from './storage/log-cleaner.ts';

export type { BrokerOptionsInput as BrokerOptions } from './options.ts';
export { brokerOptionsSchema } from './options.ts';
export type { PartitionCleanReport } from './storage/log-cleaner.ts';
export { brokerOptionsFromConfig } from './from-config.ts';

export interface RunningBroker {
  host: string;
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  clusterId: string;
  /**
   * Run a log-cleaner pass now over every compacted topic whose dirty ratio
   * is reached (the background timer runs the same); resolves with what it
   * cleaned. For tests and tools that must not wait for the timer.
   */
  compactNow(): Promise<PartitionCleanReport[]>;
  /**
   * Run a retention pass now (the timer runs one every 60 s, as Kafka's
   * log.retention.check.interval.ms). For tests and tools that must not wait.
   */
  enforceRetentionNow(): void;
  stop(): Promise<void>;
}

/** Limits a connection runs with (see Connection): generous for a dev broker, but bounded. */
const MAX_IN_FLIGHT_PER_CONNECTION = 256;
const MAX_PENDING_WRITE_BYTES = 64 * 1024 * 1024;

export async function startBroker(input: BrokerOptionsInput): Promise<RunningBroker> {
  const { logger: givenLogger, ...rest } = input;
  const opts = brokerOptionsSchema.parse(rest);
  const logger = givenLogger ?? createLogger('broker');
  mkdirSync(opts.dataDir, { recursive: true });

  const meta = new PersistentMeta(opts.dataDir);
  // Partition directories (<topic>-<n>) live next to broker-meta.json and the offsets file.
  const logs = openLogManager(
    opts.dataDir,
    {
      segmentBytes: opts.segmentBytes,
      retentionMs: opts.retentionMs,
      retentionBytes: opts.retentionBytes,
      flush: opts.flush,
      maxBatchBytes: opts.messageMaxBytes,
    },
    {
      logger,
      recovery: opts.recovery,
      cleaner: {
        intervalMs: opts.cleanerIntervalMs,
        minCleanableDirtyRatio: opts.minCleanableDirtyRatio,
        deleteRetentionMs: opts.deleteRetentionMs,
        maxKeys: opts.cleanerMaxKeys,
      },
    },
  );
  let groups: GroupCoordinator;
  try {
    groups = new GroupCoordinator({
      dataDir: opts.dataDir,
      logger,
      fsync: opts.flush === 'always',
      initialRebalanceDelayMs: opts.groupInitialRebalanceDelayMs,
    });
  } catch (err) {
    logs.close();
    throw err;
  }

  const ctx: BrokerContext = {
    logs,
    groups,
    meta,
    topicIds: new TopicIds(opts.dataDir),
    waiters: new FetchWaiters(),
    logger,
    defaultPartitions: opts.defaultPartitions,
    autoCreateTopics: opts.autoCreateTopics,
    maxPartitions: 1000,
    maxFetchWaitMs: opts.maxFetchWaitMs,
    fetchMaxBytes: opts.fetchMaxBytes,
    fetchBudget: new FetchBudget(opts.maxFetchBytesInFlight),
    readSlabs: new SlabPool(),
    closing: false,
  };
  const server = new TcpServer(ctx, {
    host: opts.host,
    port: opts.port,
    maxConnections: opts.maxConnections,
    maxBufferedRequestBytes: opts.maxBufferedRequestBytes,
    maxFrameBytes: opts.maxFrameBytes,
    maxInFlight: MAX_IN_FLIGHT_PER_CONNECTION,
    maxPendingWriteBytes: MAX_PENDING_WRITE_BYTES,
    idleTimeoutMs: opts.idleTimeoutMs,
    firstRequestTimeoutMs: opts.firstRequestTimeoutMs,
    incompleteFrameTimeoutMs: opts.incompleteFrameTimeoutMs,
    closeTimeoutMs: opts.shutdownTimeoutMs,
  });
  try {
    await server.listen();
  } catch (err) {
    groups.close();
    logs.close();
    throw err;
  }
  logger.info({ host: opts.host, port: server.port, dataDir: opts.dataDir, clusterId: meta.clusterId }, 'broker listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      ctx.closing = true;
      const closed = server.close();
      ctx.waiters.notifyAll();
      await closed;
      groups.close();
      logs.close();
      logger.info('broker stopped');
    })());

  return { host: opts.host, port: server.port, clusterId: meta.clusterId, compactNow: () => logs.runCleaner(), enforceRetentionNow: () => logs.enforceRetention(Date.now()), stop };
}

