import { z } from 'zod';

export const ingestConfig = z.object({
  /** Empty would bind every interface (Node's listen(port, '') is '::'): refused like BROKER_HOST. */
  INGEST_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Bearer token required on POST /v1/updates when set (unset: no auth). */
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Largest accepted request body; larger bodies get 413. */
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** How many recent update ids the service remembers to refuse republishing a repeated id. */
  INGEST_DEDUPE_WINDOW: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  /** Most updates in one request; more get 413 before any is parsed. */
  INGEST_MAX_ITEMS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** Longest a request waits for Kafka before answering 503 with what was stored so far. */
  INGEST_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Most updates waiting for Kafka across requests; past it new requests get 503 at once. */
  INGEST_MAX_PENDING: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
});
