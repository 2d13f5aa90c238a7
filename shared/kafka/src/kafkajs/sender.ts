/**
 * The port's Sender on a kafkajs producer: acks=all, idempotent by default
 * with one request in flight, and the offset of every record sent.
 *
 * Offsets come from the produce response alone. kafkajs puts all of one
 * partition's messages of a sendBatch call into ONE record batch of one
 * produce request, and the response gives that batch's base offset, so the
 * records' offsets are base, base+1, ... in the order given. That is kafkajs
 * behaviour, not a documented promise: test/kafkajs-internals.test.ts reads
 * the records back at the offsets send() returned, as a canary.
 */
import { CompressionTypes, Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { OutgoingRecord, Sender, SenderOptions } from '../port.ts';
import { connectWithin } from './client.ts';
import { partitionKey } from '@newswire/schema';

/** The acks every newswire send uses: all in-sync replicas. */
const ACKS_ALL = -1;

function createProducer(kafka: Kafka, opts: SenderOptions): Producer {
  const idempotent = opts.idempotent ?? true;
  return kafka.producer({
    idempotent,
    // kafkajs keeps its ordering and dedupe guarantees for an idempotent producer only with one request in flight.
    maxInFlightRequests: idempotent ? 1 : undefined,
    allowAutoTopicCreation: false,
    // Every record carries an explicit partition; this only silences kafkajs's partitioner warning.
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: opts.retries ?? 10, initialRetryTime: 100, maxRetryTime: 3000 },
  });
}

export async function openSender(kafka: Kafka, brokers: readonly string[], connectTimeoutMs: number, opts: SenderOptions = {}): Promise<Sender> {
  const producer = createProducer(kafka, opts);
  await connectWithin(producer, brokers, connectTimeoutMs);
  let closing: Promise<void> | undefined;
  return {
    async send(records: readonly OutgoingRecord[]): Promise<bigint[]> {
      if (records.length === 0) return [];
      const byTopic = new Map<string, Message[]>();
      for (const r of records) {
        let list = byTopic.get(r.topic);
        if (!list) byTopic.set(r.topic, (list = []));
        list.push({ key: r.key, value: r.value, partition: r.partition, ...(r.headers ? { headers: r.headers } : {}) });
      }
      const compression = opts.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
      const result = await producer.sendBatch({ acks: ACKS_ALL, compression, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      const base = new Map<string, bigint>();
      for (const r of result) {
        if (r.baseOffset === undefined) throw new Error(`no offset returned for ${r.topicName}[${r.partition}]`);
        base.set(partitionKey(r.topicName, r.partition), BigInt(r.baseOffset));
      }
      const seen = new Map<string, bigint>();
      return records.map((r) => {
        const k = partitionKey(r.topic, r.partition);
        const b = base.get(k);
        if (b === undefined) throw new Error(`no offset returned for ${r.topic}[${r.partition}]`);
        const i = seen.get(k) ?? 0n;
        seen.set(k, i + 1n);
        return b + i;
      });
    },
    close() {
      closing ??= producer.disconnect();
      return closing;
    },
  };
}
