/**
 * Canary for the ws internals the gateway's raw-frame path reads
 * (src/frame-writer.ts): `_socket`, `_sender`, `_sender._state`,
 * `_sender._queue` and the static `Sender.frame`. ws is pinned to an exact
 * version; if an upgrade renames or re-purposes any of these, this file fails
 * with a message naming the field, before the fast path silently misbehaves.
 */
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import { SENDER_IDLE, type WebSocketInternals } from '../src/frame-writer.ts';

const root = resolve(import.meta.dirname, '../../..');
const json = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8')) as { version?: string; dependencies?: Record<string, string> };

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    for (const c of s.clients) c.terminate();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A real ws server on 127.0.0.1 and a real client; resolves with the server's side of the connection. */
async function connectedPair(opts: ServerOptions = {}, clientDeflate = false): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...opts });
  servers.push(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const { port } = wss.address() as { port: number };
  const serverSide = new Promise<WebSocket>((r) => wss.once('connection', (ws) => r(ws)));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: clientDeflate });
  await new Promise<void>((r, j) => client.once('open', () => r()).once('error', j));
  return { server: await serverSide, client };
}

const internals = (ws: WebSocket) => ws as unknown as WebSocketInternals;

describe('ws internals used by the raw-frame path (canary)', () => {
  it('ws is pinned to one exact version everywhere it is declared, and that version is installed', () => {
    const installed = json('node_modules/ws/package.json').version;
    for (const pkg of ['package.json', 'services/gateway/package.json', 'shared/client/package.json']) {
      const declared = json(pkg).dependencies?.ws;
      expect(declared, `${pkg} declares ws as an exact version (no ^ or ~): the gateway reads its internals`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(declared, `${pkg}: ws ${declared} declared, ${installed} installed`).toBe(installed);
    }
    expect(installed, 'frame-writer.ts was checked against ws 8.23.0: re-check its internals before moving the pin').toBe('8.23.0');
  });

  it('Sender.frame is exported and frames an unmasked final text frame as [header, payload]', () => {
    const Sender = (wsModule as unknown as { Sender?: { frame?: unknown } }).Sender;
    expect(typeof Sender?.frame, "import { Sender } from 'ws' has a static frame()").toBe('function');
    const frame = Sender!.frame as (data: Buffer, o: object) => Buffer[];
    const parts = frame(Buffer.from('hi'), { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false });
    expect(Buffer.concat(parts)).toEqual(Buffer.from([0x81, 2, 0x68, 0x69]));
  });

  it('_socket is the TCP socket of the connection', async () => {
    const { server, client } = await connectedPair();
    const sock = internals(server)._socket;
    expect(sock, 'ws._socket').toBeInstanceOf(Socket);
    const clientSock = internals(client)._socket!;
    expect(sock!.remotePort, 'ws._socket is this connection’s socket').toBe(clientSock.localPort);
  });

  it('_sender._state is SENDER_IDLE with an empty _queue when idle, and leaves it while a Blob is read, queueing what follows', async () => {
    const { server, client } = await connectedPair();
    const sender = internals(server)._sender;
    expect(sender, 'ws._sender').not.toBeNull();
    expect(sender!._state, 'ws._sender._state of an idle sender').toBe(SENDER_IDLE);
    expect(Array.isArray(sender!._queue), 'ws._sender._queue is an array').toBe(true);
    expect(sender!._queue).toHaveLength(0);
    const got: string[] = [];
    const two = new Promise<void>((r) => client.on('message', (d) => got.push(d.toString()) === 2 && r()));
    server.send(new Blob(['blob']));
    expect(sender!._state, 'ws._sender._state while reading a Blob').not.toBe(SENDER_IDLE);
    server.send('after');
    expect(sender!._queue, 'ws._sender._queue holds a send made while busy').toHaveLength(1);
    await two;
    expect(got).toEqual(['blob', 'after']);
    expect(sender!._state).toBe(SENDER_IDLE);
    expect(sender!._queue).toHaveLength(0);
  });

  it('with permessage-deflate negotiated, ws.extensions names it and _sender._state leaves SENDER_IDLE while a message is compressed', async () => {
    const { server, client } = await connectedPair({ perMessageDeflate: true }, true);
    expect(server.extensions).toContain('permessage-deflate');
    const sender = internals(server)._sender!;
    const got = new Promise<string>((r) => client.once('message', (d) => r(d.toString())));
    server.send('x'.repeat(4096)); // above ws's 1 KiB compression threshold
    expect(sender._state, 'ws._sender._state while deflating').not.toBe(SENDER_IDLE);
    expect(await got).toBe('x'.repeat(4096));
    expect(sender._state).toBe(SENDER_IDLE);
  });

  it('without an extension, ws.extensions is the empty string', async () => {
    const { server } = await connectedPair({ perMessageDeflate: false });
    expect(server.extensions).toBe('');
  });
});
