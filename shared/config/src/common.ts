import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings every newswire process reads, whatever it runs. */
export const commonConfig = z.object({
  /** pino level. Unset: `info` for services, `silent` for the CLI tools (they print their own one-line errors). */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  /**
   * Longest a service (gateway, ingest, start, broker) takes to shut down after
   * SIGINT/SIGTERM, whatever state Kafka is in: a step that has not finished
   * by then (a Kafka client retrying a dead broker) is abandoned.
   */
  NEWSWIRE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
});
