/**
 * `newswire replay`: read topics from an exact point (earliest, a time, or
 * offsets) to stdout as NDJSON, or republish them (into one topic, or routed
 * by kind to the per-kind topics, on this cluster or another), optionally at
 * the original pace. v1 and v2 records are read side by side; everything
 * comes out as schema v2.
 */
import { once } from 'node:events';
import { createPublisher, openKafka, type KafkaPort, type Publisher } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { formatPlace, formatSource, formatInstant, type Update } from '@newswire/schema/v2';
import { EXIT, flagOptions, loadConfig } from '@newswire/config';
import { onlyFlags, parseFlags, UsageError, type Command, type CommandContext } from '../command.ts';
import { BROKERS_BINDING, BROKERS_HELP, cliLogger, kafkaSettings } from '../producers/kafka-flags.ts';
import { parseFrom, parseKinds, parsePace, parseTime, resolveTopics } from '../producers/replay-args.ts';
import { planReplay } from '../producers/replay-plan.ts';
import { runReplay, type ReplayedUpdate } from '../producers/replay-run.ts';
import { createProgress } from '../producers/progress.ts';
import { onInterrupt } from '../producers/interrupt.ts';

const help = `
usage: newswire replay <topic...> [--from earliest|<ISO time>|<topic:partition:offset,...>]
                       [--to <ISO time>] [--follow] [--kind <kind>...] [--story <id>...]
                       [--pace original|<N>x|max] [--format positions|updates | --pretty]
                       [--into <topic>|routed | --into-prefix <prefix>] [--into-brokers <host:port,...>]

Replay updates from Kafka. Topics are full names or short ones (arrests =
newswire.arrests, or <prefix>.arrests with NEWSWIRE_TOPIC_PREFIX; all = every
newswire topic). Reading joins no consumer group and leaves nothing behind.

  --from earliest        from the first stored update (default)
  --from <ISO time>      from the first update at or after that time, exactly per partition
  --from t:p:o[,t:p:o]   from these offsets; only the partitions named are replayed
  --to <ISO time>        stop after the last update at or before that time
  --follow               keep going with live updates (Ctrl-C to stop); without it the
                         replay stops at the end offsets captured when it started
  --kind <kind>          only these kinds (repeat, or comma-separated)
  --story <id>           only these stories (repeat)
  --pace <p>             max (default): as fast as possible; original: the original
                         spacing; 10x: ten times faster; 0.5x: half speed
  --format positions     NDJSON, one {"position":{...},"update":{...}} per line (the default
                         when stdout is not a terminal; --json says the same)
  --format updates       NDJSON of the plain updates, one per line: what \`publish --file\`
                         takes as it is (--plain says the same)
  --pretty               one readable line per update (the default on a terminal)
${BROKERS_HELP}

Republishing instead of printing (same key: the story; schema v2 CloudEvents headers,
source /newswire/replay; nothing is printed, so the output flags do not apply):
  --into <topic>         every update into this one topic
  --into routed          each update into its kind's topic, <prefix>.<family> under
                         NEWSWIRE_TOPIC_PREFIX (restores the per-kind topics)
  --into-prefix <p>      each update into its kind's topic under prefix <p> (p.arrests, ...)
  --into-brokers <list>  republish to another Kafka cluster (host:port,...); read from
                         --brokers / KAFKA_BROKERS as usual. Topics missing there are created
                         with NEWSWIRE_TOPIC_PARTITIONS partitions.
  Republishing the replayed topics onto themselves is refused (it would replay forever).
  Kafka does not deduplicate across runs: restoring twice stores every update twice.

Output: updates come in timestamp order across partitions and always in offset order
within a partition; "replayedAt" is added to positions lines when paced. Every update is
schema v2: v1 records (written before v2) are upcast on read. Progress and a summary go
to stderr.

Exit codes: 0 done, 1 failed, 2 usage error, 3 Kafka unreachable, 130/143 interrupted (SIGINT/SIGTERM).

Examples:
  newswire replay all --from earliest > wire.ndjson
  newswire replay all --format updates > backup.ndjson && newswire publish --file backup.ndjson
  newswire replay arrests casualties --from 2022-01-08T00:00:00+06:00 --to 2022-01-09T00:00:00+06:00
  newswire replay newswire.arrests --from newswire.arrests:0:120,newswire.arrests:2:98
  newswire replay all --story kz-unrest-2022 --pace 60x
  newswire replay all --from earliest --into drill.newswire --pace original
  newswire replay all --into routed --into-brokers kafka-b:9092      # restore to another cluster
  newswire replay all --into-prefix drill                            # into drill.arrests, drill.casualties, ...
  newswire replay society --follow --kind unrest
`;

function pretty(r: ReplayedUpdate): string {
  const u: Update = r.update;
  const src = u.sources.map(formatSource).join('; ');
  return `${r.position.timestamp}  ${r.position.topic}[${r.position.partition}]@${r.position.offset}  ${u.kind}  ${u.story}  ${formatInstant(u.reported)}  ${u.headline}  (${formatPlace(u.place)}; ${u.verification}; ${src})`;
}

/** Where republished updates go: one topic, or each kind's topic under a prefix; on this cluster or another. */
interface Into {
  topic?: string;
  prefix?: string;
  brokers: string[];
  /** Another cluster than the one read from. */
  elsewhere: boolean;
  /** What the summary says. */
  label: string;
}

/** --into-brokers, checked like --brokers (the same KAFKA_BROKERS rules), its errors naming --into-brokers. */
function intoBrokers(raw: string): string[] {
  const config = loadConfig(['kafka'], { flags: { 'into-brokers': raw }, bindings: { 'into-brokers': 'KAFKA_BROKERS' } });
  if (!config.KAFKA_BROKERS?.length) throw new UsageError('--into-brokers needs at least one host:port');
  return config.KAFKA_BROKERS;
}

async function run(argv: string[], ctx: CommandContext) {
  const { values, positionals } = parseFlags({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      follow: { type: 'boolean' },
      kind: { type: 'string', multiple: true },
      story: { type: 'string', multiple: true },
      into: { type: 'string' },
      'into-prefix': { type: 'string' },
      'into-brokers': { type: 'string' },
      pace: { type: 'string' },
      format: { type: 'string' },
      plain: { type: 'boolean' },
      json: { type: 'boolean' },
      pretty: { type: 'boolean' },
      ...flagOptions(BROKERS_BINDING),
    },
  });
  const republishing = values.into !== undefined || values['into-prefix'] !== undefined || values['into-brokers'] !== undefined;
  // Republishing prints nothing: the output flags would be silently ignored.
  if (republishing) onlyFlags(values, ['from', 'to', 'follow', 'kind', 'story', 'into', 'into-prefix', 'into-brokers', 'pace', 'brokers'], '`replay --into`');
  const settings = kafkaSettings(values);
  const prefix = settings.topicPrefix;
  const from = parseFrom(values.from, prefix);
  let topics = resolveTopics(positionals, prefix);
  if (topics.length === 0) {
    if (from.kind !== 'offsets') throw new UsageError('name at least one topic (or `all`); see `newswire replay --help`');
    topics = [...new Set(from.offsets.map((o) => o.topic))];
  }
  const toMs = values.to !== undefined ? parseTime('--to', values.to) : undefined;
  if (toMs !== undefined && from.kind === 'time' && toMs < from.ms) throw new UsageError('--to is before --from');
  const pace = parsePace(values.pace);
  const kinds = parseKinds(values.kind);
  const stories = values.story?.length ? new Set(values.story) : undefined;
  const into = republishing ? resolveInto(values, topics, settings.brokers, prefix) : undefined;
  const format = outputFormat(values);
  const asPretty = format === 'pretty';

  const logger = cliLogger('newswire-replay');
  const interrupt = onInterrupt(ctx.stop);
  // A closed stdout (`newswire replay ... | head`) ends the replay quietly.
  const closedOut = () => interrupt.abort();
  process.stdout.on('error', closedOut);
  let publisher: Publisher | undefined;
  let kafka: KafkaPort | undefined;
  try {
    kafka = await openKafka({ brokers: settings.brokers, clientId: settings.clientId, logger, connectTimeoutMs: settings.connectTimeoutMs, retries: settings.kafkaRetries, maxRetryTimeMs: 2000 });
    if (positionals.includes('all')) {
      // `all` means the newswire topics that exist; named topics must exist.
      const existing = new Set(await kafka.listTopics());
      const named = new Set(resolveTopics(positionals.filter((p) => p !== 'all'), prefix));
      topics = topics.filter((t) => existing.has(t) || named.has(t));
      if (topics.length === 0) throw new UsageError('no newswire topics exist yet (see `newswire topics create`)');
    }
    const plans = await planReplay(kafka, topics, from, { follow: values.follow ?? false, toMs });
    const total = plans.reduce((n, p) => n + (p.end !== undefined && p.end > p.start ? Number(p.end - p.start) : 0), 0);

    if (into) {
      publisher = await createPublisher({
        brokers: into.brokers,
        logger,
        clientId: settings.clientId,
        partitions: settings.partitions,
        ...(settings.replication !== undefined ? { replication: settings.replication } : {}),
        topicPrefix: into.prefix ?? prefix,
        connectTimeoutMs: settings.connectTimeoutMs,
        kafkaRetries: settings.kafkaRetries,
        // Routed: the per-kind topics under the target prefix are made when missing (an empty cluster).
        createTopics: into.prefix !== undefined,
        ceSource: '/newswire/replay',
      });
    }
    // Republishing goes in batches; paced replays send each update on its own turn.
    const pending: Update[] = [];
    const flushInto = async () => {
      if (!publisher || pending.length === 0) return;
      await publisher.publishValidated(pending.splice(0), into?.topic !== undefined ? { topic: into.topic } : {});
    };
    const paced = Number.isFinite(pace.factor);
    let out = '';
    const writeOut = async (force = false) => {
      if (!out || (!force && out.length < 64 * 1024)) return;
      const chunk = out;
      out = '';
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    };
    const progress = createProgress(into ? `replaying into ${into.label}` : 'replaying');
    const summary = await runReplay({
      kafka,
      plans,
      follow: values.follow ?? false,
      followUntilMs: values.follow ? toMs : undefined,
      kinds,
      stories,
      paceFactor: pace.factor,
      signal: interrupt.signal,
      onProgress: (n) => progress.update(n, total || undefined),
      emit: async (r, at) => {
        if (publisher) {
          pending.push(r.update);
          if (paced || pending.length >= 1000) await flushInto();
          return;
        }
        const line = asPretty
          ? pretty(r)
          : format === 'updates'
            ? r.json
            : `{"position":${JSON.stringify(r.position)},"update":${r.json}${paced ? `,"replayedAt":"${new Date(at).toISOString()}"` : ''}}`;
        out += line + '\n';
        // Paced output is written as it happens; unpaced output in 64 KiB chunks.
        await writeOut(paced || values.follow === true);
      },
    });
    await flushInto();
    await writeOut(true);
    progress.done();
    process.stderr.write(
      `replayed ${summary.emitted} update(s)${into ? ` into ${into.label}` : ''} in ${summary.seconds.toFixed(2)} s` +
        (summary.filtered ? `, ${summary.filtered} filtered out` : '') +
        (summary.invalid ? `, ${summary.invalid} invalid skipped` : '') +
        '\n',
    );
    // Interrupted by a signal: main answers with its code; a closed stdout is a normal end.
    return EXIT.ok;
  } finally {
    process.stdout.off('error', closedOut);
    await kafka?.close();
    await publisher?.close();
  }
}

type Values = { into?: string | undefined; 'into-prefix'?: string | undefined; 'into-brokers'?: string | undefined; format?: string | undefined; plain?: boolean | undefined; json?: boolean | undefined; pretty?: boolean | undefined };

/** What is printed: positions (the default off a terminal), plain updates, or readable lines. */
function outputFormat(values: Values): 'positions' | 'updates' | 'pretty' {
  const chosen = [
    values.format !== undefined && `--format ${values.format}`,
    values.plain && '--plain',
    values.json && '--json',
    values.pretty && '--pretty',
  ].filter((x): x is string => typeof x === 'string');
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} exclude each other: give one output format`);
  if (values.format !== undefined && values.format !== 'positions' && values.format !== 'updates')
    throw new UsageError(`--format must be positions or updates (or use --pretty), got "${values.format}"`);
  if (values.format === 'updates' || values.plain) return 'updates';
  if (values.format === 'positions' || values.json) return 'positions';
  if (values.pretty) return 'pretty';
  return process.stdout.isTTY === true ? 'pretty' : 'positions';
}

/** Where --into / --into-prefix / --into-brokers send the updates; refuses a target that is being replayed. */
function resolveInto(values: Values, replayed: string[], brokers: string[], prefix: string): Into {
  if (values.into !== undefined && values['into-prefix'] !== undefined) throw new UsageError('give --into or --into-prefix, not both');
  if (values.into === undefined && values['into-prefix'] === undefined)
    throw new UsageError('--into-brokers needs a target: --into <topic>, --into routed (the per-kind topics) or --into-prefix <prefix>');
  const target = values['into-brokers'] !== undefined ? intoBrokers(values['into-brokers']) : brokers;
  // Another cluster only when no broker is shared: the same broker under another name still loops.
  const elsewhere = !target.some((b) => brokers.includes(b));
  const where = elsewhere ? ` on ${target.join(',')}` : '';
  let into: Into;
  if (values.into !== undefined && values.into !== 'routed') {
    const topic = resolveTopics([values.into], prefix)[0]!;
    into = { topic, brokers: target, elsewhere, label: `${topic}${where}` };
  } else {
    const intoPrefix = values['into-prefix'] ?? prefix;
    if (values['into-prefix'] !== undefined) checkPrefix(intoPrefix);
    into = { prefix: intoPrefix, brokers: target, elsewhere, label: `the ${intoPrefix}.* topics${where}` };
  }
  if (!elsewhere) {
    const targets = into.topic !== undefined ? [into.topic] : newswireTopics(into.prefix);
    const loop = targets.filter((t) => replayed.includes(t));
    if (loop.length) throw new UsageError(`${loop.join(', ')} ${loop.length > 1 ? 'are' : 'is'} both replayed and republished into on the same cluster: that would replay forever (use --into-brokers for another cluster, or --into-prefix)`);
  }
  return into;
}

/** A topic prefix as NEWSWIRE_TOPIC_PREFIX takes it (the config's own rule). */
function checkPrefix(p: string): void {
  loadConfig(['kafka'], { flags: { 'into-prefix': p }, bindings: { 'into-prefix': 'NEWSWIRE_TOPIC_PREFIX' } });
}

export const command: Command = { help, graceful: true, run };
