/**
 * The v1 fixture log (shared/schema/test/fixtures/v1-log.ndjson): real v1
 * records as the v1 publisher wrote them, dumped with kcat — key, headers
 * and value exactly as stored. Readers must keep reading them as v2 for
 * the retention period, so tests write them back RAW (not through the
 * publisher, which now writes v2) into a test's own topics and read them
 * through the gateway, the SDK and `newswire replay`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@newswire/config';
import { openKafka, partitionForKey } from '@newswire/kafka';
import { newswireTopics } from '@newswire/schema';
import { fromKafkaMessage, type Update } from '@newswire/schema/v2';
import { ROOT } from './cli.ts';

export const V1_LOG_PATH = join(ROOT, 'shared', 'schema', 'test', 'fixtures', 'v1-log.ndjson');

export interface V1LogRecord {
  /** The topic it was dumped from (prefix `newswire`). */
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  /** The stored value: a v1 update's JSON text. */
  value: string;
}

export function readV1Log(): V1LogRecord[] {
  return readFileSync(V1_LOG_PATH, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as V1LogRecord);
}

/** The record's topic under another prefix: newswire.arrests -> <prefix>.arrests. */
export function v1TopicUnder(topic: string, prefix: string): string {
  return `${prefix}.${topic.slice(topic.indexOf('.') + 1)}`;
}

export interface WrittenV1Record extends V1LogRecord {
  /** Where it is now: the test's topic, partition and offset (decimal string). */
  at: { topic: string; partition: number; offset: string };
}

/**
 * Writes the fixture's records, as they are (value, key and v1 headers, in
 * log order), into `<prefix>.<family>` topics through the Kafka port's
 * sender, creating the topics when missing. Partitioned by key as the
 * publisher does, so one story stays in order on one partition.
 */
export async function writeV1Log(brokers: string[], prefix: string, opts: { partitions?: number; records?: V1LogRecord[] } = {}): Promise<WrittenV1Record[]> {
  const records = opts.records ?? readV1Log();
  const kafka = await openKafka({ brokers, logger: createLogger('test-v1-log', { level: 'error' }), clientId: 'newswire-test-v1-log', connectTimeoutMs: 20_000 });
  try {
    const topics = [...new Set(records.map((r) => v1TopicUnder(r.topic, prefix)))];
    // Every newswire topic, so a reader of all of them (a gateway) finds none missing.
    await kafka.ensureTopics([...new Set([...newswireTopics(prefix), ...topics])], { partitions: opts.partitions ?? 3 });
    const counts = await kafka.partitionCounts(topics);
    const sender = await kafka.openSender();
    const out: WrittenV1Record[] = [];
    // One record per send keeps the log's order across partitions too.
    for (const r of records) {
      const topic = v1TopicUnder(r.topic, prefix);
      const partition = r.key === null ? 0 : partitionForKey(r.key, counts.get(topic)!);
      const [offset] = await sender.send([{ topic, partition, key: r.key, value: r.value, headers: r.headers }]);
      out.push({ ...r, at: { topic, partition, offset: offset!.toString() } });
    }
    await sender.close();
    return out;
  } finally {
    await kafka.close();
  }
}

/** What a v2 reader must make of each fixture record: the v2 binding's reading (v1 upcast), by update id. */
export function expectedV2(records: readonly V1LogRecord[] = readV1Log()): Map<string, Update> {
  const out = new Map<string, Update>();
  for (const r of records) {
    const parsed = fromKafkaMessage(r.value, r.headers);
    if (!parsed.ok || parsed.from !== 1) throw new Error(`fixture record ${r.topic}:${r.partition}@${r.offset} does not read as v1: ${JSON.stringify(parsed)}`);
    out.set(parsed.update.id, parsed.update);
  }
  return out;
}

/**
 * The meaning a few v1 facts must keep once read as v2, written out by hand
 * (not computed by the upcast under test): a running total stays a toll as
 * of its report, a `tally: "new"` count is an incident, nationwide is the
 * whole country, a region is admin1, seconds v1 really gave are kept, a
 * source without a role is `unspecified`. Returns what differs (none: []).
 */
export function v1MeaningProblems(byId: ReadonlyMap<string, Update>): string[] {
  const want: Record<string, (u: Update) => unknown> = {
    'kz-unrest-2022:arrests-4400': (u) => [u.schema, u.place, u.reported, u.kind === 'arrests' && u.payload.count, u.sources[0]],
    'fixture-v1-extras:arrests-new': (u) => [u.place, u.occurred, u.kind === 'arrests' && u.payload.count],
    'fixture-v1-extras:arrests-untallied': (u) => [u.reported, u.sources[0]?.role],
  };
  const expected: Record<string, unknown> = {
    'kz-unrest-2022:arrests-4400': [
      2,
      { country: 'KZ', extent: 'whole' },
      { date: '2022-01-08', time: '10:00', offset: '+06:00' },
      { value: 4400, qualifier: 'more-than', scope: 'toll', asOf: { date: '2022-01-08', time: '10:00', offset: '+06:00' } },
      { name: 'Interior Ministry', role: 'government', via: [{ name: 'state television', role: 'state-media' }] },
    ],
    'fixture-v1-extras:arrests-new': [
      { country: 'XY', admin1: 'North Province' },
      { date: '2023-03-02', time: '21:15:30', offset: '+03:00' },
      { value: 120, qualifier: 'exact', scope: 'incident' },
    ],
    'fixture-v1-extras:arrests-untallied': [{ date: '2023-03-03', time: '09:00:00.250', offset: 'Z' }, 'unspecified'],
  };
  const problems: string[] = [];
  for (const [id, pick] of Object.entries(want)) {
    const u = byId.get(id);
    if (!u) problems.push(`${id}: not received`);
    else if (canonical(pick(u)) !== canonical(expected[id])) problems.push(`${id}: ${canonical(pick(u))} != ${canonical(expected[id])}`);
  }
  for (const [id, u] of byId) if (u.schema !== 2) problems.push(`${id}: schema ${String(u.schema)}, not 2`);
  return problems;
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}
