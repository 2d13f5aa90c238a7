/**
 * `newswire <command>`: a thin dispatcher. Each command lives in
 * commands/<name>.ts and exports `command: Command`; it is imported only when
 * run, so `newswire broker` does not load the gateway and vice versa.
 *
 * Exit codes (all commands):
 *   0  success
 *   1  runtime failure (Kafka unreachable, I/O error, ...)
 *   2  usage error or invalid input (nothing was published)
 *   130 interrupted (Ctrl-C)
 */
import { UsageError, type Command } from './command.ts';

const COMMANDS: Record<string, string> = {
  start: 'Run the whole system: dev broker, topics, gateway, ingest, demo wire',
  broker: 'Run the Kafka-wire-compatible development broker',
  publish: 'Publish structured updates (from flags or an NDJSON file)',
  topics: 'List newswire topics with partitions and offsets; create them',
  replay: 'Replay topics from an offset or a time to stdout or another topic',
  tail: 'Follow live updates through the WebSocket gateway',
  demo: 'Publish the seed story as a live demo wire',
  ingest: 'Run the HTTP ingest service',
  gateway: 'Run the WebSocket gateway',
  schema: 'Export the update schema as JSON Schema',
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([c, s]) => `  ${c.padEnd(width)}  ${s}`);
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
  if (!(name in COMMANDS)) {
    process.stderr.write(`newswire: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const mod = (await import(`./commands/${name}.ts`)) as { command: Command };
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
