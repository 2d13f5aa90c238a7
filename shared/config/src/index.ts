import { z } from 'zod';
import { kafkaConfig } from './kafka.ts';
import { brokerConfig } from './broker.ts';
import { gatewayConfig } from './gateway.ts';
import { ingestConfig } from './ingest.ts';
import { startConfig } from './start.ts';

/**
 * The one schema for every environment variable newswire reads. Each service
 * owns a section (config/<service>.ts); they are merged here so `newswire
 * config` can document all of them and a typo anywhere fails in one place.
 */
export const configSchema = z.object({
  ...kafkaConfig.shape,
  ...brokerConfig.shape,
  ...gatewayConfig.shape,
  ...ingestConfig.shape,
  ...startConfig.shape,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parse env vars; throws ConfigError with one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
export * from './logger.ts';
