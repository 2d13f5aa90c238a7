/**
 * `newswire broker` / `node --import tsx services/broker/src/main.ts`:
 * run the dev broker until SIGINT/SIGTERM. Flags override BROKER_* env vars
 * (shared/src/config/broker.ts); everything is validated before starting.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
// Subpath imports, not the package index: that one also loads kafkajs and every event
// schema, which the broker never uses (~20 MB of its resident memory).
import { createLogger } from '@newswire/config';
import { ConfigError, exitCodeOf, loadConfig, waitForSignal } from '@newswire/config';
import { brokerOptionsSchema, startBroker } from './index.ts';
import { BROKER_HELP } from './help.ts';


const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  partitions: { type: 'string' },
  'retention-ms': { type: 'string' },
  'retention-bytes': { type: 'string' },
  'segment-bytes': { type: 'string' },
  flush: { type: 'string' },
  'max-frame-bytes': { type: 'string' },
  'message-max-bytes': { type: 'string' },
  'fetch-max-bytes': { type: 'string' },
  'group-initial-rebalance-delay-ms': { type: 'string' },
  'max-connections': { type: 'string' },
  repair: { type: 'boolean' },
  'no-auto-create': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const intFlag = (name: string) => z.coerce.number({ error: `--${name} must be a number` }).int(`--${name} must be an integer`);

/** Flags as strings -> typed overrides (only those given). */
const flagSchema = z.object({
  host: z.string().min(1).optional(),
  port: intFlag('port').optional(),
  'data-dir': z.string().min(1).optional(),
  partitions: intFlag('partitions').optional(),
  'retention-ms': intFlag('retention-ms').optional(),
  'retention-bytes': intFlag('retention-bytes').optional(),
  'segment-bytes': intFlag('segment-bytes').optional(),
  flush: z
    .string()
    .regex(/^(always|[1-9]\d*)$/, '--flush must be "always" or a positive number of milliseconds')
    .transform((v): 'always' | number => (v === 'always' ? 'always' : Number(v)))
    .optional(),
  'max-frame-bytes': intFlag('max-frame-bytes').optional(),
  'message-max-bytes': intFlag('message-max-bytes').optional(),
  'fetch-max-bytes': intFlag('fetch-max-bytes').optional(),
  'group-initial-rebalance-delay-ms': intFlag('group-initial-rebalance-delay-ms').optional(),
  'max-connections': intFlag('max-connections').optional(),
  repair: z.boolean().optional(),
  'no-auto-create': z.boolean().optional(),
  help: z.boolean().optional(),
});

class UsageError extends Error {}

function resolveOptions(argv: string[], env: NodeJS.ProcessEnv) {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const flags = flagSchema.safeParse(values);
  if (!flags.success) throw new UsageError(flags.error.issues.map((i) => i.message).join('; '));
  const f = flags.data;
  let cfg;
  try {
    cfg = loadConfig(['common', 'broker'], { env });
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const opts = brokerOptionsSchema.safeParse({
    host: f.host ?? cfg.BROKER_HOST,
    port: f.port ?? cfg.BROKER_PORT,
    dataDir: resolve(f['data-dir'] ?? cfg.BROKER_DATA_DIR),
    defaultPartitions: f.partitions ?? cfg.BROKER_PARTITIONS,
    autoCreateTopics: f['no-auto-create'] ? false : cfg.BROKER_AUTO_CREATE_TOPICS,
    retentionMs: f['retention-ms'] ?? cfg.BROKER_RETENTION_MS,
    retentionBytes: f['retention-bytes'] ?? cfg.BROKER_RETENTION_BYTES,
    segmentBytes: f['segment-bytes'] ?? cfg.BROKER_SEGMENT_BYTES,
    flush: f.flush ?? cfg.BROKER_FLUSH,
    maxFrameBytes: f['max-frame-bytes'] ?? cfg.BROKER_MAX_FRAME_BYTES,
    maxConnections: f['max-connections'] ?? cfg.BROKER_MAX_CONNECTIONS,
    idleTimeoutMs: cfg.BROKER_IDLE_TIMEOUT_MS,
    firstRequestTimeoutMs: cfg.BROKER_FIRST_REQUEST_TIMEOUT_MS,
    incompleteFrameTimeoutMs: cfg.BROKER_INCOMPLETE_FRAME_TIMEOUT_MS,
    recovery: f.repair ? 'truncate-damaged' : cfg.BROKER_RECOVERY,
    shutdownTimeoutMs: cfg.NEWSWIRE_SHUTDOWN_TIMEOUT_MS,
    messageMaxBytes: f['message-max-bytes'] ?? cfg.BROKER_MESSAGE_MAX_BYTES,
    fetchMaxBytes: f['fetch-max-bytes'] ?? cfg.BROKER_FETCH_MAX_BYTES,
    groupInitialRebalanceDelayMs: f['group-initial-rebalance-delay-ms'] ?? cfg.BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS,
  });
  if (!opts.success) throw new UsageError(opts.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { help: f.help === true, opts: opts.data };
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
