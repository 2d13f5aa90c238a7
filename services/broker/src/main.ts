/**
 * `newswire broker` / `node --import tsx services/broker/src/main.ts`:
 * run the dev broker until SIGINT/SIGTERM. Flags override BROKER_* env vars
 * (shared/config/src/broker.ts); everything is validated before starting.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, createLogger, exitCodeOf, flagOptions, loadConfig, waitForSignal } from '@newswire/config';
import { brokerOptionsFromConfig, startBroker } from './index.ts';
import { BROKER_HELP } from './help.ts';

/** The variable each flag sets: one schema validates flags and BROKER_* alike, and errors name the flag. */
const BINDINGS = {
  host: 'BROKER_HOST',
  port: 'BROKER_PORT',
  'data-dir': 'BROKER_DATA_DIR',
  partitions: 'BROKER_PARTITIONS',
  'retention-ms': 'BROKER_RETENTION_MS',
  'retention-bytes': 'BROKER_RETENTION_BYTES',
  'segment-bytes': 'BROKER_SEGMENT_BYTES',
  flush: 'BROKER_FLUSH',
  'max-frame-bytes': 'BROKER_MAX_FRAME_BYTES',
  'message-max-bytes': 'BROKER_MESSAGE_MAX_BYTES',
  'fetch-max-bytes': 'BROKER_FETCH_MAX_BYTES',
  'group-initial-rebalance-delay-ms': 'BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS',
  'max-connections': 'BROKER_MAX_CONNECTIONS',
  repair: { env: 'BROKER_RECOVERY', value: 'truncate-damaged' },
  'no-auto-create': { env: 'BROKER_AUTO_CREATE_TOPICS', value: 'false' },
} as const;

/** Every flag is bound to a variable but --help: there is no flag that is parsed and then ignored. */
const FLAGS = { ...flagOptions(BINDINGS), help: { type: 'boolean', short: 'h' } } as const;

class UsageError extends Error {}

function resolveOptions(argv: string[], env: NodeJS.ProcessEnv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return { help: true as const };
  try {
    return { help: false as const, opts: brokerOptionsFromConfig(loadConfig(['common', 'broker'], { env, flags: values, bindings: BINDINGS })) };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

/** Runs until a signal; resolves with the exit code. */
export async function runBroker(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let resolved;
  try {
    resolved = resolveOptions(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`newswire broker: ${err.message}\n\nRun \`newswire broker --help\` for usage.\n`);
    return 2;
  }
  if (resolved.help) {
    process.stdout.write(BROKER_HELP.trim() + '\n');
    return 0;
  }
  const logger = createLogger('broker');
  let broker;
  try {
    broker = await startBroker({ ...resolved.opts, logger });
  } catch (err) {
    logger.error({ err }, 'broker failed to start');
    process.stderr.write(`newswire broker: cannot start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`newswire broker ready on ${broker.host}:${broker.port} (data: ${resolved.opts.dataDir})\n`);
  // The process contract (exit codes, signals) is shared by every newswire command: @newswire/config.
  const signal = await waitForSignal();
  logger.info({ signal }, 'stopping broker');
  await broker.stop();
  return exitCodeOf(signal);
}

// Run directly: `node --import tsx services/broker/src/main.ts --port 9092`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runBroker(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`newswire broker: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
