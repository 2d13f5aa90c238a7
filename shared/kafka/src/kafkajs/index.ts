/**
 * The kafkajs adapter: the one implementation of the Kafka port.
 * openKafka connects an admin within the connect deadline and hands out the
 * port; readers, tails and senders it opens are closed with it.
 */
import type { Admin, Kafka } from 'kafkajs';
import { createLogger, type Logger } from '@newswire/config';
import type { BatchHandler, KafkaPort, OffsetRange, ReadOptions, Sender, SenderOptions, Tail, TailOptions } from '../port.ts';
import * as admin from './admin.ts';
import { connectWithin, createKafkajsClient, DEFAULT_CONNECT_TIMEOUT_MS, type KafkaOptions } from './client.ts';
import { GroupLessReader } from './reader.ts';
import { openSender } from './sender.ts';

export { DEFAULT_BROKERS, DEFAULT_CONNECT_TIMEOUT_MS, type KafkaOptions } from './client.ts';

/** A range read that fails without any success for this long gives up. */
const RANGE_GIVE_UP_MS = 30_000;

export async function openKafka(opts: KafkaOptions): Promise<KafkaPort> {
  const logger: Logger = opts.logger ?? createLogger('kafka');
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const kafka: Kafka = createKafkajsClient({ ...opts, logger });
  const adminClient: Admin = kafka.admin();
  await connectWithin(adminClient, opts.brokers, connectTimeoutMs);

  /** Every running read and tail, with the promise that settles when it has stopped. */
  const readers = new Map<GroupLessReader, Promise<unknown>>();
  const senders = new Set<Sender>();
  let closing: Promise<void> | undefined;
  const ensureOpen = () => {
    if (closing) throw new Error('the Kafka port is closed');
  };

  async function readRange(ranges: readonly OffsetRange[], onBatch: BatchHandler, ro: ReadOptions = {}): Promise<void> {
    ensureOpen();
    if (ro.signal?.aborted) return;
    const reader = new GroupLessReader(kafka, adminClient, { ...ro, onBatch, logger: logger.child({ component: 'range-read' }), giveUpAfterMs: RANGE_GIVE_UP_MS });
    for (const r of ranges) reader.add(r);
    const onAbort = () => reader.stop();
    ro.signal?.addEventListener('abort', onAbort, { once: true });
    const running = reader.run();
    readers.set(reader, running.catch(() => {}));
    try {
      await running;
    } finally {
      readers.delete(reader);
      ro.signal?.removeEventListener('abort', onAbort);
    }
  }

  function tail(to: TailOptions): Tail {
    ensureOpen();
    const { topics, startAt, onBatch, metadataRefreshMs, ...read } = to;
    const tailLogger = logger.child({ component: 'tail' });
    const reader = new GroupLessReader(kafka, adminClient, { ...read, onBatch, logger: tailLogger, discover: { topics, startAt, refreshMs: metadataRefreshMs ?? 10_000 } });
    const running = reader
      .run()
      .catch((err: unknown) => tailLogger.error({ err }, 'tail stopped'))
      .finally(() => readers.delete(reader));
    readers.set(reader, running);
    return {
      health: () => reader.health(),
      firstRound: () => reader.firstRound(),
      async stop() {
        reader.stop();
        await running;
      },
    };
  }

  return {
    brokers: [...opts.brokers],
    describeCluster: () => admin.describeCluster(adminClient),
    listTopics: () => adminClient.listTopics(),
    topicOffsets: (topic) => admin.topicOffsets(adminClient, topic),
    offsetsAt: (topic, ms) => admin.offsetsAt(adminClient, topic, ms),
    partitionCounts: (topics) => admin.partitionCounts(adminClient, topics),
    ensureTopics: (topics, spec) => admin.ensureTopics(adminClient, topics, spec),
    deleteTopics: (topics) => admin.deleteTopics(adminClient, topics),
    listGroups: async () => (await adminClient.listGroups()).groups.map((g) => g.groupId).sort(),
    readRange,
    tail,
    async openSender(so: SenderOptions = {}) {
      ensureOpen();
      const sender = await openSender(kafka, opts.brokers, connectTimeoutMs, so);
      senders.add(sender);
      return {
        send: (records) => sender.send(records),
        async close() {
          senders.delete(sender);
          await sender.close();
        },
      };
    },
    close() {
      closing ??= (async () => {
        for (const r of readers.keys()) r.stop();
        // Readers stop within one fetch wait (and their handler); their clusters disconnect as they end.
        await Promise.allSettled([...readers.values(), ...[...senders].map((s) => s.close())]);
        await adminClient.disconnect().catch((err: unknown) => logger.warn({ err }, 'admin disconnect failed'));
      })();
      return closing;
    },
  };
}
