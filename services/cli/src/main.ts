/**
 * `newswire <command>`: a thin dispatcher. Each command lives in
 * commands/<name>.ts and exports `command: Command`; it is imported only when
 * run, so `newswire broker` does not load the gateway and vice versa. The
 * loaders are spelled out one by one (no computed import path) so a bundler
 * sees every command: the packed CLI is one esbuild bundle.
 *
 * This is also the one place that enforces the process contract: the exit
 * codes (EXIT in @newswire/config, listed by `newswire --help` and in
 * docs/operations.md), what a signal does, and the process's end. Commands
 * return an outcome or throw; main maps errors and signals to codes and
 * exits explicitly, so a Kafka client abandoned by a bounded shutdown (its
 * retry timers still pending) cannot keep the process alive.
 */
import { ConfigError, EXIT, exitCodeOf, listenForStop, loadConfig, shownDefault, type ExitCode } from '@newswire/config';
import { UsageError, type Command } from './command.ts';
import { endProcess } from './process-end.ts';

interface Entry {
  summary: string;
  load: () => Promise<{ command: Command }>;
}

const COMMANDS: Record<string, Entry> = {
  start: { summary: 'Run the whole system: dev broker, topics, gateway, ingest, demo wire', load: () => import('./commands/start.ts') },
  broker: { summary: 'Run the Kafka-wire-compatible development broker', load: () => import('./commands/broker.ts') },
  publish: { summary: 'Publish structured updates (from flags or an NDJSON file)', load: () => import('./commands/publish.ts') },
  topics: { summary: 'List newswire topics with partitions and offsets; create them', load: () => import('./commands/topics.ts') },
  replay: { summary: 'Replay topics from an offset or a time to stdout or another topic', load: () => import('./commands/replay.ts') },
  tail: { summary: 'Follow live updates through the WebSocket gateway', load: () => import('./commands/tail.ts') },
  demo: { summary: 'Publish the seed story as a live demo wire', load: () => import('./commands/demo.ts') },
  ingest: { summary: 'Run the HTTP ingest service', load: () => import('./commands/ingest.ts') },
  gateway: { summary: 'Run the WebSocket gateway', load: () => import('./commands/gateway.ts') },
  schema: { summary: 'Export the update schema as JSON Schema', load: () => import('./commands/schema.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([c, e]) => `  ${c.padEnd(width)}  ${e.summary}`);
  return [
    'usage: newswire <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `newswire <command> --help` for the options and an example of each.',
    '',
    'Exit codes (every command):',
    `  ${EXIT.ok}    ok`,
    `  ${EXIT.failure}    runtime failure (a publish failed half way, a port in use, an I/O error)`,
    `  ${EXIT.usage}    usage error, invalid configuration or invalid input: nothing was sent`,
    `  ${EXIT.kafkaUnreachable}    Kafka unreachable within KAFKA_CONNECT_TIMEOUT_MS: nothing was sent`,
    `  ${EXIT.sigint}  stopped by SIGINT (Ctrl-C); a second Ctrl-C exits at once`,
    `  ${EXIT.sigterm}  stopped by SIGTERM`,
    `Services (broker, gateway, ingest, start) shut down within NEWSWIRE_SHUTDOWN_TIMEOUT_MS (default ${shownDefault('common', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS')}) whatever Kafka's state.`,
  ].join('\n');
}

/** One line for a failure, and its exit code. */
function report(err: unknown): ExitCode {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`newswire: ${message}\n`);
    return EXIT.usage;
  }
  // By name: importing the Kafka module here would load kafkajs for every command.
  if (err instanceof Error && err.name === 'KafkaUnreachableError') {
    process.stderr.write(`newswire: ${message}. Is the broker running? Start one with \`newswire broker\` or set KAFKA_BROKERS.\n`);
    return EXIT.kafkaUnreachable;
  }
  process.stderr.write(`newswire: ${message}\n`);
  return EXIT.failure;
}

async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`newswire: unknown command "${name}"\n\n${usage()}\n`);
    return EXIT.usage;
  }
  const { command } = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trim() + '\n');
    return EXIT.ok;
  }
  return runCommand(command, rest);
}

async function runCommand(command: Command, argv: string[]): Promise<ExitCode> {
  let shutdownMs: number;
  try {
    shutdownMs = loadConfig(['common']).NEWSWIRE_SHUTDOWN_TIMEOUT_MS;
  } catch (err) {
    return report(err);
  }
  const stop = listenForStop();
  stop.signal.addEventListener('abort', () => {
    const code = exitCodeOf(stop.received!);
    // Nothing to finish: end now, as the default signal action would, with the documented code.
    if (!command.graceful) exit(code);
    // Services bound every step of their shutdown (Teardown); this only catches a step that is
    // not on a Teardown at all, which is a bug worth a line on stderr.
    setTimeout(() => {
      process.stderr.write(`newswire: shutdown overran NEWSWIRE_SHUTDOWN_TIMEOUT_MS (${shutdownMs} ms); exiting\n`);
      exit(code);
    }, shutdownMs + 2_000).unref();
  });
  let code: ExitCode;
  try {
    code = await command.run(argv, { stop: stop.signal });
  } catch (err) {
    code = report(err);
  }
  return stop.received ? exitCodeOf(stop.received) : code;
}

/** A signal ends the process at once, with its documented code. */
function exit(code: ExitCode): never {
  process.exit(code);
}

// A command that finished ends here, once its output has reached the OS (see process-end.ts).
main(process.argv.slice(2)).then(endProcess, (err: unknown) => endProcess(report(err)));
