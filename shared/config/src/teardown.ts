/**
 * A stack of things to close, for startup and shutdown alike (Node 20 has no
 * AsyncDisposableStack): each resource is pushed as soon as it is open, so a
 * startup step that fails unwinds exactly what the earlier steps opened, and
 * a stop closes the same stack.
 *
 * Closing is bounded: the whole stack gets `timeoutMs`, and each closer gets
 * its share of what is left (the rest divided by the closers still to run),
 * so a Kafka client retrying a dead broker cannot hold up the others or the
 * process. A closer that overruns is abandoned: its signal is aborted, its
 * outcome ignored, and it is named in the report and the log.
 */
import type { Logger } from 'pino';

/** Closes one resource; `signal` aborts when its time is up (loops should stop there). */
export type Closer = (signal: AbortSignal) => unknown;

export interface TeardownReport {
  /** Closed in time, newest first. */
  closed: string[];
  /** Threw or rejected (logged). */
  failed: string[];
  /** Still running when their share of the time ran out. */
  abandoned: string[];
}

export interface TeardownOptions {
  /** Bound on close() as a whole. */
  timeoutMs: number;
  logger?: Logger;
}

type Outcome = 'closed' | 'failed' | 'abandoned';

export class Teardown {
  private readonly stack: { name: string; close: Closer }[] = [];
  private closing: Promise<TeardownReport> | undefined;

  constructor(private readonly opts: TeardownOptions) {}

  /**
   * Pushes a closer (run newest first). Deferred after close() began, the
   * resource is closed at once, in the remaining time: something opened while
   * stopping must not outlive the stop.
   */
  defer(name: string, close: Closer): void {
    if (this.closing) {
      void this.closing.then(() => this.runOne(name, close, this.opts.timeoutMs));
      return;
    }
    this.stack.push({ name, close });
  }

  /** Closes everything, newest first, within timeoutMs. Idempotent: later calls get the same report. */
  close(): Promise<TeardownReport> {
    return (this.closing ??= this.closeAll());
  }

  /** Awaits a startup step; if it fails, closes what is on the stack, then rethrows. */
  async guard<T>(step: Promise<T>): Promise<T> {
    try {
      return await step;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async closeAll(): Promise<TeardownReport> {
    const report: TeardownReport = { closed: [], failed: [], abandoned: [] };
    const deadline = Date.now() + this.opts.timeoutMs;
    for (let left = this.stack.length; left > 0; left--) {
      const { name, close } = this.stack.pop()!;
      const share = Math.max(0, deadline - Date.now()) / left;
      report[await this.runOne(name, close, share)].push(name);
    }
    return report;
  }

  private async runOne(name: string, close: Closer, ms: number): Promise<Outcome> {
    const logger = this.opts.logger;
    const controller = new AbortController();
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // Not unref'd: a closer waiting on nothing that keeps the process alive must still reach
    // its verdict, or the process would end in the middle of its shutdown with the wrong code.
    const timedOut = new Promise<'abandoned'>((resolve) => {
      timer = setTimeout(() => resolve('abandoned'), ms);
    });
    const done = (async (): Promise<Outcome> => {
      await close(controller.signal);
      return 'closed';
    })().catch((err: unknown): Outcome => {
      logger?.error({ err, component: name }, 'stop failed');
      return 'failed';
    });
    const outcome = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (outcome === 'abandoned') {
      controller.abort(new Error(`${name} did not stop within ${Math.round(ms)} ms`));
      logger?.warn({ component: name, ms: Math.round(ms) }, 'did not stop in time; abandoned');
    } else if (outcome === 'closed') {
      logger?.info({ component: name, ms: Date.now() - started }, 'stopped');
    }
    return outcome;
  }
}
