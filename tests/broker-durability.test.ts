/**
 * Durability of the dev broker (issue 2, item 6): a broker PROCESS with
 * flush `always`, a kafkajs producer with acks=-1 sending a numbered stream,
 * kill -9 mid-stream, restart on the same data dir: every acknowledged
 * message is there exactly once and in order, and the log takes new writes.
 *
 * This test deliberately bypasses startKafka(): it must SIGKILL the broker,
 * which needs a broker in a separate process of its own (startKafka gives an
 * in-process broker, a container or an external cluster, none killable here).
 * It is therefore specific to the dev broker.
 */
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { client, readAll, useBrokerProcesses } from '../services/broker/test/support/broker-process.ts';
import { waitFor } from '@newswire/test-support/wait';

const TOPIC = 'durability';
const BATCH = 10;

const { newDataDir, spawnBroker } = useBrokerProcesses();

describe('dev broker durability (separate process, flush always, kill -9)', () => {
  it('keeps every acknowledged message exactly once and in order across kill -9, then takes new writes', async () => {
    const dataDir = newDataDir();
    const first = await spawnBroker(dataDir);
    const kafka = client(first.port);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // Fail fast: a send to the killed broker must reject, not retry into the restarted one.
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    const acked: number[] = [];
    let sendError: unknown = null;
    // A numbered stream, one batch in flight at a time: acks arrive in order.
    const stream = (async () => {
      for (let n = 0; ; n += BATCH) {
        const messages = Array.from({ length: BATCH }, (_, i) => ({ key: `k${n + i}`, value: String(n + i) }));
        try {
          await producer.send({ topic: TOPIC, acks: -1, messages });
        } catch (err) {
          sendError = err;
          return;
        }
        for (const m of messages) acked.push(Number(m.value));
      }
    })();

    await waitFor(() => acked.length >= 1500 || sendError !== null, '1500 acknowledged messages', 60_000);
    expect(sendError).toBeNull();
    first.child.kill('SIGKILL'); // mid-stream: the next send is already on the wire
    expect(await first.exited).toBeNull();
    await stream;
    expect(sendError).not.toBeNull();
    await producer.disconnect().catch(() => {});
    const ackedCount = acked.length;
    expect(acked).toEqual(Array.from({ length: ackedCount }, (_, i) => i));

    const second = await spawnBroker(dataDir);
    const { offsets, values } = await readAll(second.port, TOPIC);
    // Offsets 0..k-1 and values 0..k-1: nothing lost, nothing twice, nothing reordered.
    expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => String(i)));
    // Every acknowledged message is there; at most the one unacknowledged in-flight batch more.
    expect(values.length).toBeGreaterThanOrEqual(ackedCount);
    expect(values.length).toBeLessThanOrEqual(ackedCount + BATCH);

    // The recovered log takes new writes after what survived.
    const after = client(second.port).producer({ allowAutoTopicCreation: false });
    await after.connect();
    const res = await after.send({ topic: TOPIC, acks: -1, messages: [{ value: 'after-restart-0' }, { value: 'after-restart-1' }] });
    await after.disconnect();
    expect(Number(res[0]!.baseOffset)).toBe(values.length);
    const again = await readAll(second.port, TOPIC);
    expect(again.values.slice(-2)).toEqual(['after-restart-0', 'after-restart-1']);
    expect(again.values.length).toBe(values.length + 2);
  }, 180_000);

  it('an idempotent producer retrying a stored but unacknowledged batch across kill -9 gets it deduplicated', async () => {
    const topic = 'durability-idempotent';
    const dataDir = newDataDir();
    const first = await spawnBroker(dataDir);
    const port = first.port;
    const kafka = client(port, 20);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();

    // Retries span the restart (same port): the batch in flight at the kill is resent with
    // the same producer id and sequence, and the recovered broker must recognise it.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    await producer.connect();
    const batchOf = (n: number) => Array.from({ length: BATCH }, (_, i) => ({ value: String(n + i) }));
    const total = 2000;
    const crashAt = 1000;
    for (let n = 0; n < crashAt; n += BATCH) await producer.send({ topic, acks: -1, messages: batchOf(n) });

    // Make the crash land exactly between "stored" and "acknowledged": send one batch, then
    // block this event loop (so kafkajs cannot read the ack) until the batch shows up in the
    // segment file, and SIGKILL the broker from inside that synchronous wait.
    const segment = join(dataDir, `${topic}-0`, '00000000000000000000.log');
    const sizeBefore = statSync(segment).size;
    const inFlight = producer.send({ topic, acks: -1, messages: batchOf(crashAt) });
    let killed = false;
    for (let attempt = 0; attempt < 200 && !killed; attempt++) {
      await new Promise((r) => setImmediate(r)); // let kafkajs put the request on the wire
      const until = Date.now() + 50;
      while (!killed && Date.now() < until) {
        if (statSync(segment).size > sizeBefore) {
          process.kill(first.child.pid!, 'SIGKILL');
          killed = true;
        }
      }
    }
    expect(killed).toBe(true);
    expect(await first.exited).toBeNull();
    const restarted = await spawnBroker(dataDir, port);
    await inFlight; // retried into the restarted broker and acknowledged
    for (let n = crashAt + BATCH; n < total; n += BATCH) await producer.send({ topic, acks: -1, messages: batchOf(n) });
    await producer.disconnect();

    const { offsets, values } = await readAll(restarted.port, topic);
    expect(values).toEqual(Array.from({ length: total }, (_, i) => String(i)));
    expect(offsets).toEqual(Array.from({ length: total }, (_, i) => i));
  }, 180_000);
});
