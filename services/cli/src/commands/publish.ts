/**
 * `newswire publish`: one update from flags, or many from an NDJSON file or
 * stdin. Nothing invalid is ever sent: input is validated in full first.
 */
import { createPublisher, type Publisher } from '@newswire/kafka';
import { isKind, KINDS, parseUpdate } from '@newswire/schema/v2';
import { EXIT, flagOptions, loadConfig, type ExitCode } from '@newswire/config';
import { onlyFlags, parseFlags, UsageError, type Command, type CommandContext } from '../command.ts';
import { BROKERS_BINDING, BROKERS_HELP, cliLogger, kafkaSettings } from '../producers/kafka-flags.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../producers/ndjson.ts';
import { publishFile } from '../producers/file-publish.ts';
import { describeFailure, describeSummary } from '../producers/file-report.ts';
import { explainUnknownField } from '../producers/known-fields.ts';
import { ENVELOPE_HELP, kindHelp, topLevelFlags, updateFlagOptions, updateFromFlags } from '../producers/update-flags.ts';
import { onInterrupt } from '../producers/interrupt.ts';

const help = `
usage: newswire publish <kind> [flags]
       newswire publish --file <updates.ndjson|-> [--skip-invalid [--rejects <path>]] [--journal <path>]
       newswire publish --file <updates.ndjson|-> --dry-run

Publish structured updates to Kafka. Each update goes to its kind's topic,
keyed by its story id. Input is validated in full before anything is sent.

From flags (one update, schema v2):
  <kind>                 ${KINDS.join(', ')}
${ENVELOPE_HELP.map(([flag, what]) => (flag.length > 40 ? `  ${flag}\n  ${''.padEnd(40)} ${what}` : `  ${flag.padEnd(40)} ${what}`)).join('\n')}
  --dry-run              validate and print the update, do not publish
  --json                 print the position as JSON

  Payload flags are derived from each kind's v2 schema: every field is a flag, nested fields are
  dotted flags (--count.value 4400 --count.qualifier more-than --count.scope toll), objects and
  lists of objects also take JSON (--who '{"type":"protesters"}', repeat for more), and inside a
  list a field given again starts the next element. A quantity or figure also takes words
  (--count "more-than 4400", 30-50, dozens; a figure's scope is --count.scope incident|toll) and a
  time a date (--on 2022-01-10). \`newswire publish <kind> --help\` lists every flag of a kind with
  its allowed values. First-level fields per kind:
${KINDS.map((k) => `    ${k.padEnd(18)} ${topLevelFlags(k).map((f) => `--${f}`).join(' ')}`).join('\n')}

From a file (NDJSON, one update per line):
  --file <path|->        '-' reads stdin. Lines are v2 updates; a v1 line ("schema":1, written
                         before v2) is validated as v1 and published as its v2 upcast. A line
                         of \`newswire replay\` ({"position","update"}) is refused: replay with
                         --format updates to get lines this takes as they are
  --skip-invalid         publish the valid lines; write the rejects with reasons to --rejects
  --rejects <path>       default <file>.rejects.ndjson
  --max-line-bytes <n>   longest accepted line (default ${DEFAULT_MAX_LINE_BYTES})
  --journal <path>       record the lines Kafka acknowledged in this file; re-running the same
                         command after a failure publishes only the rest (what Kafka stored but
                         never acknowledged is found in Kafka and skipped): no duplicates, no loss
  --dry-run              validate every line and print a summary (counts per kind, errors); send nothing
  --json                 print the summary as JSON on stdout

Each mode takes only its own flags: a flag that does not apply is an error (exit 2), never ignored.

${BROKERS_HELP}

Exit codes: 0 published (or valid, with --dry-run), 1 publish failed (what was stored is listed),
            2 usage error or invalid input (nothing published), 3 Kafka unreachable (nothing published),
            130/143 interrupted by SIGINT/SIGTERM (what was stored is listed).

Examples:
  newswire publish arrests --story kz-unrest-2022 --country KZ --extent whole \\
      --count.value 4400 --count.qualifier more-than --count.scope toll \\
      --source "Interior Ministry" --source-role ministry --via "state television" --via-role state-media
  newswire publish casualties --story kz-unrest-2022 --country KZ --status figures \\
      --killed.total.value 40 --killed.total.qualifier more-than --killed.total.scope toll \\
      --killed.breakdown.who.type state-forces --source "the authorities" --source-role government --json
  newswire publish connectivity --story kz-unrest-2022 --country KZ --city Almaty \\
      --service internet --state shut-down --reported 2022-01-08 --zone Asia/Almaty
  newswire publish arrests --help          # every flag of arrests, from the schema
  newswire publish --file updates.ndjson
  newswire publish --file updates.ndjson --dry-run
  newswire publish --file updates.ndjson --journal updates.journal   # re-run the same line after a failure
  cat updates.ndjson | newswire publish --file - --skip-invalid --rejects bad.ndjson
`;

const FILE_FLAGS = ['file', 'skip-invalid', 'rejects', 'max-line-bytes', 'journal', 'json', 'brokers'] as const;
const FILE_DRY_RUN_FLAGS = ['file', 'dry-run', 'max-line-bytes', 'json'] as const;
const SINGLE_FLAGS = [...Object.keys(updateFlagOptions()), 'dry-run', 'json', 'brokers'];

const OPTIONS = {
  ...updateFlagOptions(),
  file: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  rejects: { type: 'string' },
  'max-line-bytes': { type: 'string' },
  journal: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  ...flagOptions(BROKERS_BINDING),
} as const;

function parse(argv: string[]) {
  return parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
}

async function run(argv: string[], ctx: CommandContext): Promise<ExitCode> {
  const { values, positionals, tokens } = parse(argv);
  if (values.file !== undefined) {
    if (positionals.length) throw new UsageError('give either <kind> with flags or --file, not both');
    if (values['dry-run']) onlyFlags(values, FILE_DRY_RUN_FLAGS, '`publish --file --dry-run`');
    else onlyFlags(values, FILE_FLAGS, '`publish --file`');
    return runFile(values, ctx);
  }
  onlyFlags(values, SINGLE_FLAGS, '`publish <kind>` (one update from flags)');
  const [kind, ...extra] = positionals;
  if (!kind) throw new UsageError('missing <kind> (or --file); see `newswire publish --help`');
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  const forUpdate = Object.fromEntries(Object.entries(values).filter(([k]) => k in updateFlagOptions()));
  const draft = updateFromFlags(kind, forUpdate, tokens);
  const result = parseUpdate(draft);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`newswire publish: ${e.path}: ${explainUnknownField(draft, e.path, e.message)}\n`);
    process.stderr.write('nothing published\n');
    return EXIT.usage;
  }
  if (values['dry-run']) {
    process.stdout.write(JSON.stringify(result.update, null, values.json ? undefined : 2) + '\n');
    return EXIT.ok;
  }
  const publisher = await connect(kafkaSettings(values));
  try {
    const [position] = await publisher.publishValidated([result.update]);
    if (!position) throw new Error('the broker returned no position');
    if (values.json) process.stdout.write(JSON.stringify(position) + '\n');
    else process.stdout.write(`published ${result.update.kind} ${position.id} to ${position.topic} partition ${position.partition} offset ${position.offset}\n`);
    return EXIT.ok;
  } finally {
    await publisher.close();
  }
}

/** A publisher with the CLI's settings; a file is published over two producers (see file-publish.ts). */
function connect(settings: ReturnType<typeof kafkaSettings>, producers = 1): Promise<Publisher> {
  return createPublisher({
    producers,
    brokers: settings.brokers,
    logger: cliLogger('newswire-publish'),
    clientId: settings.clientId,
    partitions: settings.partitions,
    ...(settings.replication !== undefined ? { replication: settings.replication } : {}),
    topicPrefix: settings.topicPrefix,
    connectTimeoutMs: settings.connectTimeoutMs,
    ceSource: '/newswire/cli',
    kafkaRetries: settings.kafkaRetries,
  });
}

async function runFile(values: ReturnType<typeof parse>['values'], ctx: CommandContext): Promise<ExitCode> {
  const maxLineBytes = values['max-line-bytes'] ? Number(values['max-line-bytes']) : DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 64) throw new UsageError('--max-line-bytes must be a whole number >= 64');
  if (values.rejects && !values['skip-invalid']) throw new UsageError('--rejects only makes sense with --skip-invalid');
  const dryRun = values['dry-run'] ?? false;
  // Read before anything else: a bad --brokers is a usage error even when the input is invalid.
  const settings = dryRun ? undefined : kafkaSettings(values);
  const interrupt = onInterrupt(ctx.stop);
  const outcome = await publishFile({
    file: values.file!,
    skipInvalid: values['skip-invalid'] ?? false,
    rejectsPath: values.rejects,
    maxLineBytes,
    dryRun,
    journalPath: values.journal,
    connect: () => connect(settings!, 2),
    ...(settings ? { kafka: { ...settings, logger: cliLogger('newswire-publish') } } : {}),
    closeTimeoutMs: loadConfig(['common']).NEWSWIRE_SHUTDOWN_TIMEOUT_MS,
    signal: interrupt.signal,
  });
  const { summary } = outcome;
  if (outcome.failure !== undefined) {
    const err = outcome.failure;
    // Kafka unreachable before anything was sent: main's one line and code 3 say it all.
    if (err instanceof Error && err.name === 'KafkaUnreachableError' && summary.published === 0 && summary.inFlight === 0) throw err;
    process.stderr.write(describeFailure(summary, err) + '\n');
    if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
    return EXIT.failure;
  }
  if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
  else process.stderr.write(describeSummary(summary) + '\n');
  return outcome.invalid ? EXIT.usage : EXIT.ok;
}

/**
 * `newswire publish <kind> --help` adds the kind's payload flags, derived from
 * its schema; main prints `help` for any --help, so it reads the kind here.
 */
function helpFor(argv: readonly string[]): string {
  const kind = argv.find((a) => isKind(a));
  return kind ? `${help.trimEnd()}\n\n${kindHelp(kind)}\n` : help;
}

export const command: Command = {
  get help() {
    return helpFor(process.argv.slice(3));
  },
  graceful: true,
  run,
};
