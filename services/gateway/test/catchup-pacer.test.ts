/**
 * Catch-up pacing on its own: a socket is only its buffered byte count here.
 * The end-to-end side (a slow reader catching up over a real socket) is in
 * replay.test.ts and protocol-edges.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatchupPacer } from '../src/catchup-pacer.ts';

const limits = { replayLowWaterBytes: 1000, maxBufferedBytes: 100_000, replayStallMs: 5000 };

function setup(overrides: Partial<typeof limits> = {}) {
  const socket = { bufferedAmount: 0 };
  let open = true;
  const stalls: number[] = [];
  const pacer = new CatchupPacer(socket, { ...limits, ...overrides }, () => open, () => stalls.push(Date.now()));
  return { socket, pacer, stalls, close: () => (open = false) };
}

const settled = async (p: Promise<void>) => {
  let state = 'pending';
  p.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await Promise.resolve();
  await Promise.resolve();
  return state;
};

afterEach(() => vi.useRealTimers());

describe('CatchupPacer', () => {
  it('lets catch-up go on at once while the send buffer is at or below the low-water mark', async () => {
    const { socket, pacer } = setup();
    socket.bufferedAmount = 1000;
    expect(await settled(pacer.drain(new AbortController().signal))).toBe('resolved');
  });

  it('waits above the mark, and is woken by the write that brings the buffer down, not by writes before it', async () => {
    const { socket, pacer } = setup();
    socket.bufferedAmount = 5000;
    const wait = pacer.drain(new AbortController().signal);
    socket.bufferedAmount = 3000;
    pacer.onWritten();
    expect(await settled(wait)).toBe('pending');
    socket.bufferedAmount = 900;
    pacer.onWritten();
    expect(await settled(wait)).toBe('resolved');
  });

  it('paces at a quarter of a send bound smaller than the low-water mark, so a reading client is never cut', async () => {
    const { socket, pacer } = setup({ maxBufferedBytes: 2000 });
    socket.bufferedAmount = 600;
    const wait = pacer.drain(new AbortController().signal);
    expect(await settled(wait)).toBe('pending');
    socket.bufferedAmount = 500;
    pacer.onWritten();
    expect(await settled(wait)).toBe('resolved');
  });

  it('gives up when the subscription is aborted or the connection closes', async () => {
    const { socket, pacer, close } = setup();
    socket.bufferedAmount = 5000;
    const abort = new AbortController();
    const aborted = pacer.drain(abort.signal);
    abort.abort();
    await expect(aborted).rejects.toThrow('connection gone');
    const closing = pacer.drain(new AbortController().signal);
    close();
    pacer.onWritten();
    await expect(closing).rejects.toThrow('connection gone');
  });

  it('cuts a client that takes nothing for replayStallMs, once', async () => {
    vi.useFakeTimers();
    const { socket, pacer, stalls } = setup();
    socket.bufferedAmount = 5000;
    const wait = pacer.drain(new AbortController().signal);
    const outcome = expect(wait).rejects.toThrow('client stalled during replay');
    vi.advanceTimersByTime(4999);
    expect(stalls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await outcome;
    expect(stalls).toHaveLength(1);
    pacer.onWritten(); // a late write completion does not settle it again
    expect(stalls).toHaveLength(1);
  });
});
