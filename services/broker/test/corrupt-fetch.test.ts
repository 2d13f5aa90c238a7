/**
 * A stored batch damaged while the broker runs (after the open's CRC pass)
 * is never served (issue 13, bug 5): over real TCP, a Fetch reaching it gets
 * the intact batches before it, then error 2 (CORRUPT_MESSAGE) for that
 * partition, as Kafka answers; a kafkajs consumer reads up to it and no
 * further, and the connection keeps working.
 *
 * The damage is done to the broker's own segment files, which only the dev
 * broker has, so it is started directly rather than through startKafka().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createLogger } from '@newswire/config';
import { startBroker, type RunningBroker } from '../src/index.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse } from './support/kafkajs-wire.ts';
import { fetchFrame, metadataFrame } from './support/wire-frames.ts';
import { waitFor } from '@newswire/test-support';
import { testKafka, uniq } from './support/kafkajs-client.ts';

const MESSAGES = 60;
let dir: string;
let broker: RunningBroker;
let kafka: Kafka;
const topic = uniq('corrupt');
/** The damaged batch's first offset. */
let victim: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broker-corrupt-'));
  broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, defaultPartitions: 1, segmentBytes: 2048, logger: createLogger('corrupt-test', { level: 'silent' }) });
  kafka = testKafka([`127.0.0.1:${broker.port}`], 'corrupt-test');
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < MESSAGES; i++) await producer.send({ topic, messages: [{ value: `v${i}` }] }); // one batch each
  await producer.disconnect();

  // Flip the last byte (inside the value) of a batch in an older, sealed segment.
  const pdir = join(dir, `${topic}-0`);
  const file = join(pdir, readdirSync(pdir).filter((f) => f.endsWith('.log')).sort()[1]!);
  const bytes = readFileSync(file);
  const second = 12 + bytes.readInt32BE(8); // position of the file's second batch
  const end = second + 12 + bytes.readInt32BE(second + 8);
  victim = Number(bytes.readBigInt64BE(second));
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from([bytes[end - 1]! ^ 0x20]), 0, 1, end - 1);
  closeSync(fd);
});

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface FetchPartition {
  errorCode: number;
  messages: { offset: string; value: Buffer }[];
}

async function fetchAt(conn: RawConnection, cid: number, offset: number): Promise<FetchPartition> {
  conn.send(fetchFrame(cid, topic, 0, offset, 0));
  const res = await conn.next();
  expect(res.correlationId).toBe(cid);
  const decoded = (await kafkajsDecodeResponse('fetch', 4, res.body)) as { responses: { partitions: FetchPartition[] }[] };
  return decoded.responses[0]!.partitions[0]!;
}

describe('a batch damaged on disk while the broker runs', () => {
  it('a Fetch gets the intact batches before it, then error 2 at it, never its bytes; the connection stays up', async () => {
    expect(victim).toBeGreaterThan(0);
    const conn = await RawConnection.open(broker.port);
    // Read like a consumer: from the next offset each time, until an error stops it.
    const served: number[] = [];
    let cid = 1;
    let last: FetchPartition;
    for (;;) {
      last = await fetchAt(conn, cid++, served.length);
      if (last.errorCode !== 0 || last.messages.length === 0) break;
      served.push(...last.messages.map((m) => Number(m.offset)));
    }
    expect(served).toEqual(Array.from({ length: victim }, (_, i) => i));
    expect(last.errorCode).toBe(2);
    expect(last.messages).toEqual([]);
    // Later offsets are intact and served.
    const after = await fetchAt(conn, cid++, victim + 1);
    expect(after.errorCode).toBe(0);
    expect(after.messages[0]!.value.toString()).toBe(`v${victim + 1}`);
    conn.send(metadataFrame(cid, [topic]));
    expect((await conn.next()).correlationId).toBe(cid);
    conn.destroy();
  });

  it('a kafkajs consumer reads up to it, then gets CORRUPT_MESSAGE instead of the damaged record', async () => {
    const consumer = kafka.consumer({ groupId: uniq('corrupt-group'), retry: { retries: 0 } });
    const errors: string[] = [];
    // kafkajs gives up on the partition error (error 2) and says so; its text for code 2 is this.
    consumer.on(consumer.events.CRASH, (e) => errors.push(e.payload.error.message));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: number[] = [];
    void consumer.run({ eachMessage: async ({ message }) => void got.push(Number(message.offset)) });
    await waitFor(() => errors.some((m) => /failed its CRC checksum/.test(m)), 'the consumer to hit CORRUPT_MESSAGE', 45_000);
    await consumer.disconnect();
    expect(got).toEqual(Array.from({ length: victim }, (_, i) => i));
  });
});
