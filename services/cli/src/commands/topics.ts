/**
 * `newswire topics`: what is in Kafka (partitions, offsets, message counts);
 * `newswire topics create`: make sure the newswire topics exist.
 */
import { openKafka, type KafkaPort } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { EXIT, flagOptions, loadConfig, shownDefault } from '@newswire/config';
import { onlyFlags, parseFlags, UsageError, type Command } from '../command.ts';
import { BROKERS_BINDING, BROKERS_HELP, cliLogger, settingsFrom } from '../producers/kafka-flags.ts';

const help = `
usage: newswire topics [--all] [--json]
       newswire topics create [--partitions <n>] [--replication <n>] [--json]

List topics with their partitions, first and end offsets and message counts
(the newswire topics by default, every topic with --all), or create the
newswire topics that do not exist yet. Existing topics are never changed.
The newswire topics are <prefix>.arrests, .casualties, .government,
.security, .international and .society; the prefix is NEWSWIRE_TOPIC_PREFIX
(default ${shownDefault('kafka', 'NEWSWIRE_TOPIC_PREFIX')}). Partitions and replication factor are always sent to
Kafka explicitly, so creation works on every Kafka from 2.1.

  --all              list every topic, not only the newswire ones
  --partitions <n>   partitions for created topics (env NEWSWIRE_TOPIC_PARTITIONS; default ${shownDefault('kafka', 'NEWSWIRE_TOPIC_PARTITIONS')})
  --replication <n>  replicas per partition (env NEWSWIRE_TOPIC_REPLICATION; unset: min(3, brokers))
  --json             machine-readable output
${BROKERS_HELP}

Exit codes: 0 ok, 1 failed, 2 usage error or invalid configuration, 3 Kafka unreachable.

Examples:
  newswire topics
  newswire topics --all --json
  newswire topics create --partitions 6 --replication 3
`;

export interface PartitionInfo {
  partition: number;
  /** First offset still stored. */
  low: string;
  /** End offset: the offset the next message gets. */
  high: string;
  messages: number;
}

export interface TopicInfo {
  topic: string;
  partitions: PartitionInfo[];
  messages: number;
}

export async function describeTopics(kafka: KafkaPort, all: boolean, prefix?: string): Promise<TopicInfo[]> {
  const existing = (await kafka.listTopics()).filter((t) => !t.startsWith('__'));
  const wanted = all ? existing.sort() : newswireTopics(prefix).filter((t) => existing.includes(t));
  const out: TopicInfo[] = [];
  for (const topic of wanted) {
    const offsets = await kafka.topicOffsets(topic);
    const partitions = offsets
      .map((o) => ({ partition: o.partition, low: String(o.low), high: String(o.high), messages: Number(o.high - o.low) }))
      .sort((a, b) => a.partition - b.partition);
    out.push({ topic, partitions, messages: partitions.reduce((n, p) => n + p.messages, 0) });
  }
  return out;
}

function table(topics: TopicInfo[], missing: string[]): string {
  const rows = [['TOPIC', 'PARTITIONS', 'MESSAGES', 'END OFFSETS (partition:end)']];
  for (const t of topics) {
    rows.push([t.topic, String(t.partitions.length), String(t.messages), t.partitions.map((p) => `${p.partition}:${p.high}`).join(' ')]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  if (missing.length) lines.push('', `missing (run \`newswire topics create\`): ${missing.join(', ')}`);
  return lines.join('\n');
}

/** The flags that set variables: validated by the config schema, so an error names the flag. */
const BINDINGS = {
  ...BROKERS_BINDING,
  partitions: 'NEWSWIRE_TOPIC_PARTITIONS',
  replication: 'NEWSWIRE_TOPIC_REPLICATION',
} as const;

const OPTIONS = { ...flagOptions(BINDINGS), all: { type: 'boolean' }, json: { type: 'boolean' } } as const;

async function run(argv: string[]) {
  const { values, positionals } = parseFlags({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  const [sub, ...extra] = positionals;
  if (extra.length || (sub !== undefined && sub !== 'create' && sub !== 'list')) {
    throw new UsageError(`unknown topics subcommand "${positionals.join(' ')}"; use \`newswire topics\` or \`newswire topics create\``);
  }
  if (sub === 'create') onlyFlags(values, ['partitions', 'replication', 'json', 'brokers'], '`topics create`');
  else onlyFlags(values, ['all', 'json', 'brokers'], '`topics` (listing)');
  const settings = settingsFrom(loadConfig(['kafka'], { flags: values, bindings: BINDINGS }));
  const { partitions } = settings;
  let { replication } = settings;
  const ours = newswireTopics(settings.topicPrefix);

  const kafka = await openKafka({
    brokers: settings.brokers,
    clientId: settings.clientId,
    logger: cliLogger('newswire-topics'),
    connectTimeoutMs: settings.connectTimeoutMs,
    retries: settings.kafkaRetries,
    maxRetryTimeMs: 2000,
  });
  try {
    if (sub === 'create') {
      // Said out loud (not left to the port's default) so the output names it.
      replication ??= Math.min(3, (await kafka.describeCluster()).brokers);
      const created = await kafka.ensureTopics(ours, { partitions, replication });
      const existing = ours.filter((t) => !created.includes(t));
      if (values.json) process.stdout.write(JSON.stringify({ created, existing, partitions, replication }) + '\n');
      else {
        for (const t of created) process.stdout.write(`created ${t} (${partitions} partitions, replication factor ${replication})\n`);
        for (const t of existing) process.stdout.write(`exists  ${t}\n`);
      }
      return EXIT.ok;
    }
    const topics = await describeTopics(kafka, values.all ?? false, settings.topicPrefix);
    const missing = values.all ? [] : ours.filter((t) => !topics.some((x) => x.topic === t));
    if (values.json) process.stdout.write(JSON.stringify({ topics, missing }) + '\n');
    else process.stdout.write(table(topics, missing) + '\n');
    return EXIT.ok;
  } finally {
    await kafka.close();
  }
}

export const command: Command = { help, run };
