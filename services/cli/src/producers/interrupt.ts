/**
 * The stop of a producer-side command (publish, replay, demo): aborted by the
 * process's stop request (main listens for SIGINT/SIGTERM; a second signal
 * exits at once), or by the command itself, quietly (stdout closed by `| head`).
 */
export interface Interrupt {
  signal: AbortSignal;
  /** Stop as if interrupted, without the notice. */
  abort(): void;
}

export function onInterrupt(stop: AbortSignal): Interrupt {
  const own = new AbortController();
  stop.addEventListener(
    'abort',
    () => process.stderr.write('\ninterrupted; finishing what is in flight (Ctrl-C again to quit now)\n'),
    { once: true },
  );
  return { signal: AbortSignal.any([stop, own.signal]), abort: () => own.abort() };
}
