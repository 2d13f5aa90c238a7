import { z } from 'zod';

export const ingestConfig = z.object({
  INGEST_HOST: z.string().default('127.0.0.1'),
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Bearer token required on POST /v1/updates when set (unset: no auth). */
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Largest accepted request body; larger bodies get 413. */
  INGEST_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** How many recent update ids the service remembers to refuse republishing a repeated id. */
  INGEST_DEDUPE_WINDOW: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
});
