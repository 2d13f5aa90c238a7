import { z } from 'zod';

export const brokerConfig = z.object({
  BROKER_HOST: z.string().default('127.0.0.1'),
  BROKER_PORT: z.coerce.number().int().min(0).max(65535).default(9092),
  BROKER_DATA_DIR: z.string().default('.data/broker'),
});
