/**
 * `newswire start` (`npm start`): the whole system in one process for a
 * newcomer — the dev broker (unless KAFKA_BROKERS points at a real Kafka),
 * the topics, the gateway serving the dashboard at /, the ingest service and
 * the demo wire telling the seed story. Ctrl-C stops everything in reverse
 * order; a second Ctrl-C exits at once.
 *
 * Logs are pino JSON on stdout. On a terminal the command re-runs itself as a
 * child and pipes that JSON through pino-pretty, so every component's log
 * (broker, gateway, kafkajs, ...) is prettified, not just ours.
 */
import { spawn } from 'node:child_process';
import { ConfigError, createLogger, loadConfig, type Config, type Logger } from '@newswire/config';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { printBanner, type Endpoints } from '../start/banner.ts';
import { startSystem, type RunningSystem } from '../start/system.ts';

const help = `
usage: newswire start [--data-dir <dir>] [--broker-port <n>] [--gateway-port <n>] [--ingest-port <n>]
                      [--demo once|loop|off] [--pace <pace>] [--no-pretty]

Run the whole system in one process: the dev broker (data in .data/broker, kept across restarts;
skipped when KAFKA_BROKERS is set), the newswire topics, the WebSocket gateway with the dashboard
at /, the HTTP ingest service, and the demo wire telling the seed story (25 updates, about a minute).
Prints the dashboard URL and what to try next. Ctrl-C stops everything cleanly; twice forces.

  --data-dir <dir>      dev broker data directory (env BROKER_DATA_DIR, default .data/broker)
  --broker-port <n>     dev broker port, 0 = any free port (env BROKER_PORT, default 9092)
  --gateway-port <n>    gateway + dashboard port, 0 = any free port (env GATEWAY_PORT, default 8080)
  --ingest-port <n>     ingest port, 0 = any free port (env INGEST_PORT, default 8081)
  --demo <mode>         once (default), loop, or off (env START_DEMO)
  --pace <pace>         demo pace: a pause (2400ms, 2s), <N>x of the story's own timing, or max
                        (env START_DEMO_PACE, default 2400ms)
  --no-pretty           JSON logs even on a terminal (they are pino JSON whenever stdout is not one)

Other settings come from the environment (see docs/operations.md): KAFKA_BROKERS, GATEWAY_HOST,
INGEST_HOST, BROKER_HOST, NEWSWIRE_TOPIC_PARTITIONS, LOG_LEVEL, GATEWAY_* limits, INGEST_TOKEN, ...
When everything is up it logs one line {"msg":"newswire started","dashboard":"http://...",...}.

Exit codes: 0 stopped cleanly (Ctrl-C or SIGTERM), 1 startup failure (port in use, Kafka
unreachable, ...), 2 usage error or invalid configuration, 130 forced by a second Ctrl-C.

Examples:
  newswire start
  newswire start --demo loop --pace 3600x
  KAFKA_BROKERS=kafka1:9092,kafka2:9092 newswire start --demo off
  newswire start --data-dir /tmp/nw --broker-port 0 --gateway-port 0 --ingest-port 0 --no-pretty
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  'broker-port': { type: 'string' },
  'gateway-port': { type: 'string' },
  'ingest-port': { type: 'string' },
  demo: { type: 'string' },
  pace: { type: 'string' },
  'no-pretty': { type: 'boolean' },
} as const;

type PrettyFactory = (typeof import('pino-pretty'))['build'];

/** Set in the child of the pretty-printing parent. */
const CHILD_ENV = 'NEWSWIRE_START_CHILD';

function configFrom(values: { [K in keyof typeof OPTIONS]?: string | boolean | undefined }): Config {
  // Flags become env vars so one schema validates both.
  const env: NodeJS.ProcessEnv = { ...process.env };
  const flagEnv: Record<string, unknown> = {
    BROKER_DATA_DIR: values['data-dir'],
    BROKER_PORT: values['broker-port'],
    GATEWAY_PORT: values['gateway-port'],
    INGEST_PORT: values['ingest-port'],
    START_DEMO: values.demo,
    START_DEMO_PACE: values.pace,
  };
  for (const [k, v] of Object.entries(flagEnv)) if (typeof v === 'string') env[k] = v;
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  const config = configFrom(values);
  if (process.stdout.isTTY && !values['no-pretty'] && process.env[CHILD_ENV] !== '1') {
    // pino-pretty is a dev dependency: an image with production dependencies only logs JSON.
    const pretty = await import('pino-pretty').catch(() => null);
    if (pretty) return runPretty(argv, pretty.build);
  }
  return runSystem(config);
}

/**
 * Terminal mode: run the system in a child whose stdout goes through
 * pino-pretty. The terminal sends Ctrl-C to both processes; the child does
 * the stopping, this one waits for it and exits with its code.
 */
async function runPretty(argv: string[], pretty: PrettyFactory): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'start', ...argv], {
    env: { ...process.env, [CHILD_ENV]: '1' },
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  child.stdout.pipe(pretty({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  const ignore = () => {};
  const forward = () => child.kill('SIGTERM');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', forward);
  const code = await new Promise<number>((done) => {
    child.on('exit', (c, signal) => done(c ?? (signal ? 130 : 1)));
    child.on('error', (err) => {
      process.stderr.write(`newswire start: could not start: ${err.message}\n`);
      done(1);
    });
  });
  process.off('SIGINT', ignore);
  process.off('SIGTERM', forward);
  return code;
}

async function runSystem(config: Config): Promise<number> {
  const logger = createLogger('newswire', { level: config.LOG_LEVEL });
  const stopRequested = new AbortController();
  let forced = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested.signal.aborted) {
      forced = true;
      process.stderr.write('\nnewswire: forced exit\n');
      process.exit(130);
    }
    logger.info({ signal }, 'stopping (Ctrl-C again to force)');
    stopRequested.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let system: RunningSystem | undefined;
  try {
    system = await startSystem(config, logger, stopRequested.signal);
  } catch (err) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (stopRequested.signal.aborted) return exitSoon(0);
    reportStartFailure(err, config, logger);
    return exitSoon(1);
  }
  announce(system.endpoints, logger);

  await new Promise<void>((done) => {
    if (stopRequested.signal.aborted) return done();
    stopRequested.signal.addEventListener('abort', () => done(), { once: true });
  });
  await system.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  logger.info('newswire stopped');
  return exitSoon(forced ? 130 : 0);
}

/**
 * Everything we started is stopped by now; if a component left a handle open
 * (a half-started client retrying in the background), do not hang the
 * terminal on it: exit anyway after a short grace period.
 */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 3000).unref();
  return code;
}

function announce(endpoints: Endpoints, logger: Logger): void {
  logger.info({ ...endpoints }, 'newswire started');
  printBanner(endpoints, process.stderr);
}

function reportStartFailure(err: unknown, config: Config, logger: Logger): void {
  const message = err instanceof Error ? err.message : String(err);
  logger.error({ err }, 'newswire could not start');
  const hint = /EADDRINUSE/.test(message)
    ? ' A port is in use: is newswire (or another Kafka) already running? Pick others with --gateway-port/--ingest-port/--broker-port.'
    : /unreachable/i.test(message) && config.KAFKA_BROKERS
      ? ` Check KAFKA_BROKERS (${config.KAFKA_BROKERS.join(',')}).`
      : '';
  process.stderr.write(`newswire start: could not start: ${message}.${hint}\n`);
}

export const command: Command = { help, run };

