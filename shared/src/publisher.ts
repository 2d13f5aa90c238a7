/**
 * The producer library: validated updates in, Kafka positions out.
 *
 * One idempotent kafkajs producer (acks=-1, one request in flight, bounded
 * retries) per publisher. Each update goes to the topic of its kind family,
 * keyed by story id so one story stays in order on one partition. The
 * partition is computed here (the same murmur2 the Java client uses) so the
 * position of every update is known from the produce response alone: within
 * one produce request a partition's messages are one record batch, so their
 * offsets are baseOffset, baseOffset+1, ...
 */
import {
  connectWithin,
  createAdmin,
  createKafka,
  createProducer,
  ensureTopics,
  partitionCounts,
  partitionForKey,
  PRODUCE_ACKS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type Kafka,
  type Message,
  type Producer,
} from './kafka.ts';
import { createLogger, type Logger } from './logger.ts';
import { NEWSWIRE_TOPICS, parseUpdate, toKafkaMessage, topicForKind, type Kind, type Update } from './schema/index.ts';

/**
 * An update that was validated earlier and kept as its JSON text (e.g. a
 * valid NDJSON line), with the envelope fields routing and headers need.
 * Publishing it skips re-parsing and re-serialising: `json` is sent as is.
 */
export interface SerializedUpdate {
  id: string;
  kind: Kind;
  story: string;
  reportedAt: string;
  json: string;
}

export interface Position {
  id: string;
  topic: string;
  partition: number;
  /** Kafka offsets are int64: kept as decimal strings, as kafkajs does. */
  offset: string;
}

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
}

export interface PublishOptions {
  /** Send every update to this topic instead of its kind's topic (replay --into). */
  topic?: string;
}

export interface Publisher {
  /** Validates every update first (PublishValidationError, nothing sent), then publishes. */
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

interface Prepared {
  id: string;
  topic: string;
  partition: number;
  message: Message;
  bytes: number;
}

/** Validate a list of unknown inputs; collects every error of every item. */
export function validateAll(inputs: readonly unknown[]): { updates: Update[]; errors: ItemError[] } {
  const updates: Update[] = [];
  const errors: ItemError[] = [];
  inputs.forEach((input, index) => {
    const r = parseUpdate(input);
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
  const kafka: Kafka = createKafka({
    brokers: opts.brokers,
    clientId: opts.clientId ?? 'newswire-publisher',
    logger,
    retries: opts.kafkaRetries,
    maxRetryTimeMs: opts.kafkaRetries !== undefined ? 2000 : undefined,
  });
  const admin = createAdmin(kafka);
  const producer: Producer = createProducer(kafka, { retries: opts.retries ?? 10 });

  await connectWithin(admin, opts.brokers, connectTimeoutMs);
  const counts = new Map<string, number>();
  try {
    if (opts.createTopics ?? true) {
      const created = await ensureTopics(admin, NEWSWIRE_TOPICS, partitions);
      if (created.length) logger.info({ topics: created, partitions }, 'created topics');
    }
    for (const [t, n] of await partitionCounts(admin, NEWSWIRE_TOPICS)) counts.set(t, n);
    await connectWithin(producer, opts.brokers, connectTimeoutMs);
  } catch (err) {
    await admin.disconnect().catch(() => {});
    throw err;
  }

  /** Partition count of a topic; an unknown topic (e.g. --into target) is created first. */
  async function partitionsOf(topic: string): Promise<number> {
    const known = counts.get(topic);
    if (known !== undefined) return known;
    await ensureTopics(admin, [topic], partitions);
    const fresh = await partitionCounts(admin, [topic]);
    const n = fresh.get(topic);
    if (n === undefined) throw new Error(`topic ${topic} does not exist and could not be created`);
    counts.set(topic, n);
    return n;
  }

  async function prepare(updates: readonly (Update | SerializedUpdate)[], topicOverride?: string): Promise<Prepared[]> {
    const out: Prepared[] = [];
    for (const update of updates) {
      const topic = topicOverride ?? topicForKind(update.kind);
      const n = counts.get(topic) ?? (await partitionsOf(topic));
      let key: string, value: string, headers: Record<string, string>;
      if ('json' in update) {
        // Headers from the envelope fields (a small stub keeps toKafkaMessage's
        // serialisation cheap); the value is the update's own text.
        const { id, kind, story, reportedAt } = update;
        ({ key, headers } = toKafkaMessage({ id, kind, story, reportedAt } as Update, { source: opts.ceSource }));
        value = update.json;
      } else {
        ({ key, value, headers } = toKafkaMessage(update, { source: opts.ceSource }));
      }
      const partition = partitionForKey(topic, key, n);
      let bytes = Buffer.byteLength(value) + Buffer.byteLength(key) + 64;
      for (const [k, v] of Object.entries(headers)) bytes += k.length + Buffer.byteLength(v);
      out.push({ id: update.id, topic, partition, message: { key, value, headers, partition }, bytes });
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

  /** One sendBatch: every topic's messages in one produce request; offsets from the response. */
  async function send(batch: Prepared[]): Promise<Position[]> {
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      let list = byTopic.get(p.topic);
      if (!list) byTopic.set(p.topic, (list = []));
      list.push(p.message);
    }
    const result = await producer.sendBatch({
      acks: PRODUCE_ACKS,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    const base = new Map<string, bigint>();
    for (const r of result) {
      if (r.baseOffset === undefined) throw new Error(`no offset returned for ${r.topicName}[${r.partition}]`);
      base.set(`${r.topicName}\u0000${r.partition}`, BigInt(r.baseOffset));
    }
    const seen = new Map<string, bigint>();
    return batch.map((p) => {
      const k = `${p.topic}\u0000${p.partition}`;
      const i = seen.get(k) ?? 0n;
      seen.set(k, i + 1n);
      const b = base.get(k);
      if (b === undefined) throw new Error(`no offset returned for ${p.topic}[${p.partition}]`);
      return { id: p.id, topic: p.topic, partition: p.partition, offset: (b + i).toString() };
    });
  }

  /**
   * Natural batching: while one produce request is in flight, new parts queue
   * up; the next request carries everything queued (up to maxRequestBytes).
   * Requests go out strictly one after another, in call order, which keeps
   * each story in order and the idempotent producer's sequence numbers simple.
   */
  interface Call {
    failed?: unknown;
  }
  interface Part {
    call: Call;
    items: Prepared[];
    bytes: number;
    resolve(positions: Position[]): void;
    reject(err: unknown): void;
  }
  const queue: Part[] = [];
  let sending: Promise<void> | undefined;
  let closed = false;

  const lingerMs = opts.lingerMs ?? 0;
  let lingering: NodeJS.Timeout | undefined;
  function drain(): void {
    if (sending || queue.length === 0 || lingering) return;
    if (lingerMs > 0 && queueBytes() < maxRequestBytes) {
      lingering = setTimeout(() => {
        lingering = undefined;
        send0();
      }, lingerMs);
      return;
    }
    send0();
  }
  function queueBytes(): number {
    let n = 0;
    for (const p of queue) n += p.bytes;
    return n;
  }
  function send0(): void {
    if (sending || queue.length === 0) return;
    const parts: Part[] = [];
    let bytes = 0;
    while (queue.length) {
      const next = queue[0]!;
      if (next.call.failed !== undefined) {
        queue.shift();
        next.reject(next.call.failed);
        continue;
      }
      if (parts.length > 0 && bytes + next.bytes > maxRequestBytes) break;
      parts.push(queue.shift()!);
      bytes += next.bytes;
    }
    if (parts.length === 0) return;
    sending = send(parts.flatMap((p) => p.items)).then(
      (positions) => {
        let i = 0;
        for (const p of parts) {
          p.resolve(positions.slice(i, i + p.items.length));
          i += p.items.length;
        }
      },
      (err: unknown) => {
        for (const p of parts) {
          p.call.failed = err;
          p.reject(err);
        }
      },
    );
    sending.finally(() => {
      sending = undefined;
      // What queued up during this send has waited long enough: no linger.
      send0();
    });
  }

  function enqueue(prepared: Prepared[]): Promise<Position[]> {
    const call: Call = {};
    const promises = chunk(prepared).map(
      (items) =>
        new Promise<Position[]>((resolve, reject) => {
          queue.push({ call, items, bytes: items.reduce((n, p) => n + p.bytes, 0), resolve, reject });
        }),
    );
    drain();
    return Promise.all(promises).then((r) => r.flat());
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
    while (sending || queue.length) {
      if (lingering) {
        clearTimeout(lingering);
        lingering = undefined;
      }
      if (!sending) send0();
      await sending?.catch(() => {});
    }
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
        await producer.disconnect().catch((err: unknown) => logger.warn({ err }, 'producer disconnect failed'));
        await admin.disconnect().catch((err: unknown) => logger.warn({ err }, 'admin disconnect failed'));
      })();
      return closing;
    },
  };
}
