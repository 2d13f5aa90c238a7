/**
 * The process contract every newswire command keeps: one table of exit codes
 * (docs/operations.md, `newswire --help`) and the one place that listens for
 * SIGINT and SIGTERM.
 */

/** Exit codes of every newswire command. */
export const EXIT = {
  /** Done, or a service stopped by its own choice. */
  ok: 0,
  /** Runtime failure: a publish failed half way, a port is in use, an I/O error. */
  failure: 1,
  /** Usage error, invalid configuration or invalid input: nothing was sent. */
  usage: 2,
  /** Kafka did not answer within KAFKA_CONNECT_TIMEOUT_MS: nothing was sent. */
  kafkaUnreachable: 3,
  /** Stopped by SIGINT (Ctrl-C) after a graceful shutdown, or at once by a second one (128 + 2). */
  sigint: 130,
  /** Stopped by SIGTERM after a graceful shutdown (128 + 15). */
  sigterm: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type StopSignal = 'SIGINT' | 'SIGTERM';

export function exitCodeOf(signal: StopSignal): ExitCode {
  return signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm;
}

export interface StopRequest {
  /** Aborted at the first SIGINT or SIGTERM; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** The signal that asked the process to stop, once one did. */
  readonly received: StopSignal | undefined;
}

let current: (StopRequest & { received: StopSignal | undefined }) | undefined;

/**
 * Starts listening for SIGINT and SIGTERM (once per process; later calls
 * return the same request). The first signal aborts `signal` so the command
 * can shut down in order; a second one exits at once with its code, for when
 * a shutdown takes longer than the person at the terminal wants to wait.
 */
export function listenForStop(): StopRequest {
  if (current) return current;
  const controller = new AbortController();
  const request = { signal: controller.signal, received: undefined as StopSignal | undefined };
  const onSignal = (signal: StopSignal) => {
    if (request.received) {
      process.stderr.write(`\nnewswire: ${signal} again: exiting now\n`);
      process.exit(exitCodeOf(signal));
    }
    request.received = signal;
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  current = request;
  return request;
}

/** Resolves with the signal that asked the process to stop. */
export function waitForSignal(): Promise<StopSignal> {
  const stop = listenForStop();
  if (stop.received) return Promise.resolve(stop.received);
  return new Promise((resolve) => stop.signal.addEventListener('abort', () => resolve(stop.received!), { once: true }));
}
