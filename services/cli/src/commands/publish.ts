/**
 * `newswire publish`: one update from flags, or many from an NDJSON file or
 * stdin. Nothing invalid is ever sent: input is validated in full first.
 */
import { createPublisher, type Publisher } from '@newswire/kafka';
import { KINDS, parseUpdate } from '@newswire/schema';
import { EXIT, loadConfig, type ExitCode } from '@newswire/config';
import { onlyFlags, parseFlags, UsageError, type Command, type CommandContext } from '../command.ts';
import { BROKERS_FLAG, BROKERS_HELP, cliLogger, kafkaSettings } from '../producers/kafka-flags.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../producers/ndjson.ts';
import { publishFile } from '../producers/file-publish.ts';
import { describeFailure, describeSummary } from '../producers/file-report.ts';
import { explainUnknownField } from '../producers/known-fields.ts';
import { KIND_FLAGS, updateFlagOptions, updateFromFlags } from '../producers/update-flags.ts';
import { onInterrupt } from '../producers/interrupt.ts';

const help = `
usage: newswire publish <kind> [flags]
       newswire publish --file <updates.ndjson|-> [--skip-invalid [--rejects <path>]] [--journal <path>]
       newswire publish --file <updates.ndjson|-> --dry-run

Publish structured updates to Kafka. Each update goes to its kind's topic,
keyed by its story id. Input is validated in full before anything is sent.

From flags (one update):
  <kind>                 ${KINDS.join(', ')}
  --story <id>           story id (required; the Kafka key)
  --country <CC>         ISO country code (required)
  --region <r> / --city <c> / --scope nationwide|regional|local   (scope defaults from region/city)
  --source <name>        who said it; repeat for more sources (default: newsroom)
    --via <name>         passed on by (repeat for a chain), --source-role <role>,
    --source-title <t>, --source-url <url>   apply to the --source before them
  --headline <text>      (default: derived from the facts)
  --id <id>              idempotency key (default: a new UUID)
  --occurred-at <iso> --reported-at <iso>   (reportedAt defaults to now)
  --verification confirmed|reported|claimed|unverified|disputed   (default reported)
  --urgency flash|urgent|routine   (default routine)
  --revises <id> | --retracts <id>
  --payload <json>       payload fields the flags do not cover (flags win)
  --dry-run              validate and print the update, do not publish
  --json                 print the position as JSON

  Payload flags per kind:
${Object.entries(KIND_FLAGS)
  .map(([k, flags]) => `    ${k.padEnd(18)} ${flags.map((f) => `--${f}`).join(' ')}`)
  .join('\n')}
  Counts take --qualifier exact|about|at-least|more-than|up-to|fewer-than (default exact).
  Repeatable: --detainee (then --detainee-title/--charge/--detainee-status), --including,
  --participant, --ordered-to, --target, --character, --cause, ...

From a file (NDJSON, one update per line):
  --file <path|->        '-' reads stdin
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
  newswire publish arrests --story kz-unrest-2022 --count 4400 --qualifier more-than \\
      --country KZ --source "Interior Ministry" --source-role government --via "state television"
  newswire publish casualties --story kz-unrest-2022 --killed 40 --qualifier more-than \\
      --including security-forces --country KZ --source authorities --json
  newswire publish connectivity --story kz-unrest-2022 --service internet --state shut-down \\
      --country KZ --city Almaty
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
  ...BROKERS_FLAG,
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

export const command: Command = { help, graceful: true, run };
