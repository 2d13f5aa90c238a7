/**
 * Where gateway memory levels off: a `newswire gateway` process (its own
 * RSS, no broker or publisher inside it) on a fresh dev broker, fed N updates
 * as fast as the publisher goes, with no client connected. Every `--every`
 * updates it prints the gateway's resident set, V8 heap and the bytes held by
 * the resume windows (GATEWAY_WINDOW_TOTAL_BYTES bounds them), all read from
 * the gateway's own /metrics.
 *
 *   node --import tsx bench/gateway-window-memory.ts [--updates 150000] [--every 10000]
 *        [--total-bytes 67108864] [--window-bytes 16777216] [--window-entries 10000]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createPublisher } from '@newswire/kafka';
import { startKafka, makeUpdates } from '@newswire/test-support';
import { createLogger } from '@newswire/config';

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '150000' },
    every: { type: 'string', default: '10000' },
    'total-bytes': { type: 'string', default: String(64 * 1024 * 1024) },
    'window-bytes': { type: 'string', default: String(16 * 1024 * 1024) },
    'window-entries': { type: 'string', default: '10000' },
  },
});
const total = Number(values.updates);
const every = Number(values.every);

process.env.LOG_LEVEL ??= 'error'; // the in-process dev broker logs at this level
const kafka = await startKafka({ partitions: 3 });
const logger = createLogger('bench', { level: 'error' });
const pub = await createPublisher({ brokers: kafka.brokers, logger, partitions: 3, topicPrefix: kafka.prefix });
await pub.publish(makeUpdates(9, { prefix: 'warm', stories: 9 })); // creates the topics the gateway serves

const bin = resolve(import.meta.dirname, '../services/cli/bin/newswire.mjs');
const gateway = spawn(process.execPath, [bin, 'gateway', '--port', '0'], {
  env: {
    ...process.env,
    ...kafka.env,
    LOG_LEVEL: 'error',
    GATEWAY_WINDOW_TOTAL_BYTES: values['total-bytes'],
    GATEWAY_WINDOW_BYTES: values['window-bytes'],
    GATEWAY_WINDOW_ENTRIES: values['window-entries'],
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((res, rej) => {
  createInterface({ input: gateway.stdout! }).on('line', (line) => {
    try {
      const j = JSON.parse(line) as { port?: number };
      if (j.port) res(j.port);
    } catch {
      /* a log line */
    }
  });
  gateway.once('exit', (code) => rej(new Error(`gateway exited with ${code}`)));
});

async function sample(): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const get = (name: string) => Number(text.split('\n').find((l) => l.startsWith(name + ' '))?.split(' ')[1] ?? NaN);
  return {
    rssMB: get('newswire_gateway_process_resident_memory_bytes') / 2 ** 20,
    heapMB: get('newswire_gateway_nodejs_heap_size_used_bytes') / 2 ** 20,
    windowMB: get('newswire_gateway_window_bytes') / 2 ** 20,
    updatesIn: Number(text.split('\n').filter((l) => l.startsWith('newswire_gateway_updates_in_total{')).reduce((n, l) => n + Number(l.split(' ')[1]), 0)),
  };
}

const fmt = (n: number) => n.toFixed(1).padStart(7);
console.log(`gateway window memory: ${total} updates; window ${values['window-entries']} entries / ${Number(values['window-bytes']) / 2 ** 20} MiB per partition, ${Number(values['total-bytes']) / 2 ** 20} MiB in total`);
console.log('  updates   rss MB  heap MB  window MB');
let sent = 0;
const frameBytes = JSON.stringify(makeUpdates(25, { prefix: 'size' })).length / 25 + 120; // update + frame envelope, roughly
while (sent < total) {
  const n = Math.min(every, total - sent);
  for (let i = 0; i < n; i += 1000) await pub.publish(makeUpdates(Math.min(1000, n - i), { prefix: `mem-${sent + i}`, stories: 50 }));
  sent += n;
  // Let the gateway ingest what was published before sampling.
  for (let waited = 0; (await sample()).updatesIn! < sent + 9; waited++) {
    if (waited % 50 === 49) console.log('  (waiting for the gateway to ingest:', JSON.stringify(await sample()), ')');
    await new Promise((r) => setTimeout(r, 100));
  }
  const s = await sample();
  console.log(`${String(sent).padStart(9)} ${fmt(s.rssMB!)}  ${fmt(s.heapMB!)}  ${fmt(s.windowMB!)}`);
}
console.log(`(about ${Math.round(frameBytes)} bytes per frame, so ${((total * frameBytes) / 2 ** 20).toFixed(0)} MiB of frames went through)`);
gateway.kill('SIGTERM');
await new Promise((r) => gateway.once('exit', r));
await pub.close();
await kafka.stop();
