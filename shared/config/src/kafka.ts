import { z } from 'zod';

const hostPort = /^[A-Za-z0-9.\-_]+:\d{1,5}$/;

export const kafkaConfig = z.object({
  /** Comma-separated host:port list. Unset: the embedded dev broker at 127.0.0.1:9092. */
  KAFKA_BROKERS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((b) => b.trim()).filter(Boolean) : undefined))
    .refine((l) => !l || l.every((b) => hostPort.test(b)), 'must be a comma-separated list of host:port'),
  KAFKA_CLIENT_ID: z.string().min(1).max(200).default('newswire'),
  /** How long producers, the CLI and services wait for Kafka before failing with a clear error. */
  KAFKA_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Partitions for newswire topics created at startup. */
  NEWSWIRE_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  /** Replicas per partition of created topics. Unset: min(3, brokers in the cluster). */
  NEWSWIRE_TOPIC_REPLICATION: z.coerce.number().int().min(1).max(100).optional(),
  /**
   * Topics are `<prefix>.<family>` (newswire.arrests, ...): another prefix lets
   * several deployments or test runs share one cluster. Kafka topic characters,
   * no leading or trailing dot. The default is @newswire/schema's DEFAULT_TOPIC_PREFIX.
   */
  NEWSWIRE_TOPIC_PREFIX: z
    .string()
    .regex(/^(?!\.)[A-Za-z0-9._-]{1,200}(?<!\.)$/, 'must be 1-200 of A-Z a-z 0-9 . _ - and not start or end with a dot')
    .default('newswire'),
});
