/**
 * The kafkajs client as newswire configures it: logging through pino,
 * bounded retries, and a connect that gives up after a deadline.
 */
import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { configDefaults, createLogger, type Logger } from '@newswire/config';
import { KafkaUnreachableError } from '../port.ts';
import { clampRequestQueueTimer } from './internals.ts';

/** KAFKA_BROKERS unset: the dev broker at its default address (BROKER_HOST:BROKER_PORT in the config schema). */
export const DEFAULT_BROKERS = [`${configDefaults('broker').BROKER_HOST}:${configDefaults('broker').BROKER_PORT}`];

/** How long a command waits for Kafka before it gives up with a clear error (KAFKA_CONNECT_TIMEOUT_MS's default). */
export const DEFAULT_CONNECT_TIMEOUT_MS = configDefaults('kafka').KAFKA_CONNECT_TIMEOUT_MS;

export interface KafkaOptions {
  brokers: readonly string[];
  clientId?: string;
  logger?: Logger;
  /** Give up opening the port when Kafka does not answer within this (KafkaUnreachableError). */
  connectTimeoutMs?: number;
  /** Per-connection TCP connect timeout (kafkajs default 1000 ms). */
  connectionTimeoutMs?: number;
  /**
   * Cluster-level retries for connection and metadata errors. Short-lived
   * commands pass a small number so kafkajs's retry loop ends soon after
   * the connect deadline (it cannot be cancelled).
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

export function createKafkajsClient(opts: KafkaOptions): Kafka {
  clampRequestQueueTimer();
  const logger = opts.logger ?? createLogger('kafkajs');
  return new Kafka({
    clientId: opts.clientId ?? 'newswire',
    brokers: [...opts.brokers],
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    retry: { retries: opts.retries ?? 8, initialRetryTime: 100, maxRetryTime: opts.maxRetryTimeMs ?? 5000 },
  });
}

/**
 * Connects a kafkajs client (producer or admin) but gives up after
 * `timeoutMs` instead of running kafkajs's whole retry loop, disconnecting
 * whatever half-opened. Throws KafkaUnreachableError.
 */
export async function connectWithin(
  client: { connect(): Promise<void>; disconnect(): Promise<void> },
  brokers: readonly string[],
  timeoutMs: number = DEFAULT_CONNECT_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaUnreachableError(brokers, timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (err) {
    client.disconnect().catch(() => {});
    if (err instanceof KafkaUnreachableError) throw err;
    throw new KafkaUnreachableError(brokers, timeoutMs, err);
  } finally {
    clearTimeout(timer);
  }
}
