import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { commonConfig, type LogLevel } from './common.ts';

export type { Logger };

/**
 * LOG_LEVEL through the config schema, or `fallback` when unset: `info` for
 * services, `silent` for CLI tools. An invalid value falls back too; the
 * command's own loadConfig reports it and exits 2 before anything runs.
 */
export function logLevel(fallback: LogLevel = 'info'): LogLevel {
  const parsed = commonConfig.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL);
  return (parsed.success ? parsed.data : undefined) ?? fallback;
}

/**
 * One place that builds loggers. JSON to stdout always; humans pipe through
 * `pino-pretty` (npm start does that for them when stdout is a terminal).
 * Secrets never reach a log line: known secret-bearing fields are redacted.
 */
export function createLogger(name: string, opts: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level: logLevel(),
    redact: {
      paths: ['token', 'secret', 'password', 'authorization', '*.authorization', '*.token', '*.secret', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...opts,
  };
  // CLIs pass stderr (pino.destination(2)) so logs never mix with their stdout output.
  return destination ? pino(options, destination) : pino(options);
}
