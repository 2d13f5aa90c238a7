/**
 * `--brokers` / KAFKA_BROKERS handling shared by every producer-side command,
 * and the mapping of Kafka failures to exit codes.
 */
import pino from 'pino';
import { createLogger, loadConfig, type Logger } from '@newswire/config';
import { DEFAULT_BROKERS, KafkaUnreachableError } from '@newswire/kafka';
import { UsageError } from '../command.ts';

const HOST_PORT = /^[A-Za-z0-9.\-_]+:\d{1,5}$/;

export interface KafkaSettings {
  brokers: string[];
  connectTimeoutMs: number;
  partitions: number;
  clientId: string;
  /** kafkajs cluster retries for a CLI: few, so an unreachable broker fails fast and the process can exit. */
  kafkaRetries: number;
}

/** --brokers wins over KAFKA_BROKERS, which wins over the dev broker default. */
export function kafkaSettings(brokersFlag: string | undefined): KafkaSettings {
  const config = loadConfig();
  let brokers = config.KAFKA_BROKERS ?? DEFAULT_BROKERS;
  if (brokersFlag !== undefined) {
    brokers = brokersFlag.split(',').map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0 || !brokers.every((b) => HOST_PORT.test(b))) {
      throw new UsageError(`--brokers must be a comma-separated list of host:port, got "${brokersFlag}"`);
    }
  }
  return {
    brokers,
    connectTimeoutMs: config.KAFKA_CONNECT_TIMEOUT_MS,
    partitions: config.NEWSWIRE_TOPIC_PARTITIONS,
    clientId: config.KAFKA_CLIENT_ID,
    kafkaRetries: 5,
  };
}

export const BROKERS_HELP = `  --brokers <host:port,...>  Kafka bootstrap servers (env KAFKA_BROKERS; default 127.0.0.1:9092)`;

/** Prints a runtime failure and returns exit code 1 (usage errors are rethrown for main: exit 2). */
export function reportFailure(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof UsageError) throw err;
  if (err instanceof KafkaUnreachableError) {
    stderr.write(`newswire: ${err.message}. Is the broker running? Start one with \`newswire broker\` or set KAFKA_BROKERS.\n`);
    return 1;
  }
  stderr.write(`newswire: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
}

/**
 * CLI logs go to stderr (stdout carries the command's output) and are off
 * unless LOG_LEVEL asks for them: commands report failures in one clear line
 * of their own instead of kafkajs's per-retry connection errors.
 */
export function cliLogger(name: string): Logger {
  return createLogger(name, { level: process.env.LOG_LEVEL ?? 'silent' }, pino.destination({ fd: 2, sync: true }));
}
