/**
 * Shutdown of the dev broker (issue 13): SIGTERM stops it whatever its clients
 * are doing, it leaves the clean-shutdown marker, and it starts again on the
 * same data dir with everything written.
 *
 * Like broker-durability.test.ts it bypasses startKafka(): it signals a broker
 * process of its own (startKafka gives an in-process broker, a container or an
 * external cluster, none of which it can signal), so it is specific to the dev
 * broker.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RawConnection } from '../services/broker/test/support/raw-connection.ts';
import { fetchFrame } from '../services/broker/test/support/wire-frames.ts';
import { client, highWatermark, stopBroker, useBrokerProcesses } from '../services/broker/test/support/broker-process.ts';
import { waitFor } from '@newswire/test-support/wait';

const { newDataDir, spawnBroker } = useBrokerProcesses();

describe('dev broker shutdown (issue 13)', () => {
  it('SIGTERM stops the broker whatever its clients do, with a clean-shutdown marker, and it restarts', async () => {
    const topic = 'durability-shutdown';
    const dataDir = newDataDir();
    const b = await spawnBroker(dataDir, 0, ['--partitions', '1']);
    const kafka = client(b.port, 5);
    const producer = kafka.producer();
    await producer.connect();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 40; i++) await producer.send({ topic, messages: [{ value: big }] });

    // Clients in every state: a socket that never speaks, a half-sent frame, a long-polling
    // Fetch, a reader that stopped reading with megabytes of responses queued, a consumer group.
    const conns: RawConnection[] = [];
    const open = async () => {
      const c = await RawConnection.open(b.port);
      conns.push(c);
      return c;
    };
    await open();
    const half = Buffer.alloc(10);
    half.writeInt32BE(1000, 0);
    (await open()).send(half);
    (await open()).send(fetchFrame(1, topic, 0, 40, 25_000));
    const stalled = await open();
    stalled.pause();
    for (let i = 0; i < 30; i++) stalled.send(fetchFrame(100 + i, topic, 0, 0, 0));
    const consumer = kafka.consumer({ groupId: 'shutdown-group' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    void consumer.run({ eachMessage: async () => void consumed++ });
    await waitFor(() => consumed > 0, 'the consumer group to read', 60_000);

    b.child.kill('SIGTERM');
    expect(await b.exited).not.toBeNull(); // it exited by itself
    expect(existsSync(join(dataDir, '.clean-shutdown'))).toBe(true);
    for (const c of conns) c.destroy();
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});

    const again = await spawnBroker(dataDir);
    expect(await highWatermark(again.port, topic)).toBe(40);
    await stopBroker(again);
  }, 120_000);
});
