import { z } from 'zod';

/** "always" or a positive number of milliseconds. */
const flushPolicy = z
  .string()
  .regex(/^(always|[1-9]\d*)$/, 'must be "always" or a positive number of milliseconds')
  .transform((v): 'always' | number => (v === 'always' ? 'always' : Number(v)));

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The dev broker (`newswire broker`, and the embedded one `npm start` runs). Flags override these. */
export const brokerConfig = z.object({
  BROKER_HOST: z.string().default('127.0.0.1'),
  BROKER_PORT: z.coerce.number().int().min(0).max(65535).default(9092),
  BROKER_DATA_DIR: z.string().default('.data/broker'),
  /** Partitions of auto-created topics. */
  BROKER_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
  BROKER_AUTO_CREATE_TOPICS: boolFlag.default(true),
  /** Delete log segments older than this; -1 keeps forever. Default 7 days. */
  BROKER_RETENTION_MS: z.coerce.number().int().min(-1).default(604_800_000),
  /** Delete oldest segments while a partition is bigger than this; -1 = no limit. */
  BROKER_RETENTION_BYTES: z.coerce.number().int().min(-1).default(-1),
  BROKER_SEGMENT_BYTES: z.coerce.number().int().min(1024).max(2 ** 31 - 1).default(64 * 1024 * 1024),
  /** fsync policy: "always" (before every acknowledgement) or every N ms. */
  BROKER_FLUSH: flushPolicy.default(1000),
  /** Largest request frame accepted; a bigger one closes the connection. */
  BROKER_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
});
