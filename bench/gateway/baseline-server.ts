/**
 * The naive baseline the gateway is compared with: a plain `ws` server fed
 * by a Kafka reader (the port's tail) that, for every update and every connected client,
 * builds the frame object, JSON.stringify's it and sends it. No shared
 * serialisation, no filters, no back-pressure, no resume: what a first
 * implementation typically looks like. Same frame shape as the gateway's, so
 * the bench clients measure both the same way.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { openKafka } from '@newswire/kafka';
import { createLogger } from '@newswire/config';
import { NEWSWIRE_TOPICS } from '@newswire/schema';

export interface Baseline {
  port: number;
  stop(): Promise<void>;
}

export async function startBaseline(opts: { brokers: string[]; host?: string; port?: number }): Promise<Baseline> {
  const logger = createLogger('bench-baseline');
  const http = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data) => {
      // Just enough protocol for the bench clients: acknowledge subscribes.
      try {
        const msg = JSON.parse(data.toString()) as { op?: string; id?: string };
        if (msg.op === 'subscribe') ws.send(JSON.stringify({ op: 'subscribed', id: msg.id, catchingUp: false }));
      } catch {
        // ignore
      }
    });
  });

  const kafka = await openKafka({ brokers: opts.brokers, clientId: 'bench-baseline', logger });
  // From the end of every partition: only updates published from now on.
  const tail = kafka.tail({
    topics: NEWSWIRE_TOPICS,
    startAt: () => 'latest',
    maxWaitMs: 200,
    onBatch: (batch) => {
      for (const m of batch.records) {
        if (!m.value) continue;
        const update = JSON.parse(m.value.toString()) as unknown;
        const frame = {
          op: 'update',
          topic: batch.topic,
          partition: batch.partition,
          offset: Number(m.offset),
          epoch: 'baseline',
          ts: m.timestamp,
          update,
        };
        // The naive part: one serialisation per client.
        for (const ws of clients) ws.send(JSON.stringify(frame));
      }
    },
  });
  // "started" means "will see the next update".
  await tail.firstRound();

  await new Promise<void>((resolve) => http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    async stop() {
      await tail.stop();
      await kafka.close();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
