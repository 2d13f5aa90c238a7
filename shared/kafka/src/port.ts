/**
 * The Kafka port: everything newswire asks of Kafka, in newswire's own types.
 * No client library's type crosses it; the kafkajs adapter (./kafkajs/) is
 * its one implementation, so replacing kafkajs means writing another adapter
 * against this file and nothing else.
 *
 * Offsets are bigint (Kafka offsets are int64). Reads join no consumer group:
 * a range read or a tail fetches the partitions it is given directly from
 * their leaders, so it starts at once on any Kafka (no group join, no
 * group.initial.rebalance.delay.ms) and leaves nothing behind on the cluster.
 */

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface PartitionOffsets {
  partition: number;
  /** First offset still stored (the log start). */
  low: bigint;
  /** End offset: the offset the next record gets (the high watermark). */
  high: bigint;
}

export interface ClusterInfo {
  /** Kafka's cluster id; another cluster (or a wiped dev broker) has another. */
  clusterId: string;
  /** Brokers in the cluster right now. */
  brokers: number;
}

export interface TopicSpec {
  partitions: number;
  /** Replicas per partition; default min(3, brokers in the cluster). */
  replication?: number;
  /** Topic configs set at creation, e.g. { 'cleanup.policy': 'compact' }. An existing topic is left as it is. */
  configs?: Record<string, string>;
}

export type RecordHeaders = Record<string, Buffer | Buffer[] | undefined>;

/** One record as read from Kafka. */
export interface KafkaRecord {
  topic: string;
  partition: number;
  offset: bigint;
  /** The record's timestamp, epoch ms. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
}

/** What one fetch returned for one partition. */
export interface FetchedBatch {
  topic: string;
  partition: number;
  /** In offset order; every offset at or above the position the fetch asked for. */
  records: KafkaRecord[];
  highWatermark: bigint;
  /** Where reading this partition continues (after the last record, or past offsets with no visible record). */
  next: bigint;
  /**
   * The wanted offset was not in the log (retention removed it, or the log
   * was deleted and recreated shorter): reading jumped to the log start.
   */
  reset?: { requested: bigint; available: bigint };
}

/** Offsets [from, to) of one partition; no `to` reads on with new records until stopped. */
export interface OffsetRange {
  topic: string;
  partition: number;
  from: bigint;
  to?: bigint;
}

export interface ReadOptions {
  /** Stops the read; readRange then resolves (check signal.aborted). */
  signal?: AbortSignal;
  /** How long the broker holds a fetch that has nothing new yet. Default 200 ms. */
  maxWaitMs?: number;
  /** Bytes per partition per fetch. Default 1 MiB. */
  maxBytesPerPartition?: number;
  /** Bytes per fetch response. Default 8 MiB. */
  maxBytes?: number;
  /** Checked before every fetch: false leaves a partition unfetched for now (back-pressure). */
  wants?: (topic: string, partition: number) => boolean;
}

/** Called once per fetched partition batch, never concurrently; awaited before that partition is fetched again. */
export type BatchHandler = (batch: FetchedBatch) => void | Promise<void>;

export type StartAt = bigint | 'earliest' | 'latest';

export interface TailOptions extends Omit<ReadOptions, 'signal'> {
  topics: readonly string[];
  /**
   * Where a partition starts the first time the tail sees it: the topics'
   * partitions at start, and any that appear later (a topic created or grown
   * while tailing; 'earliest' reads everything such a partition holds).
   */
  startAt: (topic: string, partition: number) => StartAt;
  onBatch: BatchHandler;
  /** How often to look for new topics and partitions. Default 10 s. */
  metadataRefreshMs?: number;
}

/**
 * How a tail is doing, for readiness probes: `fetching` means the last fetch
 * round succeeded; `retrying` means the last one failed (lastError says why)
 * and it is trying again with backoff.
 */
export interface TailHealth {
  state: 'starting' | 'fetching' | 'retrying' | 'stopped';
  /** The last fetch round (or metadata check) reached Kafka. */
  connected: boolean;
  /** Partitions being read. */
  partitions: number;
  /** Tailed topics that do not exist (yet). */
  missingTopics: string[];
  /** Completed fetch rounds. */
  fetches: number;
  /** When the last round completed, epoch ms. */
  lastFetchAt: number | null;
  lastError: { message: string; at: number } | null;
}

export interface Tail {
  health(): TailHealth;
  /** Resolves after the first round that reached Kafka (a fetch, or finding nothing to fetch). */
  firstRound(): Promise<void>;
  stop(): Promise<void>;
}

/** A record to send, to an explicit partition (see partitionForKey). */
export interface OutgoingRecord {
  topic: string;
  partition: number;
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
}

export interface SenderOptions {
  /** Idempotent producer (retries never duplicate). Default true. */
  idempotent?: boolean;
  /** Send retries before send() rejects: bounded, so callers learn about an unreachable broker. */
  retries?: number;
  /**
   * Record-batch compression. Kafka checks message.max.bytes (1 MB by
   * default) against the batch as stored, so large JSON values (story
   * snapshots) fit several times more per batch compressed. Default none.
   */
  compression?: 'none' | 'gzip';
}

/** Sends with acks=all (every in-sync replica), one request per call, one request in flight. */
export interface Sender {
  /** The offset of every record, in input order. */
  send(records: readonly OutgoingRecord[]): Promise<bigint[]>;
  close(): Promise<void>;
}

export interface KafkaPort {
  readonly brokers: readonly string[];
  describeCluster(): Promise<ClusterInfo>;
  listTopics(): Promise<string[]>;
  /** Per partition, sorted; empty when the topic does not exist. */
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Per partition: the first offset whose record timestamp is >= ms, or the end offset when none is. */
  offsetsAt(topic: string, ms: number): Promise<Map<number, bigint>>;
  /** Partition count of each topic that exists. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>;
  /**
   * Creates whichever of `topics` do not exist, with partitions and
   * replication sent explicitly (Kafka before 2.4 refuses "broker default").
   * Existing topics are left alone. Returns the names it created. A refusal
   * throws KafkaAdminError naming the broker's reason.
   */
  ensureTopics(topics: readonly string[], spec: TopicSpec): Promise<string[]>;
  /** Deletes topics (missing ones are ignored); Kafka finishes the deletion in the background. */
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Consumer groups on the cluster: an operator's view (newswire itself joins none). */
  listGroups(): Promise<string[]>;
  /**
   * Reads offset ranges, no consumer group involved. Resolves when every
   * range reached its `to` (or the end of the log, when `to` lies beyond it),
   * or when the signal aborts. Rejects when Kafka keeps failing.
   */
  readRange(ranges: readonly OffsetRange[], onBatch: BatchHandler, opts?: ReadOptions): Promise<void>;
  /** Follows topics from given positions, finding new partitions as they appear, until stopped. */
  tail(opts: TailOptions): Tail;
  /** A connected sender; close it (or the port) when done. */
  openSender(opts?: SenderOptions): Promise<Sender>;
  /** Closes the port and every sender, read and tail it opened. Idempotent. */
  close(): Promise<void>;
}

/** A broker refused an admin request; the message names the broker's reason. */
export class KafkaAdminError extends Error {
  constructor(
    message: string,
    /** Kafka protocol error codes per topic, when the broker gave them. */
    readonly codes: ReadonlyMap<string, number> = new Map(),
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KafkaAdminError';
  }
}

export class KafkaUnreachableError extends Error {
  constructor(
    readonly brokers: readonly string[],
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    super(`Kafka is unreachable at ${brokers.join(',')} (gave up after ${timeoutMs} ms${why})`);
    this.name = 'KafkaUnreachableError';
  }
}
