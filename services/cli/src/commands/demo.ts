/**
 * `newswire demo`: tells the seed story (Kazakhstan, January 2022) as a live
 * wire, one structured update at a time, through the producer library.
 */
import { DEFAULT_PACE, parsePace, runDemoWire, type Pace } from '../producers/demo-wire.ts';
import { formatInstant } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 } from '@newswire/schema/v2/seed';
import { EXIT, flagOptions } from '@newswire/config';
import { parseFlags, UsageError, type Command, type CommandContext } from '../command.ts';
import { BROKERS_BINDING, BROKERS_HELP, cliLogger, kafkaSettings } from '../producers/kafka-flags.ts';
import { onInterrupt } from '../producers/interrupt.ts';

/** A pace as --pace takes it, so the help states the default runDemoWire uses. */
function paceText(pace: Pace): string {
  if (pace.mode === 'max') return 'max';
  return pace.mode === 'scale' ? `${pace.factor}x` : `${pace.ms}ms`;
}

const help = `
usage: newswire demo [--brokers <host:port,...>] [--pace <N>x|<pause>|max] [--loop | --once] [--json]

Publish the seed story — unrest in Kazakhstan, 6-8 January 2022, ${KAZAKHSTAN_SEED_V2.length} structured
updates in schema v2 — to the newswire topics in story order, spaced in time, so a dashboard shows
a live story.
The first pass uses the story's fixed ids (publishing it twice is deduplicated downstream); with
--loop each further pass gets fresh ids (suffix :p2, :p3, ...).

  --pace <pace>   max         as fast as the broker acknowledges
                  <N>x        the story's own timing sped up N times (3600x: an hour per second);
                              the seed reports every fact on 8 January (date only), so it comes at once
                  <pause>     a fixed pause between updates: 2000, 500ms or 2s (default ${paceText(DEFAULT_PACE)})
  --loop          start again after the last update, until Ctrl-C
  --once          publish the story once and exit (the default)
  --json          print each published update's position as NDJSON on stdout
${BROKERS_HELP}

Exit codes: 0 done, 1 publish failed, 2 usage error, 3 Kafka unreachable, 130/143 interrupted (SIGINT/SIGTERM).

Examples:
  newswire demo --pace max
  newswire demo --pace 3600x --loop
  newswire demo --brokers 127.0.0.1:9092 --pace 500ms --json
`;

const OPTIONS = {
  ...flagOptions(BROKERS_BINDING),
  pace: { type: 'string' },
  loop: { type: 'boolean' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function parse(argv: string[]) {
  return parseFlags({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
}

async function run(argv: string[], ctx: CommandContext) {
  const { values } = parse(argv);
  if (values.loop && values.once) throw new UsageError('give --loop or --once, not both');
  let pace: Pace | undefined;
  try {
    pace = values.pace === undefined ? undefined : parsePace(values.pace);
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
  const settings = kafkaSettings(values);
  const interrupt = onInterrupt(ctx.stop);
  const json = values.json ?? false;
  const result = await runDemoWire({
    brokers: settings.brokers,
    pace,
    loop: values.loop ?? false,
    signal: interrupt.signal,
    logger: cliLogger('newswire-demo'),
    partitions: settings.partitions,
    replication: settings.replication,
    topicPrefix: settings.topicPrefix,
    connectTimeoutMs: settings.connectTimeoutMs,
    onPublished(update, position, pass) {
      if (json) process.stdout.write(JSON.stringify({ ...position, kind: update.kind, story: update.story, pass }) + '\n');
      else
        process.stdout.write(
          `${formatInstant(update.reported)}  ${update.kind.padEnd(18)} ${update.headline}  -> ${position.topic}[${position.partition}]@${position.offset}\n`,
        );
    },
  });
  const line = `demo wire: published ${result.published} update(s) in ${result.passes} pass(es)`;
  process.stderr.write(line + (result.aborted ? ', interrupted\n' : '\n'));
  return EXIT.ok; // interrupted: main answers with the signal's code
}

export const command: Command = { help, graceful: true, run };
