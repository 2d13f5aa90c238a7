/**
 * The raw-frame path on real sockets: pre-built frames reach a real client
 * byte-exact at every length class, and whenever raw bytes could overtake
 * or differ from ws's own (a sender busy with a Blob read, a connection with
 * permessage-deflate whose sender is compressing) FrameWriter hands the frame
 * to ws.send and the client still gets every message, in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import { FrameWriter, prebuiltTextFrame } from '../src/frame-writer.ts';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A real ws server and client on 127.0.0.1; the client records text messages. */
async function connectedPair(opts: ServerOptions = {}, clientDeflate = false) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, ...opts });
  servers.push(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const { port } = wss.address() as { port: number };
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', (ws) => r(ws)));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: clientDeflate });
  const received: string[] = [];
  client.on('message', (data, isBinary) => received.push(isBinary ? `binary:${data.toString()}` : data.toString()));
  await new Promise<void>((r, j) => client.once('open', () => r()).once('error', j));
  const until = (n: number) => new Promise<void>((r, j) => {
    const check = () => (received.length >= n ? r() : undefined);
    client.on('message', check);
    client.once('close', (code) => j(new Error(`client closed ${code} after ${received.length} of ${n} messages`)));
    check();
  });
  return { server: await serverSide, client, received, until };
}

describe('FrameWriter', () => {
  it('writes pre-built frames raw on a plain idle connection, byte-exact at every length class and in order with ws.send', async () => {
    const { server, received, until } = await connectedPair();
    const writer = new FrameWriter(server);
    const sent: string[] = [];
    // Payload byte lengths around each header size (7-bit, 16-bit, 64-bit), and multi-byte UTF-8.
    for (const t of [0, 1, 125, 126, 127, 65_535, 65_536, 200_000].map((n) => 'x'.repeat(n)).concat('é'.repeat(40_000))) {
      const len = Buffer.byteLength(t);
      expect(writer.write(prebuiltTextFrame(t))).toBe('raw');
      sent.push(t);
      server.send(`control after ${len}`);
      sent.push(`control after ${len}`);
    }
    await until(sent.length);
    expect(received).toEqual(sent);
  });

  it('falls back to ws.send while the sender is busy (a Blob being read), so nothing overtakes it', async () => {
    const { server, received, until } = await connectedPair();
    const writer = new FrameWriter(server);
    server.send(new Blob(['first']), { binary: false });
    const path = writer.write(prebuiltTextFrame('second'));
    server.send('third');
    await until(3);
    expect(received).toEqual(['first', 'second', 'third']);
    expect(path).toBe('ws');
    expect(writer.write(prebuiltTextFrame('fourth')), 'idle again: raw again').toBe('raw');
    await until(4);
    expect(received[3]).toBe('fourth');
  });

  it('never writes raw on a connection that negotiated permessage-deflate, and delivers in order while ws compresses', async () => {
    const { server, client, received, until } = await connectedPair({ perMessageDeflate: true }, true);
    expect(client.extensions).toContain('permessage-deflate');
    const writer = new FrameWriter(server);
    const sent: string[] = [];
    const paths: string[] = [];
    for (let i = 0; i < 20; i++) {
      // Large control frames are compressed asynchronously; pre-built frames must not overtake them.
      const big = `big${i}:`.padEnd(4096, 'x');
      server.send(big);
      sent.push(big);
      paths.push(writer.write(prebuiltTextFrame(`live ${i}`)));
      sent.push(`live ${i}`);
    }
    await until(sent.length);
    expect(received).toEqual(sent);
    paths.push(writer.write(prebuiltTextFrame('idle but deflate')));
    expect(new Set(paths)).toEqual(new Set(['ws']));
  });

  it('calls back once the bytes are written, on either path', async () => {
    const { server, until } = await connectedPair();
    const writer = new FrameWriter(server);
    const done: string[] = [];
    writer.write(prebuiltTextFrame('a'), () => done.push('raw'));
    server.send(new Blob(['b']));
    writer.write(prebuiltTextFrame('c'), () => done.push('ws'));
    await until(3);
    await new Promise<void>((r) => setImmediate(r));
    expect(done.sort()).toEqual(['raw', 'ws']);
  });
});
