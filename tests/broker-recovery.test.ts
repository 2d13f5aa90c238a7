/**
 * Recovery of the dev broker never deletes intact data (issue 13): damage in an
 * older segment (a corrupt length field, flipped payload bytes) makes the broker
 * refuse to start, naming the file, byte and offsets, without touching a file;
 * `--repair` then loses only the damaged batch, and the repaired log starts
 * normally.
 *
 * Like broker-durability.test.ts it bypasses startKafka(): the segment files are
 * damaged between runs of a broker process of its own on the same data dir
 * (startKafka gives an in-process broker, a container or an external cluster),
 * so it is specific to the dev broker.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSizes, overwrite, storedBatches } from '../services/broker/test/storage/segment-files.ts';
import { client, highWatermark, readAll, stopBroker, useBrokerProcesses } from '../services/broker/test/support/broker-process.ts';

const BATCH = 10;

const { newDataDir, spawnBroker, brokerRefuses } = useBrokerProcesses();

describe('dev broker recovery never deletes intact data (issue 13)', () => {
  it('refuses to start on damage in an older segment, naming it; --repair loses only the damaged batch', async () => {
    const topic = 'durability-damage';
    const dataDir = newDataDir();
    const partitionDir = join(dataDir, `${topic}-0`);
    const first = await spawnBroker(dataDir, 0, ['--segment-bytes', '4096', '--partitions', '1']);
    const kafka = client(first.port, 5);
    const producer = kafka.producer(); // auto-creates the topic with 1 partition
    await producer.connect();
    for (let n = 0; n < 1600; n += BATCH) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: BATCH }, (_, i) => ({ value: String(n + i) })) });
    }
    await producer.disconnect();
    await stopBroker(first);

    // One corrupt length field in an older segment (before the fix: every later segment deleted, HW 1600 -> ~60).
    const batches = storedBatches(partitionDir);
    const files = [...new Set(batches.map((b) => b.file))];
    expect(files.length).toBeGreaterThan(5);
    const victim = batches.find((b) => b.file === files[2] && b.position > 0)!;
    overwrite(victim.file, victim.position + 8, [0x7f, 0xff, 0xff, 0xff]);
    const before = fileSizes(partitionDir);

    const refused = await brokerRefuses(dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(victim.file);
    expect(refused.output).toContain(`byte ${victim.position}`);
    expect(refused.output).toContain(`offsets ${victim.baseOffset}..${victim.lastOffset}`);
    expect(refused.output).toContain('--repair');
    expect(fileSizes(partitionDir)).toEqual(before);

    // The operator's explicit choice: only the damaged batch's offsets are lost.
    const repaired = await spawnBroker(dataDir, 0, ['--repair']);
    const lost = (v: number) => v >= victim.baseOffset && v <= victim.lastOffset;
    const expected = Array.from({ length: 1600 }, (_, i) => i).filter((i) => !lost(i));
    const got = await readAll(repaired.port, topic, victim.lastOffset - victim.baseOffset + 1);
    expect(got.offsets).toEqual(expected);
    expect(got.values).toEqual(expected.map(String));
    await stopBroker(repaired);

    // The repaired log is consistent: a normal start takes it as it is, high watermark still 1600.
    const normal = await spawnBroker(dataDir);
    expect(await highWatermark(normal.port, topic)).toBe(1600);
    await stopBroker(normal);

    // Flipped payload bytes in another older segment are caught by the CRC-32C at start.
    const other = storedBatches(partitionDir).find((b) => b.file === files[4])!;
    const bytes = readFileSync(other.file);
    overwrite(other.file, other.position + other.size - 2, [bytes[other.position + other.size - 2]! ^ 0x01]);
    const refusedAgain = await brokerRefuses(dataDir);
    expect(refusedAgain.code).toBe(1);
    expect(refusedAgain.output).toContain('CRC-32C');
    expect(refusedAgain.output).toContain(`byte ${other.position}`);
  }, 180_000);
});
