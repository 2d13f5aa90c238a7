/**
 * `newswire publish`: one update from flags, or many from an NDJSON file or
 * stdin. Nothing invalid is ever sent: input is validated in full first.
 */
import { createPublisher, type Publisher } from '@newswire/kafka';
import { KINDS, parseUpdate } from '@newswire/schema';
import { parseFlags, UsageError, type Command } from '../command.ts';
import { BROKERS_HELP, cliLogger, kafkaSettings, reportFailure } from '../producers/kafka-flags.ts';
import { DEFAULT_MAX_LINE_BYTES } from '../producers/ndjson.ts';
import { publishFile, type FilePublishSummary } from '../producers/file-publish.ts';
import { KIND_FLAGS, updateFlagOptions, updateFromFlags } from '../producers/update-flags.ts';
import { onInterrupt } from '../producers/interrupt.ts';

const help = `
usage: newswire publish <kind> [flags]
       newswire publish --file <updates.ndjson|-> [--skip-invalid [--rejects <path>]]

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

${BROKERS_HELP}

Exit codes: 0 published, 1 Kafka unreachable or publish failed,
            2 usage error or invalid input (nothing published), 130 interrupted.

Examples:
  newswire publish arrests --story kz-unrest-2022 --count 4400 --qualifier more-than \\
      --country KZ --source "Interior Ministry" --source-role government --via "state television"
  newswire publish casualties --story kz-unrest-2022 --killed 40 --qualifier more-than \\
      --including security-forces --country KZ --source authorities --json
  newswire publish connectivity --story kz-unrest-2022 --service internet --state shut-down \\
      --country KZ --city Almaty
  newswire publish --file updates.ndjson
  cat updates.ndjson | newswire publish --file - --skip-invalid --rejects bad.ndjson
`;

const OPTIONS = {
  ...updateFlagOptions(),
  file: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  rejects: { type: 'string' },
  'max-line-bytes': { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  brokers: { type: 'string' },
} as const;

function parse(argv: string[]) {
  return parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
}

function summaryText(s: FilePublishSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.published / s.seconds).toLocaleString('en-US') : '-';
  const topics = Object.entries(s.topics)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  return (
    `published ${s.published} update(s) in ${s.seconds.toFixed(2)} s (${rate}/s)` +
    (topics ? ` to ${topics}` : '') +
    (s.invalid ? `; ${s.invalid} invalid line(s) skipped, rejects in ${s.rejects}` : '')
  );
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parse(argv);
  const settings = kafkaSettings(values.brokers);
  const logger = cliLogger('newswire-publish');
  // A file is published over two producers (each owning half the partitions) so one
  // request is encoded while the other is at the broker; one update needs one.
  const connect = (producers = 1): Promise<Publisher> =>
    createPublisher({
      producers,
      brokers: settings.brokers,
      logger,
      clientId: settings.clientId,
      partitions: settings.partitions,
      connectTimeoutMs: settings.connectTimeoutMs,
      ceSource: '/newswire/cli',
      kafkaRetries: settings.kafkaRetries,
    });

  if (values.file !== undefined) {
    if (positionals.length) throw new UsageError('give either <kind> with flags or --file, not both');
    const maxLineBytes = values['max-line-bytes'] ? Number(values['max-line-bytes']) : DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 64) throw new UsageError('--max-line-bytes must be a whole number >= 64');
    if (values.rejects && !values['skip-invalid']) throw new UsageError('--rejects only makes sense with --skip-invalid');
    const interrupt = onInterrupt();
    try {
      const { code, summary } = await publishFile({
        file: values.file,
        skipInvalid: values['skip-invalid'] ?? false,
        rejectsPath: values.rejects,
        maxLineBytes,
        json: values.json ?? false,
        connect: () => connect(2),
        signal: interrupt.signal,
      });
      if (code === 2) return 2;
      if (values.json) process.stdout.write(JSON.stringify(summary) + '\n');
      else process.stderr.write(summaryText(summary) + '\n');
      return code;
    } catch (err) {
      const partial = (err as { summary?: FilePublishSummary }).summary;
      if (partial) process.stderr.write(`newswire: publish failed after ${partial.published} update(s) were published\n`);
      return reportFailure(err);
    } finally {
      interrupt.dispose();
    }
  }

  const [kind, ...extra] = positionals;
  if (!kind) throw new UsageError('missing <kind> (or --file); see `newswire publish --help`');
  if (extra.length) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`);
  const forUpdate = Object.fromEntries(Object.entries(values).filter(([k]) => k in updateFlagOptions()));
  const draft = updateFromFlags(kind, forUpdate, tokens);
  const result = parseUpdate(draft);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`newswire publish: ${e.path}: ${e.message}\n`);
    process.stderr.write('nothing published\n');
    return 2;
  }
  if (values['dry-run']) {
    process.stdout.write(JSON.stringify(result.update, null, values.json ? undefined : 2) + '\n');
    return 0;
  }
  let publisher: Publisher | undefined;
  try {
    publisher = await connect();
    const [position] = await publisher.publishValidated([result.update]);
    if (!position) throw new Error('the broker returned no position');
    if (values.json) process.stdout.write(JSON.stringify(position) + '\n');
    else process.stdout.write(`published ${result.update.kind} ${position.id} to ${position.topic} partition ${position.partition} offset ${position.offset}\n`);
    return 0;
  } catch (err) {
    return reportFailure(err);
  } finally {
    await publisher?.close();
  }
}

export const command: Command = { help, run };
