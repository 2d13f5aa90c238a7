/**
 * The one module that knows the Kafka client library. Everything else asks
 * this module for a client, producer, consumer or admin, so swapping kafkajs
 * for another client later touches this file only.
 */
import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { createLogger, type Logger } from './logger.ts';

export const DEFAULT_BROKERS = ['127.0.0.1:9092'];

export interface KafkaOptions {
  brokers?: string[];
  clientId?: string;
  logger?: Logger;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logging into pino, one level below ours to keep noise down. */
function pinoLogCreator(logger: Logger): KafkaConfig['logCreator'] {
  return () => (entry: LogEntry) => {
    const { message, ...extra } = entry.log;
    const level = LEVELS[entry.level] ?? 'info';
    logger[level === 'info' ? 'debug' : level]({ namespace: entry.namespace, ...extra }, message);
  };
}

export function createKafka(opts: KafkaOptions = {}): Kafka {
  const logger = opts.logger ?? createLogger('kafkajs');
  return new Kafka({
    clientId: opts.clientId ?? 'newswire',
    brokers: opts.brokers ?? DEFAULT_BROKERS,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 5000 },
  });
}
