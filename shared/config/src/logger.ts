import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * One place that builds loggers. JSON to stdout always; humans pipe through
 * `pino-pretty` (npm start does that for them when stdout is a terminal).
 * Secrets never reach a log line: known secret-bearing fields are redacted.
 */
export function createLogger(name: string, opts: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    name,
    level: process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: ['token', 'secret', 'password', 'authorization', '*.authorization', '*.token', '*.secret', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...opts,
  };
  // CLIs pass stderr (pino.destination(2)) so logs never mix with their stdout output.
  return destination ? pino(options, destination) : pino(options);
}
