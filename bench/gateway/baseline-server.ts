/**
 * The naive baseline the gateway is compared with: a plain `ws` server fed
 * by a kafkajs consumer that, for every update and every connected client,
 * builds the frame object, JSON.stringify's it and sends it. No shared
 * serialisation, no filters, no back-pressure, no resume: what a first
 * implementation typically looks like. Same frame shape as the gateway's, so
 * the bench clients measure both the same way.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { createConsumer, createKafka } from '@newswire/kafka';
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

  const kafka = createKafka({ brokers: opts.brokers, clientId: 'bench-baseline', logger });
  const consumer = createConsumer(kafka, { groupId: `bench-baseline-${randomUUID()}`, maxWaitTimeInMs: 200 });
  // kafkajs joins the group in the background: wait for the assignment so
  // "started" means "will see the next update".
  const joined = new Promise<void>((resolve) => {
    const off = consumer.on(consumer.events.GROUP_JOIN, () => {
      off();
      resolve();
    });
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...NEWSWIRE_TOPICS], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages) {
        if (!m.value) continue;
        const update = JSON.parse(m.value.toString()) as unknown;
        const frame = {
          op: 'update',
          topic: batch.topic,
          partition: batch.partition,
          offset: Number(m.offset),
          epoch: 'baseline',
          ts: Number(m.timestamp),
          update,
        };
        // The naive part: one serialisation per client.
        for (const ws of clients) ws.send(JSON.stringify(frame));
      }
    },
  });
  await joined;

  await new Promise<void>((resolve) => http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    async stop() {
      await consumer.disconnect();
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
