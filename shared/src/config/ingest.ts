import { z } from 'zod';

export const ingestConfig = z.object({
  INGEST_HOST: z.string().default('127.0.0.1'),
  INGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
});
