/**
 * TEMPORARY: the old kafkajs-typed helpers, kept only while callers move to
 * the Kafka port (port.ts). Deleted when the last caller has moved.
 */
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type KafkaConfig,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import { createLogger, type Logger } from '@newswire/config';
import { DEFAULT_BROKERS } from './kafkajs/client.ts';

export type { Admin, Consumer, Kafka, Message, Producer } from 'kafkajs';
export type { EachBatchPayload, KafkaMessage, IHeaders } from 'kafkajs';


export interface LegacyKafkaOptions {
  brokers?: string[];
  clientId?: string;
  logger?: Logger;
  /** Per-connection TCP connect timeout (kafkajs default 1000 ms). */
  connectionTimeoutMs?: number;
  /**
   * Cluster-level retries for connection and metadata errors. Short-lived
   * commands pass a small number so kafkajs's retry loop ends soon after
   * connectWithin gave up (it cannot be cancelled).
   */
  retries?: number;
  maxRetryTimeMs?: number;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs warns about this every time an idempotent producer is created with
 * bounded retries. We bound them on purpose (a CLI must fail, not hang, when
 * Kafka goes away) and a failed send closes the producer, so the sequence
 * numbers it protects are never reused.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer'];

/** Routes kafkajs's own logging into pino, one level below ours to keep noise down. */
function pinoLogCreator(logger: Logger): KafkaConfig['logCreator'] {
  return () => (entry: LogEntry) => {
    const { message, ...extra } = entry.log;
    if (EXPECTED_WARNINGS.some((w) => message.startsWith(w))) return;
    const level = LEVELS[entry.level] ?? 'info';
    logger[level === 'info' ? 'debug' : level]({ namespace: entry.namespace, ...extra }, message);
  };
}

export function createKafka(opts: LegacyKafkaOptions = {}): Kafka {
  const logger = opts.logger ?? createLogger('kafkajs');
  return new Kafka({
    clientId: opts.clientId ?? 'newswire',
    brokers: opts.brokers ?? DEFAULT_BROKERS,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    retry: { retries: opts.retries ?? 8, initialRetryTime: 100, maxRetryTime: opts.maxRetryTimeMs ?? 5000 },
  });
}

export interface ProducerOptions {
  /** Idempotent (exactly-once per partition for retries). Default true. */
  idempotent?: boolean;
  /**
   * Retries of a failed send before it is reported. Bounded so that a caller
   * learns about an unreachable broker instead of waiting forever.
   */
  retries?: number;
}

/**
 * An idempotent producer: acks=-1 is required (and set per send by
 * sendBatchAll), and kafkajs only keeps ordering/dedup guarantees for an
 * idempotent producer with one request in flight per broker.
 */
export function createProducer(kafka: Kafka, opts: ProducerOptions = {}): Producer {
  const idempotent = opts.idempotent ?? true;
  return kafka.producer({
    idempotent,
    maxInFlightRequests: idempotent ? 1 : undefined,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: opts.retries ?? 10, initialRetryTime: 100, maxRetryTime: 3000 },
  });
}

/** The acks every newswire send uses: all in-sync replicas. */
export const PRODUCE_ACKS = -1;

export function createConsumer(kafka: Kafka, config: ConsumerConfig): Consumer {
  return kafka.consumer({ allowAutoTopicCreation: false, ...config });
}

export function createAdmin(kafka: Kafka): Admin {
  return kafka.admin();
}

/**
 * Creates whichever of `topics` do not exist yet, each with `partitions`
 * partitions. Existing topics are left alone (never re-partitioned). Returns
 * the names it created.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[], partitions: number): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
  });
  return missing;
}

/** Partition count per topic, from cluster metadata. Unknown topics are omitted. */
export async function partitionCounts(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const wanted = topics.filter((t) => existing.has(t));
  const counts = new Map<string, number>();
  if (wanted.length === 0) return counts;
  const { topics: meta } = await admin.fetchTopicMetadata({ topics: wanted });
  for (const t of meta) counts.set(t.name, t.partitions.length);
  return counts;
}

export { connectWithin } from './kafkajs/client.ts';
