/**
 * Runs the server under test in a process of its own: the real gateway
 * (startGateway from services/gateway) or the naive baseline. Started with
 * --expose-gc so memory can be measured after a collection.
 */
import type { GatewayLimits } from '@newswire/gateway';
import { serve } from './rpc.ts';

type Running = { port: number; stop(): Promise<void> };
let running: Running | null = null;

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

// Exit through process.exit so --cpu-prof (bench --profile) gets written.
process.on('SIGTERM', () => process.exit(0));

serve({
  async start(args) {
    const brokers = args.brokers as string[];
    if (args.mode === 'baseline') {
      const { startBaseline } = await import('./baseline-server.ts');
      running = await startBaseline({ brokers });
    } else {
      const { startGateway } = await import('@newswire/gateway');
      // The gateway creates no topics: make them first, as `newswire start` does.
      const { openKafka } = await import('@newswire/kafka');
      const { NEWSWIRE_TOPICS } = await import('@newswire/schema');
      const kafka = await openKafka({ brokers, clientId: 'bench-topics' });
      await kafka.ensureTopics(NEWSWIRE_TOPICS, { partitions: Number(args.partitions ?? 4) });
      await kafka.close();
      running = await startGateway({
        host: '127.0.0.1',
        port: 0,
        brokers,
        limits: (args.limits ?? {}) as Partial<GatewayLimits>,
      });
    }
    return { port: running.port };
  },
  mem(args) {
    if (args.gc) gc();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  },
  async stop() {
    await running?.stop();
    running = null;
    return true;
  },
});
