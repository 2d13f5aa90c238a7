/**
 * client.stories() against a real gateway and broker: the listing of what
 * was published, asked before the client is even connected; the gateway's
 * refusal (no state) as a StoryListingError with its code; and a bounded
 * wait: a server that never answers (timeout) or drops the connection
 * (closed) rejects the request, as does closing the client. The silent and
 * the dropping server are plain ws servers speaking the protocol's frames.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { startGateway } from '@newswire/gateway';
import { createLogger } from '@newswire/config';
import type { ServerMessage } from '@newswire/protocol';
import { connect, StoryListingError, type NewswireClient, type StoryListing, type WebSocketConstructor } from '@newswire/client';
import { makeUpdates, waitFor } from '@newswire/test-support';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const WS = WebSocket as unknown as WebSocketConstructor;
let env: SdkEnv;
const clients: NewswireClient[] = [];
const servers: WebSocketServer[] = [];

function client(url: string): NewswireClient {
  const c = connect({ url, WebSocket: WS, reconnect: false });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  env = await startSdkEnv();
  await env.publisher.publish(makeUpdates(4, { prefix: 'sdk-list-old', patch: () => ({ story: 'sdk-list-old' }) }));
  await new Promise((r) => setTimeout(r, 20)); // distinct Kafka timestamps (ms) for the two stories
  await env.publisher.publish(makeUpdates(2, { prefix: 'sdk-list-new', patch: () => ({ story: 'sdk-list-new' }) }));
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) {
    for (const ws of s.clients) ws.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

afterAll(async () => {
  await env?.stop();
});

/** A server that welcomes, then does `onStories` with each `stories` request. */
async function serverThat(onStories: (ws: ServerSocket) => void): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { op: string };
      const welcome: ServerMessage = { op: 'welcome', v: 1, server: 'scripted/0.3', epoch: 'e1', topics: [], limits: { maxPayload: 16384, maxSubscriptions: 16, ratePerSec: 20, burst: 40, maxBufferedBytes: 4 << 20, heartbeatMs: 30_000 } };
      if (msg.op === 'hello') ws.send(JSON.stringify(welcome));
      else if (msg.op === 'stories') onStories(ws);
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
}

describe('client.stories()', () => {
  it('lists the published stories with their counts, newest first, asked before the client connected', async () => {
    const c = client(env.url);
    let listing: StoryListing | undefined;
    // The gateway folds what it reads after it starts: ask until both stories are in.
    await waitFor(async () => {
      listing = await c.stories();
      return listing.stories.length === 2 && listing.stories.every((s) => s.updates === (s.story === 'sdk-list-old' ? 4 : 2));
    }, () => `both stories listed, last: ${JSON.stringify(listing)}`, 30_000);
    expect(listing!.truncated).toBe(false);
    expect(listing!.stories.map((s) => s.story)).toEqual(['sdk-list-new', 'sdk-list-old']);
    expect(listing!.stories[0]!.lastTs).toBeGreaterThan(listing!.stories[1]!.lastTs!);
  });

  it('rejects with the gateway’s code when it keeps no state, and the client stays usable', async () => {
    const gw = await startGateway({ host: '127.0.0.1', port: 0, brokers: env.kafka.brokers, topicPrefix: env.kafka.prefix, logger: createLogger('gateway', { level: 'silent' }), state: { enabled: false } });
    try {
      const c = client(`ws://127.0.0.1:${gw.port}`);
      const err = await c.stories().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoryListingError);
      expect(err).toMatchObject({ code: 'state_unavailable', temporary: false });
      await c.ready();
      expect(c.state).toBe('live');
    } finally {
      await gw.stop();
    }
  });

  it('rejects with timeout when no answer comes within timeoutMs', async () => {
    const c = client(await serverThat(() => {}));
    await expect(c.stories({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('rejects with closed when the connection drops before the answer, or the client closes', async () => {
    const c = client(await serverThat((ws) => ws.terminate()));
    await expect(c.stories()).rejects.toMatchObject({ code: 'closed' });

    const quiet = client(await serverThat(() => {}));
    const pending = quiet.stories();
    await quiet.ready();
    void quiet.close();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    await expect(quiet.stories()).rejects.toMatchObject({ code: 'closed' });
  });
});
