/**
 * The message formats before RecordBatch v2 (magic 0 and 1), which Kafka 2.1
 * still served: Produce v0-v2 message sets are stored as RecordBatch v2 (the
 * only stored format) and Fetch v0-v3 clients get stored batches back as
 * message sets. Message sets are written by kafkajs's own v0-v2 encoders and
 * read by its v0-v3 decoders, over real TCP; kafka-python pinned to the
 * 0.10.1 protocol (Produce v2, Fetch v3, JoinGroup v1) runs a produce and
 * group-consume cycle when it is installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Admin, Kafka } from 'kafkajs';
import type { TestKafka } from '@newswire/test-support';
import { closeKafkaWithAdmin, consumeN, KEEP_OLD_RECORDS, openKafkaWithAdmin, uniq } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse, kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { upConvert } from '../src/protocol/message-sets/convert.ts';
import { readBatchRecords } from '../src/protocol/message-sets/record-batch.ts';
import { validateRecordSet } from '../src/storage/record-batch.ts';

let kafka: TestKafka;
let client: Kafka;
let admin: Admin;
let port: number;
let host: string;
beforeAll(async () => {
  ({ kafka, client, admin } = await openKafkaWithAdmin());
  [host, port] = [kafka.brokers[0]!.split(':')[0]!, Number(kafka.brokers[0]!.split(':').pop())];
});
afterAll(() => closeKafkaWithAdmin({ kafka, admin }));

const require = createRequire(import.meta.url);
const GZIP = (require('kafkajs') as { CompressionTypes: { GZIP: number } }).CompressionTypes.GZIP;

async function topic(partitions = 1): Promise<string> {
  const name = uniq('legacy');
  // The records carry 2023 timestamps: KEEP_OLD_RECORDS keeps them through retention passes.
  await admin.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1, configEntries: KEEP_OLD_RECORDS }], waitForLeaders: true });
  return name;
}

/** The message set kafkajs puts in a Produce v`version` request. */
async function kafkajsMessageSet(version: 0 | 1 | 2, messages: { key?: string; value: string; timestamp?: number }[], compression = 0): Promise<Buffer> {
  const frame = await kafkajsRequestFrame('produce', version, { acks: 1, timeout: 1000, compression, topicData: [{ topic: 't', partitions: [{ partition: 0, messages }] }] });
  // header v1 (2+2+4+2+len), acks, timeout, [topic], [partition], size, set
  let at = 4 + 10 + frame.readInt16BE(12) + 2 + 4 + 4;
  at += 2 + frame.readInt16BE(at) + 4 + 4;
  const size = frame.readInt32BE(at);
  return frame.subarray(at + 4, at + 4 + size);
}

async function produceRaw(version: number, name: string, messageSet: Buffer, cid = 1): Promise<{ errorCode: number; offset: string }> {
  const frame = await kafkajsRequestFrame('produce', version, { acks: 1, timeout: 1000, topicData: [] }, cid);
  // Rebuild the body around our message set: acks, timeout, one topic, one partition.
  const head = frame.subarray(0, 4 + 10 + frame.readInt16BE(12));
  const body = Buffer.alloc(2 + 4 + 4 + 2 + Buffer.byteLength(name) + 4 + 4 + 4);
  let at = body.writeInt16BE(1, 0);
  at = body.writeInt32BE(1000, at);
  at = body.writeInt32BE(1, at);
  at = body.writeInt16BE(Buffer.byteLength(name), at);
  at += body.write(name, at);
  at = body.writeInt32BE(1, at);
  at = body.writeInt32BE(0, at);
  body.writeInt32BE(messageSet.length, at);
  const out = Buffer.concat([head, body, messageSet]);
  out.writeInt32BE(out.length - 4, 0);
  const conn = await RawConnection.open(port, host);
  try {
    conn.send(out);
    const res = (await kafkajsDecodeResponse('produce', version as 0, (await conn.next()).body)) as { topics: { partitions: { errorCode: number; offset: string }[] }[] };
    return res.topics[0]!.partitions[0]!;
  } finally {
    conn.destroy();
  }
}

describe('old message formats: conversion', () => {
  it('magic 0, magic 1 and gzip message sets become one valid RecordBatch v2 with the same keys and values', async () => {
    const messages = [{ key: 'k0', value: 'v0', timestamp: 1_700_000_000_000 }, { value: 'v1', timestamp: 1_700_000_000_500 }];
    for (const [version, compression] of [[0, 0], [1, 0], [2, 0], [2, GZIP]] as const) {
      const up = upConvert(await kafkajsMessageSet(version, messages, compression), 1_800_000_000_000);
      expect(up.ok).toBe(true);
      if (!up.ok) continue;
      expect(validateRecordSet(up.batch, { maxBatchBytes: 1 << 20, maxInflatedBytes: 1 << 20 })).toMatchObject({ ok: true });
      expect(up.batch.readInt16BE(21) & 0x7).toBe(compression === GZIP ? 1 : 0);
      const back = readBatchRecords(up.batch, 1 << 20);
      expect(back.map((r) => [r.offset, r.key?.toString() ?? null, r.value?.toString()])).toEqual([[0, 'k0', 'v0'], [1, null, 'v1']]);
      // Magic 0 has no timestamps: the broker's clock, marked LogAppendTime. Magic 1 keeps the client's.
      expect(back.map((r) => r.timestamp)).toEqual(version === 2 ? [1_700_000_000_000, 1_700_000_000_500] : [1_800_000_000_000, 1_800_000_000_000]);
      expect(up.logAppendTimeMs).toBe(version === 2 ? -1 : 1_800_000_000_000);
    }
  });

  it('refuses what Kafka refuses: a bad CRC (2), snappy (76), nothing complete (2)', async () => {
    const good = await kafkajsMessageSet(1, [{ value: 'x' }]);
    const badCrc = Buffer.from(good);
    badCrc[badCrc.length - 1]! ^= 0xff;
    expect(upConvert(badCrc)).toMatchObject({ ok: false, errorCode: 2 });
    const snappy = Buffer.from(good);
    snappy[17] = 2; // attributes: codec 2
    snappy.writeUInt32BE((require('node:zlib') as { crc32(b: Buffer): number }).crc32(snappy.subarray(16)), 12);
    expect(upConvert(snappy)).toMatchObject({ ok: false, errorCode: 76 });
    expect(upConvert(good.subarray(0, good.length - 1))).toMatchObject({ ok: false, errorCode: 2 });
  });
});

describe('old message formats over TCP', () => {
  it('Produce v0, v1 and v2 (gzip) are stored and read by a current client', async () => {
    const name = await topic();
    expect(await produceRaw(0, name, await kafkajsMessageSet(0, [{ key: 'a', value: 'magic0' }]))).toMatchObject({ errorCode: 0, offset: '0' });
    expect(await produceRaw(1, name, await kafkajsMessageSet(1, [{ value: 'magic0-again' }]))).toMatchObject({ errorCode: 0, offset: '1' });
    const v2 = await produceRaw(2, name, await kafkajsMessageSet(2, [{ value: 'gz1', timestamp: 1_700_000_000_000 }, { value: 'gz2', timestamp: 1_700_000_000_001 }], GZIP));
    expect(v2).toMatchObject({ errorCode: 0, offset: '2' });
    const consumer = client.consumer({ groupId: uniq('legacy-read') });
    await consumer.connect();
    await consumer.subscribe({ topic: name, fromBeginning: true });
    const got = await consumeN(consumer, 4);
    await consumer.disconnect();
    expect(got.map((m) => [m.offset, m.key, m.value])).toEqual([['0', 'a', 'magic0'], ['1', null, 'magic0-again'], ['2', null, 'gz1'], ['3', null, 'gz2']]);
    expect(got.slice(2).map((m) => m.timestamp)).toEqual(['1700000000000', '1700000000001']);
    const bad = Buffer.from(await kafkajsMessageSet(1, [{ value: 'x' }]));
    bad[bad.length - 1]! ^= 0xff;
    expect((await produceRaw(1, name, bad)).errorCode).toBe(2);
  });

  it('Fetch v0..v3 serve what kafkajs produced (gzip, headers) as message sets, from the offset asked for', async () => {
    const name = await topic();
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic: name, compression: GZIP, messages: [0, 1, 2].map((i) => ({ key: `k${i}`, value: `v${i}`, headers: { h: 'x' }, timestamp: String(1_700_000_000_000 + i) })) });
    await producer.send({ topic: name, messages: [{ value: 'plain' }] });
    await producer.disconnect();
    const conn = await RawConnection.open(port, host);
    for (const v of [0, 1, 2, 3] as const) {
      conn.send(await kafkajsRequestFrame('fetch', v, { replicaId: -1, maxWaitTime: 0, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic: name, partitions: [{ partition: 0, fetchOffset: '1', maxBytes: 1 << 20 }] }] }, 50 + v));
      const res = await conn.next();
      expect(res.correlationId).toBe(50 + v);
      const out = (await kafkajsDecodeResponse('fetch', v, res.body)) as { responses: { partitions: { errorCode: number; highWatermark: string; messages: { offset: string; key: Buffer | null; value: Buffer; magicByte: number; timestamp?: string }[] }[] }[] };
      const p = out.responses[0]!.partitions[0]!;
      expect([p.errorCode, p.highWatermark]).toEqual([0, '4']);
      expect(p.messages.map((m) => [m.offset, m.key?.toString() ?? null, m.value.toString(), m.magicByte])).toEqual([
        ['1', 'k1', 'v1', v >= 2 ? 1 : 0],
        ['2', 'k2', 'v2', v >= 2 ? 1 : 0],
        ['3', null, 'plain', v >= 2 ? 1 : 0],
      ]);
      if (v >= 2) expect(p.messages.slice(0, 2).map((m) => m.timestamp)).toEqual(['1700000000001', '1700000000002']);
    }
    conn.destroy();
  });
});

/** A Python that can import kafka-python (see kafka-python.test.ts). */
function findPython(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import kafka'], { stdio: 'ignore', timeout: 20_000 });
      return python;
    } catch {
      // not this one
    }
  }
  return null;
}
const python = findPython();

describe.skipIf(!python)('kafka-python pinned to the 0.10.1 protocol (magic 1 message sets)', () => {
  it('produces with gzip and consumes in a group, committing', async () => {
    const name = await topic();
    const group = uniq('legacy-group');
    const script = `
import json, sys
from kafka import KafkaConsumer, KafkaProducer
bootstrap, topic, group = sys.argv[1:4]
p = KafkaProducer(bootstrap_servers=bootstrap, api_version=(0, 10, 1), compression_type='gzip')
for i in range(3):
    p.send(topic, key=b'k%d' % i, value=b'v%d' % i, timestamp_ms=1700000000000 + i)
p.flush(); p.close()
c = KafkaConsumer(topic, bootstrap_servers=bootstrap, api_version=(0, 10, 1), group_id=group, auto_offset_reset='earliest', enable_auto_commit=False, consumer_timeout_ms=20000)
got = []
for m in c:
    got.append([m.offset, m.key.decode(), m.value.decode(), m.timestamp])
    if len(got) == 3: break
c.commit(); c.close()
print(json.dumps(got))
`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(python!, ['-c', script, kafka.brokers[0]!, name, group], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(stdout);
        else reject(new Error(`kafka-python exited ${code}: ${stderr.slice(-2000)}`));
      });
    });
    expect(JSON.parse(out)).toEqual([0, 1, 2].map((i) => [i, `k${i}`, `v${i}`, 1_700_000_000_000 + i]));
    const committed = await admin.fetchOffsets({ groupId: group, topics: [name] });
    expect(committed[0]!.partitions[0]!.offset).toBe('3');
  }, 120_000);
});
