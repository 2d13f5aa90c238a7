/**
 * A minimal WebSocket client for the load generator: it parses server frames
 * straight off the TCP stream and hands over only the first bytes of each
 * payload, without allocating a Buffer or emitting an event per frame. On a
 * 2-core machine the load generator competes with the server under test for
 * CPU; the `ws` package spends several times more per frame than this. It
 * answers pings (the gateway reaps silent sockets) and reports close codes.
 * Not a general client: no fragmentation (the servers under test never
 * fragment), no extensions, no TLS.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** How much of each payload the caller gets to look at. */
export const PREFIX_BYTES = 320;

export interface RawWsHandlers {
  onOpen(): void;
  /** `prefix`: up to PREFIX_BYTES of the payload (only valid during the call); `size`: full payload length. */
  onText(prefix: Buffer, size: number): void;
  onClose(code: number): void;
}

export interface RawWs {
  sendText(text: string): void;
  terminate(): void;
  readonly open: boolean;
}

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const headLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headLen + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  const mask = randomBytes(4);
  mask.copy(out, headLen);
  for (let i = 0; i < len; i++) out[headLen + 4 + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

export function openRawWs(url: string, h: RawWsHandlers): RawWs {
  const u = new URL(url);
  const socket: Socket = connect(Number(u.port || 80), u.hostname);
  socket.setNoDelay(true);
  let open = false;
  let closed = false;
  let handshake = Buffer.alloc(0);
  // Frame parser state: a header being read, or the payload of the current frame.
  const head = Buffer.alloc(10);
  let headLen = 0;
  let inPayload = false;
  let opcode = 0;
  let size = 0;
  let remaining = 0;
  const prefix = Buffer.alloc(PREFIX_BYTES); // copy of the payload's first bytes (memcpy, no allocation)
  let prefixLen = 0;
  let control: Buffer[] = []; // payload of a control frame (ping/close)

  const finish = (code: number) => {
    if (closed) return;
    closed = true;
    open = false;
    socket.destroy();
    h.onClose(code);
  };

  const endFrame = () => {
    inPayload = false;
    if (opcode === 0x1) h.onText(prefix.subarray(0, prefixLen), size);
    else if (opcode === 0x9) socket.write(maskedFrame(0xa, Buffer.concat(control)));
    else if (opcode === 0x8) {
      const body = Buffer.concat(control);
      finish(body.length >= 2 ? body.readUInt16BE(0) : 1005);
    }
  };

  const onFrames = (chunk: Buffer) => {
    let pos = 0;
    const n = chunk.length;
    while (pos < n && !closed) {
      if (!inPayload) {
        // Server frames are unmasked: 2 bytes, + 2 or 8 bytes of extended length.
        while (headLen < 2 && pos < n) head[headLen++] = chunk[pos++]!;
        if (headLen < 2) return;
        const len7 = head[1]! & 0x7f;
        const need = len7 === 126 ? 4 : len7 === 127 ? 10 : 2;
        while (headLen < need && pos < n) head[headLen++] = chunk[pos++]!;
        if (headLen < need) return;
        opcode = head[0]! & 0x0f;
        size = len7 === 126 ? head.readUInt16BE(2) : len7 === 127 ? Number(head.readBigUInt64BE(2)) : len7;
        headLen = 0;
        remaining = size;
        prefixLen = 0;
        control = [];
        inPayload = true;
        if (size === 0) endFrame();
        continue;
      }
      const take = Math.min(remaining, n - pos);
      if (prefixLen < PREFIX_BYTES) {
        const c = Math.min(take, PREFIX_BYTES - prefixLen);
        chunk.copy(prefix, prefixLen, pos, pos + c);
        prefixLen += c;
      }
      if (opcode >= 0x8) control.push(Buffer.from(chunk.subarray(pos, pos + take)));
      remaining -= take;
      pos += take;
      if (remaining === 0) endFrame();
    }
  };

  const key = randomBytes(16).toString('base64');
  socket.on('connect', () => {
    socket.write(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  socket.on('data', (chunk: Buffer) => {
    if (open) return onFrames(chunk);
    handshake = Buffer.concat([handshake, chunk]);
    const end = handshake.indexOf('\r\n\r\n');
    if (end < 0) return;
    if (!handshake.subarray(0, 12).toString().includes(' 101')) return finish(1002);
    open = true;
    h.onOpen();
    const rest = handshake.subarray(end + 4);
    handshake = Buffer.alloc(0);
    if (rest.length) onFrames(rest);
  });
  socket.on('error', () => finish(1006));
  socket.on('close', () => finish(1006));

  return {
    sendText(text: string) {
      if (open && !closed) socket.write(maskedFrame(0x1, Buffer.from(text)));
    },
    terminate() {
      finish(1006);
    },
    get open() {
      return open && !closed;
    },
  };
}
