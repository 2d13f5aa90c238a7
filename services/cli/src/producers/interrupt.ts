/**
 * Ctrl-C handling for producer-side commands: the first SIGINT/SIGTERM aborts
 * the signal so the command can stop reading, flush what is in flight and
 * exit 130; a second one exits at once.
 */
export interface Interrupt {
  signal: AbortSignal;
  /** Stop as if interrupted, quietly (e.g. stdout was closed by `| head`). */
  abort(): void;
  dispose(): void;
}

export function onInterrupt(): Interrupt {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted; finishing what is in flight (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
