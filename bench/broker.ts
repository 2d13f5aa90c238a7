/**
 * `npm run bench -- broker [--messages N] [--partitions 30] [--concurrency 8] [--latency-samples 2000] [--flush always|<ms>]`
 *
 * Starts the dev broker as a separate process on a temp dir and measures it
 * through the Kafka port (kafkajs underneath) from this process: produce throughput (1 KB values, sends of
 * 100 messages), acks=-1 single-message latency, consume throughput from the
 * beginning, the broker's CPU share and RSS against the client's CPU (the
 * client, not the broker, should be what limits throughput).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { openKafka, type KafkaPort, type Sender } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { percentile, printTable, saveResult, type Row } from './lib.ts';
import { CpuMeter, RssSampler, processMemoryMb, startBrokerProcess, type BrokerProcess } from './broker-process.ts';

const VALUE_BYTES = 1024;
const BATCH = 100;

interface Options {
  messages: number;
  partitions: number;
  concurrency: number;
  latencySamples: number;
  flush: string | undefined;
  keep: boolean;
}

function options(args: string[]): Options {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      messages: { type: 'string', default: '1000000' },
      partitions: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '8' },
      'latency-samples': { type: 'string', default: '2000' },
      flush: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`bench broker: --${name} must be an integer >= ${min}, got "${v}"`);
    return n;
  };
  return {
    messages: int('messages', values.messages, BATCH),
    partitions: int('partitions', values.partitions, 1),
    concurrency: int('concurrency', values.concurrency, 1),
    latencySamples: int('latency-samples', values['latency-samples'], 10),
    flush: values.flush,
    keep: values.keep,
  };
}

/** Sends `total` messages as sends of BATCH to one partition each (round robin), `concurrency` sends in flight. */
async function produceAll(sender: Sender, topic: string, total: number, partitions: number, concurrency: number): Promise<void> {
  const value = randomBytes(VALUE_BYTES);
  const sends = Math.ceil(total / BATCH);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < sends; i = next++) {
      const n = Math.min(BATCH, total - i * BATCH);
      await sender.send(Array.from({ length: n }, () => ({ topic, partition: i % partitions, key: null, value })));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function measureLatency(sender: Sender, topic: string, samples: number): Promise<number[]> {
  const value = randomBytes(VALUE_BYTES);
  const times: number[] = [];
  for (let i = 0; i < samples + 50; i++) {
    const t0 = performance.now();
    await sender.send([{ topic, partition: 0, key: null, value }]);
    if (i >= 50) times.push(performance.now() - t0); // the first sends warm up connections and JIT
  }
  return times;
}

/** Reads every partition from its start to its end, with a consumer's usual fetch sizes (10 MB per response, 1 MB per partition). */
async function consumeAll(kafka: KafkaPort, topic: string, total: number): Promise<void> {
  const ranges = (await kafka.topicOffsets(topic)).map((o) => ({ topic, partition: o.partition, from: o.low, to: o.high }));
  let seen = 0;
  await kafka.readRange(ranges, (batch) => void (seen += batch.records.length), { maxWaitMs: 100, maxBytes: 10 * 1024 * 1024, maxBytesPerPartition: 1024 * 1024 });
  if (seen !== total) throw new Error(`bench broker: read ${seen} messages, expected ${total}`);
}

/** Messages in the topic (high watermark - log start, summed over partitions). */
async function storedMessages(brokers: string[], topic: string): Promise<number> {
  const kafka = await openKafka({ brokers, clientId: 'bench-broker-check', logger: createLogger('bench-broker', { level: 'error' }) });
  try {
    return (await kafka.topicOffsets(topic)).reduce((sum, o) => sum + Number(o.high - o.low), 0);
  } finally {
    await kafka.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const loadAtStart = loadavg()[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'newswire-bench-broker-'));
  let broker: BrokerProcess | undefined;
  try {
    broker = await startBrokerProcess({ dataDir, partitions: opts.partitions, ...(opts.flush ? { flush: opts.flush } : {}) });
    const kafka = await openKafka({ brokers: broker.brokers, clientId: 'bench-broker', logger: createLogger('bench-broker', { level: 'error' }) });
    const topic = 'bench-throughput';
    const latencyTopic = 'bench-latency';
    await kafka.ensureTopics([topic], { partitions: opts.partitions });
    await kafka.ensureTopics([latencyTopic], { partitions: 1 });
    // Not idempotent: `concurrency` sends in flight at once, as a plain producer allows.
    const producer = await kafka.openSender({ idempotent: false });
    const idle = processMemoryMb(broker.pid);
    console.log(`bench broker: ${opts.messages.toLocaleString('en-US')} x 1 KB messages, ${opts.partitions} partitions, broker pid ${broker.pid} (${broker.command})`);

    let cpu = new CpuMeter(broker.pid);
    let rss = new RssSampler(broker.pid);
    await produceAll(producer, topic, opts.messages, opts.partitions, opts.concurrency);
    const produce = cpu.read();
    const producePeakRss = rss.stop();
    const afterProduce = processMemoryMb(broker.pid);

    cpu = new CpuMeter(broker.pid);
    const latencies = await measureLatency(producer, latencyTopic, opts.latencySamples);
    const latency = cpu.read();
    await producer.close();

    cpu = new CpuMeter(broker.pid);
    rss = new RssSampler(broker.pid);
    await consumeAll(kafka, topic, opts.messages);
    const consume = cpu.read();
    const consumePeakRss = rss.stop();
    const afterConsume = processMemoryMb(broker.pid);
    await kafka.close();

    // Restart on the same data: recovery time, and memory that holds indexes rather than messages.
    await broker.stop();
    const t0 = performance.now();
    broker = await startBrokerProcess({ dataDir, partitions: opts.partitions, ...(opts.flush ? { flush: opts.flush } : {}) });
    const restartSeconds = (performance.now() - t0) / 1000;
    const afterRestart = processMemoryMb(broker.pid);
    const stored = await storedMessages(broker.brokers, topic);
    if (stored !== opts.messages) throw new Error(`bench broker: ${stored} messages stored after the restart, expected ${opts.messages}`);

    const mb = (opts.messages * VALUE_BYTES) / (1024 * 1024);
    // CPU time per message does not depend on how busy the machine is, unlike the shares.
    const usPerMsg = (cpuPct: number, wall: number) => (cpuPct / 100) * wall * 1e6 / opts.messages;
    const rows: Row[] = [
      { metric: 'produce throughput', value: opts.messages / produce.wallSeconds, unit: 'msgs/s', brokerCpu: pct(produce.brokerCpuPct), clientCpu: pct(produce.clientCpuPct) },
      { metric: 'produce throughput', value: mb / produce.wallSeconds, unit: 'MB/s', brokerCpu: '', clientCpu: '' },
      { metric: 'produce latency p50 (acks=-1)', value: percentile(latencies, 50), unit: 'ms', brokerCpu: pct(latency.brokerCpuPct), clientCpu: pct(latency.clientCpuPct) },
      { metric: 'produce latency p99 (acks=-1)', value: percentile(latencies, 99), unit: 'ms', brokerCpu: '', clientCpu: '' },
      { metric: 'consume throughput (from beginning)', value: opts.messages / consume.wallSeconds, unit: 'msgs/s', brokerCpu: pct(consume.brokerCpuPct), clientCpu: pct(consume.clientCpuPct) },
      { metric: 'consume throughput (from beginning)', value: mb / consume.wallSeconds, unit: 'MB/s', brokerCpu: '', clientCpu: '' },
      { metric: 'CPU per message, produce (broker | client)', value: usPerMsg(produce.brokerCpuPct, produce.wallSeconds), unit: 'µs', brokerCpu: '', clientCpu: `${usPerMsg(produce.clientCpuPct, produce.wallSeconds).toFixed(1)} µs` },
      { metric: 'CPU per message, consume (broker | client)', value: usPerMsg(consume.brokerCpuPct, consume.wallSeconds), unit: 'µs', brokerCpu: '', clientCpu: `${usPerMsg(consume.clientCpuPct, consume.wallSeconds).toFixed(1)} µs` },
      { metric: 'broker RSS idle (topics created)', value: idle.rssMb, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: `broker RSS, ${opts.partitions} partitions + ${opts.messages} msgs stored`, value: afterProduce.rssMb, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: 'broker RSS after consuming all', value: afterConsume.rssMb, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: 'broker peak RSS while producing', value: producePeakRss, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: 'broker peak RSS while consuming', value: consumePeakRss, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: `broker restart with ${opts.messages} msgs stored (to listening)`, value: restartSeconds, unit: 's', brokerCpu: '', clientCpu: '' },
      { metric: 'broker RSS right after that restart', value: afterRestart.rssMb, unit: 'MB', brokerCpu: '', clientCpu: '' },
      { metric: 'broker peak RSS before the restart (VmHWM)', value: afterConsume.peakRssMb, unit: 'MB', brokerCpu: '', clientCpu: '' },
    ];
    const load = loadavg()[0]!;
    printTable(
      `dev broker (CPU in % of one core; ${produce.wallSeconds.toFixed(1)} s produce, ${consume.wallSeconds.toFixed(1)} s consume; load average ${loadAtStart.toFixed(1)} -> ${load.toFixed(1)})`,
      rows,
    );
    const file = saveResult('broker', {
      options: opts,
      loadAverage: { atStart: loadAtStart, atEnd: load },
      // Both change the broker's memory profile; record them so runs compare fairly.
      env: { NODE_OPTIONS: process.env.NODE_OPTIONS ?? null, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? null },
      cpuMicrosPerMessage: {
        produce: { broker: usPerMsg(produce.brokerCpuPct, produce.wallSeconds), client: usPerMsg(produce.clientCpuPct, produce.wallSeconds) },
        consume: { broker: usPerMsg(consume.brokerCpuPct, consume.wallSeconds), client: usPerMsg(consume.clientCpuPct, consume.wallSeconds) },
      },
      brokerCommand: broker.command,
      produce: { ...produce, msgsPerSec: opts.messages / produce.wallSeconds, mbPerSec: mb / produce.wallSeconds },
      latency: { ...latency, samples: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) },
      consume: { ...consume, msgsPerSec: opts.messages / consume.wallSeconds, mbPerSec: mb / consume.wallSeconds },
      restart: { seconds: restartSeconds, storedMessages: stored },
      memory: { idle, afterProduce, afterConsume, afterRestart, producePeakRssMb: producePeakRss, consumePeakRssMb: consumePeakRss },
    });
    console.log(`saved ${file}`);
  } finally {
    await broker?.stop();
    if (!opts.keep) rmSync(dataDir, { recursive: true, force: true });
    else console.log(`kept broker data in ${dataDir}`);
  }
}

const pct = (v: number) => `${v.toFixed(0)}%`;
