/**
 * `newswire replay`: read topics from an exact point (earliest, a time, or
 * offsets) to stdout as NDJSON, or republish into another topic, optionally
 * at the original pace.
 */
import { once } from 'node:events';
import { createPublisher, openKafka, type KafkaPort, type Publisher } from '@newswire/kafka';
import type { Update } from '@newswire/schema';
import { EXIT } from '@newswire/config';
import { onlyFlags, parseFlags, UsageError, type Command, type CommandContext } from '../command.ts';
import { BROKERS_FLAG, BROKERS_HELP, cliLogger, kafkaSettings } from '../producers/kafka-flags.ts';
import { parseFrom, parseKinds, parsePace, parseTime, resolveTopics } from '../producers/replay-args.ts';
import { planReplay } from '../producers/replay-plan.ts';
import { runReplay, type ReplayedUpdate } from '../producers/replay-run.ts';
import { createProgress } from '../producers/progress.ts';
import { onInterrupt } from '../producers/interrupt.ts';

const help = `
usage: newswire replay <topic...> [--from earliest|<ISO time>|<topic:partition:offset,...>]
                       [--to <ISO time>] [--follow] [--kind <kind>...] [--story <id>...]
                       [--into <topic>] [--pace original|<N>x|max] [--json|--pretty]

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
  --into <topic>         republish to this topic instead of printing (same key and headers)
  --pace <p>             max (default): as fast as possible; original: the original
                         spacing; 10x: ten times faster; 0.5x: half speed
  --json / --pretty      NDJSON (default when stdout is not a terminal) or one readable line each
${BROKERS_HELP}

Output (NDJSON): {"position":{"topic","partition","offset","timestamp"},"update":{...}}
plus "replayedAt" when paced. Updates come in timestamp order across partitions and
always in offset order within a partition. Progress and a summary go to stderr.

Exit codes: 0 done, 1 failed, 2 usage error, 3 Kafka unreachable, 130/143 interrupted (SIGINT/SIGTERM).

Examples:
  newswire replay all --from earliest > wire.ndjson
  newswire replay arrests casualties --from 2022-01-08T00:00:00+06:00 --to 2022-01-09T00:00:00+06:00
  newswire replay newswire.arrests --from newswire.arrests:0:120,newswire.arrests:2:98
  newswire replay all --story kz-unrest-2022 --pace 60x
  newswire replay all --from earliest --into drill.newswire --pace original
  newswire replay society --follow --kind unrest
`;

function pretty(r: ReplayedUpdate): string {
  const u = r.update;
  const where = [u.place.city, u.place.region, u.place.country].filter(Boolean).join(', ');
  const src = u.sources.map((s) => (s.via ? `${s.name} via ${s.via.map((v) => v.name).join(' via ')}` : s.name)).join('; ');
  return `${r.position.timestamp}  ${r.position.topic}[${r.position.partition}]@${r.position.offset}  ${u.kind}  ${u.story}  ${u.headline}  (${where}; ${u.verification}; ${src})`;
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
      pace: { type: 'string' },
      json: { type: 'boolean' },
      pretty: { type: 'boolean' },
      ...BROKERS_FLAG,
    },
  });
  // Republishing prints nothing: the output flags would be silently ignored.
  if (values.into !== undefined) onlyFlags(values, ['from', 'to', 'follow', 'kind', 'story', 'into', 'pace', 'brokers'], '`replay --into`');
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
  const intoTopic = values.into !== undefined ? resolveTopics([values.into], prefix)[0] : undefined;
  if (intoTopic && topics.includes(intoTopic)) throw new UsageError(`--into ${intoTopic} is one of the replayed topics: that would replay forever`);
  if (values.json && values.pretty) throw new UsageError('--json and --pretty exclude each other');
  const asPretty = values.pretty ?? (!values.json && process.stdout.isTTY === true);

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

    if (intoTopic) {
      publisher = await createPublisher({
        brokers: settings.brokers,
        logger,
        clientId: settings.clientId,
        partitions: settings.partitions,
        ...(settings.replication !== undefined ? { replication: settings.replication } : {}),
        topicPrefix: prefix,
        connectTimeoutMs: settings.connectTimeoutMs,
        kafkaRetries: settings.kafkaRetries,
        createTopics: false,
        ceSource: '/newswire/replay',
      });
    }
    // Republishing goes in batches; paced replays send each update on its own turn.
    const pending: Update[] = [];
    const flushInto = async () => {
      if (!publisher || pending.length === 0) return;
      await publisher.publishValidated(pending.splice(0), { topic: intoTopic });
    };
    const paced = Number.isFinite(pace.factor);
    let out = '';
    const writeOut = async (force = false) => {
      if (!out || (!force && out.length < 64 * 1024)) return;
      const chunk = out;
      out = '';
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    };
    const progress = createProgress(intoTopic ? `replaying into ${intoTopic}` : 'replaying');
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
          : `{"position":${JSON.stringify(r.position)},"update":${r.json.trim()}${paced ? `,"replayedAt":"${new Date(at).toISOString()}"` : ''}}`;
        out += line + '\n';
        // Paced output is written as it happens; unpaced output in 64 KiB chunks.
        await writeOut(paced || values.follow === true);
      },
    });
    await flushInto();
    await writeOut(true);
    progress.done();
    process.stderr.write(
      `replayed ${summary.emitted} update(s)${intoTopic ? ` into ${intoTopic}` : ''} in ${summary.seconds.toFixed(2)} s` +
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

export const command: Command = { help, graceful: true, run };
