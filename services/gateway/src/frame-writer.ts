/**
 * The gateway's one raw-frame path. A live update is framed ONCE, with ws's
 * own framing (Sender.frame), and those bytes are written to every matching
 * socket, skipping ws's per-socket framing and copying. That is only right
 * while the bytes are exactly what ws.send would write, at the moment it
 * would write them:
 *  - no extension was negotiated (permessage-deflate would compress the
 *    payload and set RSV1, so pre-framed plain bytes would be a protocol
 *    error), and
 *  - ws's sender is idle (nothing waits behind a deflate or a Blob read: a raw
 *    write would overtake it and reorder frames).
 * FrameWriter checks both before every raw write and otherwise hands the
 * payload to ws.send, which frames and orders it itself.
 *
 * This is the only module that reads ws internals: `_socket`, `_sender`,
 * `_sender._state`, `_sender._queue`. ws is pinned to an exact version and
 * test/ws-internals.test.ts fails loudly if an upgrade renames them.
 */
import type { Socket } from 'node:net';
import * as wsModule from 'ws';
import type { WebSocket } from 'ws';

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
/** ws's framing (lib/sender.js); @types/ws does not declare the Sender class. */
const Sender = (wsModule as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }).Sender;

/** The ws internals read here (ws 8.23.0, lib/websocket.js and lib/sender.js). */
export interface WebSocketInternals {
  _socket: Socket | null;
  _sender: { _state: number; _queue: unknown[] } | null;
}
/** lib/sender.js DEFAULT: neither deflating nor reading a Blob. */
export const SENDER_IDLE = 0;
const OPCODE_TEXT = 0x1;
const OPEN = 1;

/** A text frame built once: `wire` is the whole frame, `frame` its payload (a view into `wire`). */
export interface PrebuiltFrame {
  wire: Buffer;
  frame: Buffer;
}

/** A server (unmasked, final) text frame around `text`, framed by ws. */
export function prebuiltTextFrame(text: string): PrebuiltFrame {
  const payload = Buffer.from(text, 'utf8');
  const parts = Sender.frame(payload, { fin: true, opcode: OPCODE_TEXT, mask: false, readOnly: true, rsv1: false });
  const header = parts[0]!;
  const wire = Buffer.concat(parts, header.length + payload.length);
  return { wire, frame: wire.subarray(header.length) };
}

/** Writes frames to one WebSocket: pre-built bytes straight to its socket when that is safe, else through ws.send. */
export class FrameWriter {
  private readonly internals: WebSocketInternals;
  /** Extensions are settled by the handshake: a connection that negotiated any never takes the raw path. */
  private readonly plain: boolean;

  constructor(private readonly ws: WebSocket) {
    this.internals = ws as unknown as WebSocketInternals;
    this.plain = ws.extensions === '';
  }

  /** Whether raw bytes written now reach the client exactly as ws.send would send them. */
  rawSafe(): boolean {
    const sender = this.internals._sender;
    return this.plain && this.ws.readyState === OPEN && this.internals._socket !== null && sender !== null && sender._state === SENDER_IDLE && sender._queue.length === 0;
  }

  /**
   * Sends a pre-built text frame; `onWritten` runs once its bytes left the
   * process (or failed to). Returns 'raw' when the bytes went straight to the
   * socket, 'ws' when ws.send framed them.
   */
  write(f: PrebuiltFrame, onWritten?: (err?: Error | null) => void): 'raw' | 'ws' {
    if (this.rawSafe()) {
      this.internals._socket!.write(f.wire, onWritten);
      return 'raw';
    }
    this.ws.send(f.frame, { binary: false }, onWritten);
    return 'ws';
  }

  /** Holds the socket's writes (ws's own too) until uncork: many small frames leave in one syscall. */
  cork(): void {
    this.internals._socket?.cork();
  }

  uncork(): void {
    this.internals._socket?.uncork();
  }
}
