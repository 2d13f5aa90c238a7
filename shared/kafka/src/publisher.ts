/**
 * The producer library: validated updates in, Kafka positions out.
 *
 * One sender of the Kafka port (idempotent, acks=all, one request in
 * flight, bounded retries) per publisher, or a few, each owning a fixed
 * share of the partitions (see publish-lane.ts). Each update goes to the
 * topic of its kind family under the topic prefix, keyed by story id so one
 * story stays in order on one partition. The partition is computed here (the
 * Java client's murmur2, partitioner.ts) and the sender returns each record's
 * offset, so publish() answers with the exact position of every update.
 */
import { openKafka, DEFAULT_CONNECT_TIMEOUT_MS } from './kafkajs/index.ts';
import type { KafkaPort, Sender } from './port.ts';
import { partitionForKey } from './partitioner.ts';
import { createLane, type Call, type Lane, type Position, type Prepared } from './publish-lane.ts';
import { createLogger, type Logger } from '@newswire/config';
import { DEFAULT_CE_SOURCE, DEFAULT_TOPIC_PREFIX, newswireTopics } from '@newswire/schema';
import { cloudEventHeaders, parseAnyUpdate, topicForKind, type Kind, type Update } from '@newswire/schema/v2';

/**
 * A v2 update that was validated earlier and kept as its JSON text (e.g. a
 * valid NDJSON line), with the envelope fields routing and headers need.
 * Publishing it skips re-parsing and re-serialising: `json` is sent as is,
 * so it must be the JSON of a valid v2 update (a v1 input is upcast and
 * re-serialised by the caller first; see validateAll).
 */
export interface SerializedUpdate {
  id: string;
  kind: Kind;
  story: string;
  /** The update's JSON, as text or as its UTF-8 bytes (sent without a copy to a string). */
  json: string | Buffer;
}

export type { Position } from './publish-lane.ts';

export interface ItemError {
  /** Index of the update in the publish() call. */
  index: number;
  path: string;
  message: string;
}

/** Thrown by publish() when any update is invalid; nothing was sent. */
export class PublishValidationError extends Error {
  constructor(readonly errors: ItemError[]) {
    super(`${errors.length} invalid field(s); nothing published: ${errors.slice(0, 3).map((e) => `[${e.index}] ${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'PublishValidationError';
  }
}

export interface PublisherOptions {
  brokers: string[];
  logger?: Logger;
  clientId?: string;
  /** Partitions for topics this publisher creates (existing topics are untouched). */
  partitions?: number;
  /** Replication factor for topics this publisher creates; default min(3, brokers). */
  replication?: number;
  /** Topic prefix (NEWSWIRE_TOPIC_PREFIX): topics are `<prefix>.<family>`. Default `newswire`. */
  topicPrefix?: string;
  /** Create the newswire topics at startup when missing. Default true. */
  createTopics?: boolean;
  connectTimeoutMs?: number;
  /** Upper bound on one produce request's payload; larger calls are split. Kafka's default limit is 1 MiB per batch. */
  maxRequestBytes?: number;
  /**
   * How long an idle producer waits for more updates before sending (Kafka's
   * linger.ms). 0 sends at once; a few ms lets a server with many concurrent
   * single-update requests put them in one produce request.
   */
  lingerMs?: number;
  /** Send retries before publish() rejects. */
  retries?: number;
  /** Cluster-level retries (see KafkaOptions.retries); short-lived commands use few. */
  kafkaRetries?: number;
  /** CloudEvents `source` of this producer, e.g. "/newswire/cli". */
  ceSource?: string;
  /**
   * Idempotent producers to spread partitions over (default 1). Each owns a
   * fixed share of the partitions and keeps one request in flight, so with 2
   * the next request is encoded while the previous one is at the broker.
   * Per-partition (so per-story) order is the same as with one.
   */
  producers?: number;
}

export interface PublishOptions {
  /** Send every update to this topic instead of its kind's topic (replay --into). */
  topic?: string;
}

export interface Publisher {
  /**
   * Validates every update first (PublishValidationError, nothing sent), then
   * publishes it as v2. A v1 update (`schema: 1`) is accepted: it is
   * validated as v1 and upcast to v2 before it is sent.
   */
  publish(updates: readonly unknown[], opts?: PublishOptions): Promise<Position[]>;
  /** For callers that just validated with parseUpdate themselves. */
  publishValidated(updates: readonly Update[], opts?: PublishOptions): Promise<Position[]>;
  /** For callers holding validated updates as JSON text (the CLI's file publisher). */
  publishSerialized(updates: readonly SerializedUpdate[], opts?: PublishOptions): Promise<Position[]>;
  /** Resolves when every publish started so far has settled. */
  flush(): Promise<void>;
  /** Flushes, then disconnects. Idempotent. */
  close(): Promise<void>;
}

/**
 * Validate a list of unknown inputs as v2 updates; collects every error of
 * every item. v1 inputs are validated as v1 and upcast, so what is published
 * is always v2 (Kafka keeps the v1 records written before; readers upcast
 * those on read).
 */
export function validateAll(inputs: readonly unknown[]): { updates: Update[]; errors: ItemError[] } {
  const updates: Update[] = [];
  const errors: ItemError[] = [];
  inputs.forEach((input, index) => {
    const r = parseAnyUpdate(input);
    if (r.ok) updates.push(r.update);
    else for (const e of r.errors) errors.push({ index, path: e.path, message: e.message });
  });
  return { updates, errors };
}

export async function createPublisher(opts: PublisherOptions): Promise<Publisher> {
  const logger = opts.logger ?? createLogger('publisher');
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const maxRequestBytes = opts.maxRequestBytes ?? 900_000;
  const partitions = opts.partitions ?? 3;
  const spec = { partitions, ...(opts.replication !== undefined ? { replication: opts.replication } : {}) };
  const prefix = opts.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
  const topics = newswireTopics(prefix);
  const kafka: KafkaPort = await openKafka({
    brokers: opts.brokers,
    clientId: opts.clientId ?? 'newswire-publisher',
    logger,
    connectTimeoutMs,
    retries: opts.kafkaRetries,
    maxRetryTimeMs: opts.kafkaRetries !== undefined ? 2000 : undefined,
  });
  const counts = new Map<string, number>();
  const senders: Sender[] = [];
  try {
    if (opts.createTopics ?? true) {
      const created = await kafka.ensureTopics(topics, spec);
      if (created.length) logger.info({ topics: created, ...spec }, 'created topics');
    }
    for (const [t, n] of await kafka.partitionCounts(topics)) counts.set(t, n);
    const n = Math.max(1, Math.floor(opts.producers ?? 1));
    for (let i = 0; i < n; i++) senders.push(await kafka.openSender({ retries: opts.retries ?? 10 }));
  } catch (err) {
    await kafka.close();
    throw err;
  }

  /** Partition count of a topic; an unknown topic (e.g. --into target) is created first. */
  async function partitionsOf(topic: string): Promise<number> {
    const known = counts.get(topic);
    if (known !== undefined) return known;
    await kafka.ensureTopics([topic], spec);
    const fresh = await kafka.partitionCounts([topic]);
    const n = fresh.get(topic);
    if (n === undefined) throw new Error(`topic ${topic} does not exist and could not be created`);
    counts.set(topic, n);
    return n;
  }

  /**
   * Partition of a story key, memoised per topic: a file of 100k updates has
   * a few hundred stories, and murmur2 over a fresh Buffer per message showed
   * up in profiles. Bounded: the map is dropped when it grows past 10k keys.
   */
  const keyPartitions = new Map<string, Map<string, number>>();
  function partitionOf(topic: string, key: string, n: number): number {
    let byKey = keyPartitions.get(topic);
    if (!byKey || byKey.size > 10_000) keyPartitions.set(topic, (byKey = new Map()));
    let partition = byKey.get(key);
    if (partition === undefined) byKey.set(key, (partition = partitionForKey(key, n)));
    return partition;
  }

  const ceSource = opts.ceSource ?? DEFAULT_CE_SOURCE;
  /** Header bytes that do not depend on the update (names and constant values). */
  const constantHeaderBytes = (() => {
    let n = 0;
    for (const [k, v] of Object.entries(cloudEventHeaders('', 'arrests', ceSource))) n += k.length + Buffer.byteLength(v);
    return n - 'org.newswire.arrests.v2'.length;
  })();

  async function prepare(updates: readonly (Update | SerializedUpdate)[], topicOverride?: string): Promise<Prepared[]> {
    const out: Prepared[] = new Array(updates.length);
    for (let i = 0; i < updates.length; i++) {
      const update = updates[i]!;
      const topic = topicOverride ?? topicForKind(update.kind, prefix);
      const n = counts.get(topic) ?? (await partitionsOf(topic));
      // The value of a serialized update is its own text (or bytes), sent as is.
      const value = 'json' in update ? update.json : JSON.stringify(update);
      const key = update.story;
      const headers = cloudEventHeaders(update.id, update.kind, ceSource);
      const partition = partitionOf(topic, key, n);
      // Ids, stories and types are ASCII (schema patterns), so .length is their byte count.
      const bytes = (typeof value === 'string' ? Buffer.byteLength(value) : value.length) + key.length + 64 + constantHeaderBytes + update.id.length + headers.ce_type!.length;
      out[i] = { id: update.id, topic, partition, record: { topic, partition, key, value, headers }, bytes };
    }
    return out;
  }

  /** Splits prepared messages into produce requests of at most maxRequestBytes each. */
  function chunk(prepared: Prepared[]): Prepared[][] {
    const chunks: Prepared[][] = [];
    let current: Prepared[] = [];
    let size = 0;
    for (const p of prepared) {
      if (current.length > 0 && size + p.bytes > maxRequestBytes) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(p);
      size += p.bytes;
    }
    if (current.length) chunks.push(current);
    return chunks;
  }

  const lingerMs = opts.lingerMs ?? 0;
  const lanes: Lane[] = senders.map((s) => createLane(s, { maxRequestBytes, lingerMs }));
  /**
   * A partition's lane never changes (topics are numbered in order of first
   * use), so each partition keeps one producer and its order.
   */
  const topicNumbers = new Map<string, number>();
  const laneOf = (p: Prepared) => {
    let t = topicNumbers.get(p.topic);
    if (t === undefined) topicNumbers.set(p.topic, (t = topicNumbers.size));
    return (t * 7 + p.partition) % lanes.length;
  };
  let closed = false;

  async function enqueue(prepared: Prepared[]): Promise<Position[]> {
    const call: Call = {};
    if (lanes.length === 1) return Promise.all(chunk(prepared).map((items) => lanes[0]!.enqueue(call, items))).then((r) => r.flat());
    // Split by lane, keeping each item's index so positions come back in input order.
    const perLane: number[][] = lanes.map(() => []);
    prepared.forEach((p, i) => perLane[laneOf(p)]!.push(i));
    const positions: Position[] = new Array(prepared.length);
    await Promise.all(
      perLane.map(async (indexes, l) => {
        if (indexes.length === 0) return;
        const items = indexes.map((i) => prepared[i]!);
        const results = await Promise.all(chunk(items).map((part) => lanes[l]!.enqueue(call, part)));
        let k = 0;
        for (const r of results) for (const pos of r) positions[indexes[k++]!] = pos;
      }),
    );
    return positions;
  }

  async function publishValidated(updates: readonly Update[], popts: PublishOptions = {}): Promise<Position[]> {
    if (closed) throw new Error('publisher is closed');
    if (updates.length === 0) return [];
    return enqueue(await prepare(updates, popts.topic));
  }

  async function publishSerialized(updates: readonly SerializedUpdate[], popts: PublishOptions = {}): Promise<Position[]> {
    if (closed) throw new Error('publisher is closed');
    if (updates.length === 0) return [];
    return enqueue(await prepare(updates, popts.topic));
  }

  async function flush(): Promise<void> {
    await Promise.all(lanes.map((l) => l.flush()));
  }

  let closing: Promise<void> | undefined;
  return {
    async publish(inputs, popts) {
      const { updates, errors } = validateAll(inputs);
      if (errors.length) throw new PublishValidationError(errors);
      return publishValidated(updates, popts);
    },
    publishValidated,
    publishSerialized,
    flush,
    close() {
      closing ??= (async () => {
        closed = true;
        await flush();
        await kafka.close();
      })();
      return closing;
    },
  };
}
