/**
 * `newswire ingest`: runs the HTTP ingest service until Ctrl-C / SIGTERM,
 * then stops accepting, finishes in-flight requests and flushes the producer.
 */
import { createLogger, loadConfig } from '@newswire/config';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { BROKERS_HELP, kafkaSettings, reportFailure } from '../producers/kafka-flags.ts';

const help = `
usage: newswire ingest [--host <addr>] [--port <n>] [--max-body-bytes <n>] [--brokers <list>]

Run the HTTP ingest service. POST /v1/updates takes one update (JSON), a JSON
array of updates, or NDJSON (content-type application/x-ndjson); every item is
validated first and nothing is published if any is invalid.

  --host <addr>          bind address (env INGEST_HOST; default 127.0.0.1)
  --port <n>             port, 0 for any free one (env INGEST_PORT; default 8081)
  --max-body-bytes <n>   request body limit, 413 above (env INGEST_MAX_BODY_BYTES; default 1 MiB)
  Bearer token: env INGEST_TOKEN (at least 16 characters). Unset: no auth.
  Repeated ids remembered: env INGEST_DEDUPE_WINDOW (default 100000).
${BROKERS_HELP}

Responses: 202 with positions; 400 naming each bad item and field; 401; 413; 415; 503.
Exit codes: 0 stopped cleanly, 1 Kafka unreachable or failed to start, 2 usage error.

Example:
  INGEST_TOKEN=change-me-to-a-long-secret newswire ingest --port 8081
  curl -X POST localhost:8081/v1/updates -H 'authorization: Bearer change-me-to-a-long-secret' \\
       -H 'content-type: application/json' -d @update.json
`;

async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags({
    args: argv,
    options: { host: { type: 'string' }, port: { type: 'string' }, 'max-body-bytes': { type: 'string' }, brokers: { type: 'string' } },
  });
  const config = loadConfig();
  const settings = kafkaSettings(values.brokers);
  const int = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const port = int('port', values.port, 0, 65535) ?? config.INGEST_PORT;
  const maxBodyBytes = int('max-body-bytes', values['max-body-bytes'], 1024, 64 * 1024 * 1024) ?? config.INGEST_MAX_BODY_BYTES;
  const logger = createLogger('ingest');
  const { startIngest } = await import('@newswire/ingest');
  let ingest;
  try {
    ingest = await startIngest({
      host: values.host ?? config.INGEST_HOST,
      port,
      brokers: settings.brokers,
      token: config.INGEST_TOKEN,
      maxBodyBytes,
      logger,
      partitions: settings.partitions,
      connectTimeoutMs: settings.connectTimeoutMs,
    });
  } catch (err) {
    return reportFailure(err);
  }
  process.stderr.write(`ingest listening on ${ingest.url}/v1/updates\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await ingest.stop();
  return 0;
}

export const command: Command = { help, run };
