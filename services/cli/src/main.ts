/**
 * `newswire <command>`: a thin dispatcher. Each command lives in
 * commands/<name>.ts and exports `command: Command`; it is imported only when
 * run, so `newswire broker` does not load the gateway and vice versa. The
 * loaders are spelled out one by one (no computed import path) so a bundler
 * sees every command: the packed CLI is one esbuild bundle.
 *
 * Exit codes (all commands):
 *   0  success
 *   1  runtime failure (Kafka unreachable, I/O error, ...)
 *   2  usage error or invalid input (nothing was published)
 *   130 interrupted (Ctrl-C)
 */
import { UsageError, type Command } from './command.ts';

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
    'Exit codes: 0 ok, 1 runtime failure, 2 usage error or invalid input, 130 interrupted.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`newswire: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const mod = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(mod.command.help.trim() + '\n');
    return 0;
  }
  return mod.command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Long-running commands (broker, gateway, start) resolve only when they stop.
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`newswire: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
