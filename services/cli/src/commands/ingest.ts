/**
 * `newswire ingest`: runs the HTTP ingest service until Ctrl-C / SIGTERM,
 * then stops accepting, finishes in-flight requests and flushes the producer.
 */
import { createLogger, EXIT, exitCodeOf, flagOptions, loadConfig, shownDefault, waitForSignal } from '@newswire/config';
import { parseFlags, type Command } from '../command.ts';
import { BROKERS_BINDING, BROKERS_HELP } from '../producers/kafka-flags.ts';

/** `env VAR; default X`, X from the ingest section of the schema. */
const env = (name: Parameters<typeof shownDefault<'ingest'>>[1]) => `env ${name}; default ${shownDefault('ingest', name)}`;

const help = `
usage: newswire ingest [--host <addr>] [--port <n>] [--max-body-bytes <n>] [--brokers <list>]

Run the HTTP ingest service. POST /v1/updates takes one update (JSON), a JSON
array of updates, or NDJSON (content-type application/x-ndjson); every item is
validated first and nothing is published if any is invalid.

  --host <addr>          bind address (${env('INGEST_HOST')})
  --port <n>             port, 0 for any free one (${env('INGEST_PORT')})
  --max-body-bytes <n>   request body limit, 413 above (${env('INGEST_MAX_BODY_BYTES')})
  Bearer token: env INGEST_TOKEN (at least 16 characters). Unset: no auth.
  A repeat of one of the last published ids is answered with its first position, not published
  again (${env('INGEST_DEDUPE_WINDOW')}).
${BROKERS_HELP}

Responses: 202 with positions; 400 naming each bad item and field; 401; 413; 415; 503.
Shutdown (SIGINT/SIGTERM): stops accepting, lets requests in flight finish and flushes the producer,
all within NEWSWIRE_SHUTDOWN_TIMEOUT_MS (default ${shownDefault('common', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS')}) whatever Kafka's state.
Exit codes: 143 stopped by SIGTERM, 130 by Ctrl-C, 1 failed to start, 2 usage error or invalid
configuration, 3 Kafka unreachable (see \`newswire --help\`).

Example:
  INGEST_TOKEN=change-me-to-a-long-secret newswire ingest --port 8081
  curl -X POST localhost:8081/v1/updates -H 'authorization: Bearer change-me-to-a-long-secret' \\
       -H 'content-type: application/json' -d @update.json
`;

/** The variable each flag sets (one schema validates both); the flags parsed are these and no others. */
const BINDINGS = { host: 'INGEST_HOST', port: 'INGEST_PORT', 'max-body-bytes': 'INGEST_MAX_BODY_BYTES', ...BROKERS_BINDING } as const;

async function run(argv: string[]) {
  const { values } = parseFlags({ args: argv, options: flagOptions(BINDINGS), allowPositionals: false, strict: true });
  const config = loadConfig(['common', 'kafka', 'ingest'], { flags: values, bindings: BINDINGS });
  const logger = createLogger('ingest', { level: config.LOG_LEVEL ?? 'info' });
  const { startIngest, ingestOptionsFromConfig } = await import('@newswire/ingest');
  let ingest;
  try {
    // A start that fails half way closes what it opened (Teardown in startIngest).
    ingest = await startIngest({ ...ingestOptionsFromConfig(config), logger });
  } catch (err) {
    if (err instanceof Error && err.name === 'KafkaUnreachableError') throw err;
    process.stderr.write(`newswire ingest: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`ingest listening on ${ingest.url}/v1/updates\n`);
  const signal = await waitForSignal();
  await ingest.stop();
  return exitCodeOf(signal);
}

export const command: Command = { help, graceful: true, run };
