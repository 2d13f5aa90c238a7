/**
 * The Kafka settings of the producer-side commands (publish, topics, replay,
 * demo): KAFKA_* variables with `--brokers` on top, read through the one
 * config loader, and the quiet stderr logger those commands use.
 */
import pino from 'pino';
import { createLogger, loadConfig, logLevel, type ConfigOf, type Logger } from '@newswire/config';
import { DEFAULT_BROKERS } from '@newswire/kafka';

export interface KafkaSettings {
  brokers: string[];
  connectTimeoutMs: number;
  partitions: number;
  /** Replication factor of created topics; undefined = min(3, brokers). */
  replication: number | undefined;
  /** NEWSWIRE_TOPIC_PREFIX: topics are `<prefix>.<family>`. */
  topicPrefix: string;
  clientId: string;
  /** kafkajs cluster retries for a CLI: few, so an unreachable broker fails fast and the process can exit. */
  kafkaRetries: number;
}

/** The flag every Kafka command takes, and the variable it sets: a command parses it through flagOptions of its bindings. */
export const BROKERS_BINDING = { brokers: 'KAFKA_BROKERS' } as const;

export function settingsFrom(config: ConfigOf<'kafka'>): KafkaSettings {
  return {
    brokers: config.KAFKA_BROKERS ?? DEFAULT_BROKERS,
    connectTimeoutMs: config.KAFKA_CONNECT_TIMEOUT_MS,
    partitions: config.NEWSWIRE_TOPIC_PARTITIONS,
    replication: config.NEWSWIRE_TOPIC_REPLICATION,
    topicPrefix: config.NEWSWIRE_TOPIC_PREFIX,
    clientId: config.KAFKA_CLIENT_ID,
    kafkaRetries: 5,
  };
}

/** --brokers wins over KAFKA_BROKERS, which wins over the dev broker default. Throws ConfigError (exit 2). */
export function kafkaSettings(values: { brokers?: string | undefined }): KafkaSettings {
  return settingsFrom(loadConfig(['kafka'], { flags: values, bindings: BROKERS_BINDING }));
}

/** KAFKA_BROKERS has no default: unset, commands use the dev broker at its default address. */
export const BROKERS_HELP = `  --brokers <host:port,...>  Kafka bootstrap servers (env KAFKA_BROKERS; unset: the dev broker at ${DEFAULT_BROKERS.join(',')})`;

/**
 * CLI logs go to stderr (stdout carries the command's output) and are off
 * unless LOG_LEVEL asks for them: commands report failures in one clear line
 * of their own instead of kafkajs's per-retry connection errors.
 */
export function cliLogger(name: string): Logger {
  return createLogger(name, { level: logLevel('silent') }, pino.destination({ fd: 2, sync: true }));
}
