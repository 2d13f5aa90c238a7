/**
 * Paces a connection's catch-up (history read from Kafka) to what its client
 * takes: before each batch, catch-up waits until the socket's send buffer is
 * at or below the low-water mark. Woken by the completion of every write to
 * the socket (every frame is sent with `onWritten`) and by the connection
 * closing; one timer gives up on a client that takes nothing for
 * replayStallMs. (The socket's own 'drain' event alone would not do: Node
 * emits it only once the buffer passed the socket's high-water mark, which a
 * small send bound never reaches.)
 */
import type { GatewayLimits } from './options.ts';

export interface PacedSocket {
  readonly bufferedAmount: number;
}

export class CatchupPacer {
  private readonly waiters = new Set<() => void>();
  private readonly lowWaterBytes: number;
  private readonly stallMs: number;

  /** Pass to every write on the socket, and call when the connection closes. */
  readonly onWritten = (): void => {
    for (const wake of this.waiters) wake();
  };

  constructor(
    private readonly socket: PacedSocket,
    limits: Pick<GatewayLimits, 'replayLowWaterBytes' | 'maxBufferedBytes' | 'replayStallMs'>,
    /** Whether the connection still sends. */
    private readonly isOpen: () => boolean,
    /** The client took nothing for replayStallMs: cut it (with its resume positions). */
    private readonly onStall: () => void,
  ) {
    this.stallMs = limits.replayStallMs;
    // Under a small send bound (GATEWAY_MAX_BUFFERED_BYTES below the low-water mark) catch-up
    // would never wait and would cut a client that reads: pace at a quarter of the bound then.
    this.lowWaterBytes = Math.min(limits.replayLowWaterBytes, Math.floor(limits.maxBufferedBytes / 4));
  }

  /** Resolves once the send buffer is at or below the low-water mark; rejects if the connection goes or stalls. */
  drain(signal: AbortSignal): Promise<void> {
    if (this.socket.bufferedAmount <= this.lowWaterBytes) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const finish = (err?: Error) => {
        this.waiters.delete(check);
        signal.removeEventListener('abort', check);
        clearTimeout(stall);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        if (signal.aborted || !this.isOpen()) return finish(new Error('connection gone'));
        if (this.socket.bufferedAmount <= this.lowWaterBytes) return finish();
      };
      const stall = setTimeout(() => {
        this.onStall();
        finish(new Error('client stalled during replay'));
      }, this.stallMs);
      this.waiters.add(check);
      signal.addEventListener('abort', check);
    });
  }
}
