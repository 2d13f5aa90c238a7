/**
 * The kafkajs internals newswire relies on, all in this one file.
 *
 * kafkajs has no public way to fetch partitions without a consumer group
 * (no assign()), and a group join costs group.initial.rebalance.delay.ms
 * (3 s on a stock Kafka) per read. Its consumer fetches through an internal
 * Cluster and Broker.fetch; newswire's group-less reads do the same. kafkajs
 * 2.2.4 is pinned exactly (package.json) and abandoned upstream, so these
 * shapes cannot change under us; test/kafkajs-internals.test.ts is the
 * canary that fails first if they ever do.
 *
 * Used here:
 *   - the Kafka client's private `createCluster` (a Symbol-keyed property),
 *     so the cluster shares the client's brokers, logger, retry and socket settings;
 *   - Cluster: connect, disconnect, addMultipleTargetTopics, refreshMetadata,
 *     findTopicPartitionMetadata, findBroker;
 *   - Broker.fetch and its decoded response;
 *   - kafkajs/src/consumer/batch.js: the consumer's own filtering of a fetched
 *     partition (records below the fetch offset, control records, aborted transactions);
 *   - kafkajs/src/network/requestQueue: its pending-request timer is clamped
 *     (clampRequestQueueTimer below), the one change newswire makes to kafkajs.
 */
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';

export const KAFKAJS_VERSION = '2.2.4';

/** Isolation level of newswire's fetches: only committed records (kafkajs's consumer default). */
export const READ_COMMITTED = 1;

export interface InternalRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | undefined>;
  isControlRecord?: boolean;
}

export interface FetchPartitionResponse {
  partition: number;
  errorCode: number;
  highWatermark: string;
  lastStableOffset?: string;
  abortedTransactions?: unknown[];
  messages: InternalRecord[];
}

export interface FetchResponse {
  responses: { topicName: string; partitions: FetchPartitionResponse[] }[];
}

export interface FetchRequest {
  isolationLevel: number;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
}

export interface InternalBroker {
  fetch(request: FetchRequest): Promise<FetchResponse>;
}

export interface PartitionMetadata {
  partitionId: number;
  leader: number;
  partitionErrorCode: number;
}

export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): PartitionMetadata[];
  findBroker(args: { nodeId: string }): Promise<InternalBroker>;
}

type CreateCluster = (opts: { metadataMaxAge?: number; allowAutoTopicCreation?: boolean; isolationLevel?: number }) => InternalCluster;

/** A Cluster of the client's own configuration, as kafkajs builds one for each consumer. */
export function createInternalCluster(kafka: Kafka, opts: { metadataMaxAge: number }): InternalCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof create !== 'function') throw new Error(`kafkajs internals changed: no private createCluster on the client (newswire needs kafkajs ${KAFKAJS_VERSION})`);
  return (create as CreateCluster)({ metadataMaxAge: opts.metadataMaxAge, allowAutoTopicCreation: false, isolationLevel: READ_COMMITTED });
}

interface InternalBatch {
  /** Records at or above the fetch offset, control records and aborted transactions removed. */
  messages: InternalRecord[];
  /** Every record at or above the fetch offset, control records included: how far the fetch got. */
  messagesWithinOffset: InternalRecord[];
}
type BatchClass = new (topic: string, fetchedOffset: string, partitionData: FetchPartitionResponse) => InternalBatch;

const require = createRequire(import.meta.url);
const Batch = require('kafkajs/src/consumer/batch.js') as BatchClass;

/** What a consumer would hand out from one fetched partition, and how far it got. */
export function visibleRecords(topic: string, fetchOffset: bigint, data: FetchPartitionResponse): { records: InternalRecord[]; lastOffset: bigint | null } {
  const batch = new Batch(topic, fetchOffset.toString(), data);
  const within = batch.messagesWithinOffset;
  return { records: batch.messages, lastOffset: within.length ? BigInt(within[within.length - 1]!.offset) : null };
}

/** kafkajs's error for OFFSET_OUT_OF_RANGE names the partition; other protocol errors carry a type and code. */
export function offsetOutOfRange(err: unknown): { topic: string; partition: number } | null {
  if (!(err instanceof Error) || err.name !== 'KafkaJSOffsetOutOfRange') return null;
  const e = err as Error & { topic?: unknown; partition?: unknown };
  return typeof e.topic === 'string' && typeof e.partition === 'number' ? { topic: e.topic, partition: e.partition } : null;
}

interface RequestQueueInstance {
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  pending: unknown[];
  checkPendingRequests(): void;
}
interface RequestQueueClass {
  prototype: RequestQueueInstance & { scheduleCheckPendingRequests(this: RequestQueueInstance): void };
}
const CLAMPED = Symbol.for('newswire:kafkajs:request-queue-clamped');
/** kafkajs's own interval for re-checking requests held back by too many in flight (requestQueue/index.js). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/**
 * kafkajs schedules its pending-request check at `throttledUntil - now`, and
 * throttledUntil is -1 until a broker throttles the client: a timer of minus
 * the epoch after every response. Node 20 quietly ran it after 1 ms; Node 24
 * also prints a TimeoutNegativeWarning on stderr, a stray non-JSON line in
 * every log. The same schedule, with the delay never below 0: a throttle
 * still running is waited out; requests held back with no throttle are
 * checked after kafkajs's interval; otherwise the check runs next turn.
 * (Wrapping kafkajs's method was not enough: it reads the clock again, and a
 * millisecond tick in between still gave -1.) createKafkajsClient installs it
 * once per kafkajs copy, so every client of the adapter has it.
 */
export function clampRequestQueueTimer(): void {
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;
  const proto = RequestQueue.prototype as RequestQueueClass['prototype'] & { [CLAMPED]?: true };
  if (typeof proto.scheduleCheckPendingRequests !== 'function' || typeof proto.checkPendingRequests !== 'function') {
    throw new Error(`kafkajs internals changed: no RequestQueue.scheduleCheckPendingRequests (newswire needs kafkajs ${KAFKAJS_VERSION})`);
  }
  if (proto[CLAMPED]) return;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueInstance) {
    if (this.throttleCheckTimeoutId) return; // one check is already due
    let delay = this.throttledUntil - Date.now();
    if (delay <= 0) delay = this.pending.length > 0 ? CHECK_PENDING_REQUESTS_INTERVAL_MS : 0;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
  proto[CLAMPED] = true;
}
