/**
 * Broker memory while 16 clients each send a Fetch asking for 2 GB of one
 * partition holding ~290 MB (five 64 MiB segments), with the broker's
 * defaults (fetch.max.bytes 55 MiB, 64 MiB of unsent Fetch bytes broker-wide).
 * Prints the response sizes and the broker process's RSS before and at peak.
 *
 *   node --import tsx bench/broker-fetch-cap.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrokerProcess, processMemoryMb } from './broker-process.ts';
import { RawConnection } from '../services/broker/test/support/raw-connection.ts';
import { kafkajsRecordBatch, kafkajsRequestFrame } from '../services/broker/test/support/kafkajs-wire.ts';
import { produceFrame } from '../services/broker/test/support/wire-frames.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rss-'));
const b = await startBrokerProcess({ dataDir, partitions: 1 });
const batch = await kafkajsRecordBatch({ messages: Array.from({ length: 900 }, (_, i) => ({ value: String(i % 10).repeat(1000) })) });
const conn = await RawConnection.open(b.port);
for (let i = 0; i < 330; i++) { conn.send(produceFrame(i, 'big', 0, batch)); await conn.next(); }
conn.destroy();
const before = processMemoryMb(b.pid);
const conns = await Promise.all(Array.from({ length: 16 }, () => RawConnection.open(b.port)));
const frame = await kafkajsRequestFrame('fetch', 4, { replicaId: -1, maxWaitTime: 0, minBytes: 1, maxBytes: 2 ** 31 - 1, topics: [{ topic: 'big', partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 2 ** 31 - 1 }] }] }, 5);
let peak = 0;
const t = setInterval(() => { peak = Math.max(peak, processMemoryMb(b.pid).rssMb); }, 20);
for (const c of conns) c.send(frame);
// A response that never comes in 2 minutes counts as 0 MB (what an uncapped broker did: 16 x 64 MiB reads).
const sizes = await Promise.all(conns.map(async (c) => (await c.next(120_000).catch(() => ({ body: Buffer.alloc(0) }))).body.length));
clearInterval(t);
const after = processMemoryMb(b.pid);
console.log(JSON.stringify({ storedMb: Math.round((330 * batch.length) / 1048576), responseMb: sizes.map((s) => +(s / 1048576).toFixed(1)), rssBeforeMb: before.rssMb, peakSampledMb: peak, vmHwmMb: after.peakRssMb }));
for (const c of conns) c.destroy();
await b.stop();
rmSync(dataDir, { recursive: true, force: true });
