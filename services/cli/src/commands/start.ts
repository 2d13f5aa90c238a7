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
import { createLogger, EXIT, exitCodeOf, flagOptions, loadConfig, shownDefault, waitForSignal, type ExitCode, type Logger } from '@newswire/config';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { onlyFlags, parseFlags, type Command, type CommandContext } from '../command.ts';
import { printBanner, type Endpoints } from '../start/banner.ts';
import { startSystem, type RunningSystem, type StartConfig } from '../start/system.ts';

/** `env VAR, default X`, X from the config schema. */
const env = <N extends 'broker' | 'gateway' | 'ingest' | 'start'>(section: N, name: Parameters<typeof shownDefault<N>>[1]) =>
  `env ${name}, default ${shownDefault(section, name)}`;

const help = `
usage: newswire start [--data-dir <dir>] [--broker-port <n>] [--gateway-port <n>] [--ingest-port <n>]
                      [--demo once|loop|off] [--pace <pace>] [--no-pretty]

Run the whole system in one process: the dev broker (data kept across restarts;
skipped when KAFKA_BROKERS is set), the newswire topics, the WebSocket gateway with the dashboard
at /, the HTTP ingest service, and the demo wire telling the seed story (${KAZAKHSTAN_SEED_V2.length} updates, --pace apart).
Prints the dashboard URL and what to try next. Ctrl-C stops everything cleanly; twice forces.

  --data-dir <dir>      dev broker data directory (${env('broker', 'BROKER_DATA_DIR')})
  --broker-port <n>     dev broker port, 0 = any free port (${env('broker', 'BROKER_PORT')})
  --gateway-port <n>    gateway + dashboard port, 0 = any free port (${env('gateway', 'GATEWAY_PORT')})
  --ingest-port <n>     ingest port, 0 = any free port (${env('ingest', 'INGEST_PORT')})
  --demo <mode>         once, loop, or off (${env('start', 'START_DEMO')})
  --pace <pace>         demo pace: a pause (2400ms, 2s), <N>x of the story's own timing, or max
                        (${env('start', 'START_DEMO_PACE')})
  --no-pretty           JSON logs even on a terminal (they are pino JSON whenever stdout is not one)

A flag that would set nothing is refused: --data-dir and --broker-port with KAFKA_BROKERS set
(no dev broker runs), --pace with the demo off.

Other settings come from the environment (see docs/operations.md): KAFKA_BROKERS, GATEWAY_HOST,
INGEST_HOST, BROKER_HOST, NEWSWIRE_TOPIC_PARTITIONS, LOG_LEVEL, GATEWAY_* limits, INGEST_TOKEN, ...
When everything is up it logs one line {"msg":"newswire started","dashboard":"http://...",...}.

Ctrl-C or SIGTERM stops everything within NEWSWIRE_SHUTDOWN_TIMEOUT_MS (default ${shownDefault('common', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS')}), whatever
Kafka's state. Exit codes: 130 stopped by Ctrl-C, 143 by SIGTERM, 1 startup failure (port in use,
...), 2 usage error or invalid configuration, 3 Kafka unreachable (see \`newswire --help\`).

Examples:
  newswire start
  newswire start --demo loop --pace 3600x
  KAFKA_BROKERS=kafka1:9092,kafka2:9092 newswire start --demo off
  newswire start --data-dir /tmp/nw --broker-port 0 --gateway-port 0 --ingest-port 0 --no-pretty
`;

/** The variable each flag sets (one schema validates both). */
const BINDINGS = {
  'data-dir': 'BROKER_DATA_DIR',
  'broker-port': 'BROKER_PORT',
  'gateway-port': 'GATEWAY_PORT',
  'ingest-port': 'INGEST_PORT',
  demo: 'START_DEMO',
  pace: 'START_DEMO_PACE',
} as const;

const OPTIONS = { ...flagOptions(BINDINGS), 'no-pretty': { type: 'boolean' } } as const;

type PrettyFactory = (typeof import('pino-pretty'))['build'];

/** Set in the child of the pretty-printing parent (NEWSWIRE_START_CHILD in the start config section). */
const CHILD_ENV = 'NEWSWIRE_START_CHILD';

async function run(argv: string[], ctx: CommandContext): Promise<ExitCode> {
  const { values } = parseFlags({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  const config = loadConfig(['common', 'kafka', 'broker', 'gateway', 'dashboard', 'ingest', 'start'], { flags: values, bindings: BINDINGS });
  refuseIdleFlags(values, config);
  if (process.stdout.isTTY && !values['no-pretty'] && !config.NEWSWIRE_START_CHILD) {
    // pino-pretty is a dev dependency: an image with production dependencies only logs JSON.
    const pretty = await import('pino-pretty').catch(() => null);
    if (pretty) return runPretty(argv, pretty.build, ctx);
  }
  return runSystem(config, ctx);
}

/**
 * Refuses the flags that would set nothing in this run, rather than ignore
 * them: --pace with no demo, the dev broker's flags when KAFKA_BROKERS names
 * the Kafka (a `--broker-port` there most likely meant a dev broker).
 */
function refuseIdleFlags(values: Readonly<Record<string, unknown>>, config: StartConfig): void {
  const idle: string[] = [];
  const why: string[] = [];
  if (config.START_DEMO === 'off') {
    idle.push('pace');
    why.push('the demo off');
  }
  if (config.KAFKA_BROKERS) {
    idle.push('data-dir', 'broker-port');
    why.push('KAFKA_BROKERS set (no dev broker runs)');
  }
  if (idle.length) onlyFlags(values, Object.keys(OPTIONS).filter((f) => !idle.includes(f)), `\`start\` with ${why.join(' and ')}`);
}

/**
 * Terminal mode: run the system in a child whose stdout goes through
 * pino-pretty. The terminal sends Ctrl-C to both processes; the child does
 * the stopping, this one waits for it and exits with its code (a SIGTERM sent
 * to this process alone is passed on).
 */
async function runPretty(argv: string[], pretty: PrettyFactory, ctx: CommandContext): Promise<ExitCode> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', 'start', ...argv], {
    env: { ...process.env, [CHILD_ENV]: 'true' },
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  child.stdout.pipe(pretty({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }));
  ctx.stop.addEventListener('abort', () => {
    if (ctx.stop.reason === 'SIGTERM') child.kill('SIGTERM');
  });
  return new Promise<ExitCode>((done) => {
    child.on('exit', (c, signal) => done((c ?? (signal ? EXIT.sigint : EXIT.failure)) as ExitCode));
    child.on('error', (err) => {
      process.stderr.write(`newswire start: could not start: ${err.message}\n`);
      done(EXIT.failure);
    });
  });
}

async function runSystem(config: StartConfig, ctx: CommandContext): Promise<ExitCode> {
  const logger = createLogger('newswire', { level: config.LOG_LEVEL ?? 'info' });
  ctx.stop.addEventListener('abort', () => logger.info({ signal: ctx.stop.reason }, 'stopping (Ctrl-C again to force)'));
  let system: RunningSystem;
  try {
    // A step that fails, or a stop requested while starting, stops what already runs first.
    system = await startSystem(config, logger, ctx.stop);
  } catch (err) {
    if (ctx.stop.aborted) return EXIT.ok; // main answers with the signal's code
    if (err instanceof Error && err.name === 'KafkaUnreachableError') throw err;
    reportStartFailure(err, config, logger);
    return EXIT.failure;
  }
  announce(system.endpoints, logger);
  const signal = await waitForSignal();
  await system.stop();
  logger.info('newswire stopped');
  return exitCodeOf(signal);
}
function announce(endpoints: Endpoints, logger: Logger): void {
  logger.info({ ...endpoints }, 'newswire started');
  printBanner(endpoints, process.stderr);
}

function reportStartFailure(err: unknown, config: StartConfig, logger: Logger): void {
  const message = err instanceof Error ? err.message : String(err);
  logger.error({ err }, 'newswire could not start');
  const hint = /EADDRINUSE/.test(message)
    ? ' A port is in use: is newswire (or another Kafka) already running? Pick others with --gateway-port/--ingest-port/--broker-port.'
    : /unreachable/i.test(message) && config.KAFKA_BROKERS
      ? ` Check KAFKA_BROKERS (${config.KAFKA_BROKERS.join(',')}).`
      : '';
  process.stderr.write(`newswire start: could not start: ${message}.${hint}\n`);
}

export const command: Command = { help, graceful: true, run };

