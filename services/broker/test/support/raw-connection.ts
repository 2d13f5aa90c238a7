/**
 * A bare TCP Kafka connection for wire-level tests: send any bytes, read
 * response frames (correlation id + body), and see when the broker closes.
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  correlationId: number;
  body: Buffer;
}

export class RawConnection {
  private buffered = Buffer.alloc(0);
  private readonly responses: RawResponse[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  readonly closedPromise: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (c: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, c]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        const frame = this.buffered.subarray(4, 4 + size);
        this.buffered = this.buffered.subarray(4 + size);
        this.responses.push({ correlationId: frame.readInt32BE(0), body: Buffer.from(frame.subarray(4)) });
      }
      this.wake();
    });
    socket.on('error', () => {});
    this.closedPromise = new Promise((resolve) =>
      socket.on('close', () => {
        this.closed = true;
        this.wake();
        resolve();
      }),
    );
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host }, () => resolve(new RawConnection(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(buf: Buffer): void {
    if (!this.closed) this.socket.write(buf);
  }

  /** The next response frame; rejects if the connection closes first or after the timeout. */
  async next(timeoutMs = 20_000): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.responses.shift();
      if (r) return r;
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a response');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves true when the broker closes the connection within the timeout. */
  async closedWithin(timeoutMs = 20_000): Promise<boolean> {
    if (this.closed) return true;
    let t: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (t = setTimeout(() => resolve(false), timeoutMs)));
    const r = await Promise.race([this.closedPromise.then(() => true), timeout]);
    clearTimeout(t);
    return r;
  }

  /** Stop reading from the socket: the broker's responses queue up in its socket buffers. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  pendingResponses(): number {
    return this.responses.length;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
