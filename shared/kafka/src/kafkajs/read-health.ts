/**
 * How a group-less read is doing: the health a tail reports, and the failure
 * streak that sets the retry backoff and, for a range read, when to give up.
 * The reader tells it what happened; it decides nothing about fetching.
 */
import type { Logger } from '@newswire/config';
import type { TailHealth } from '../port.ts';

export class ReadHealth {
  private failures = 0;
  private failingSince: number | null = null;
  private readonly h: TailHealth = { state: 'starting', connected: false, partitions: 0, missingTopics: [], fetches: 0, lastFetchAt: null, lastError: null };

  constructor(
    private readonly logger: Logger,
    private readonly giveUpAfterMs: number | undefined,
  ) {}

  report(partitions: number, missingTopics: readonly string[]): TailHealth {
    return { ...this.h, partitions, missingTopics: [...missingTopics] };
  }

  /**
   * Metadata answered. That clears a failure only when there is nothing to
   * fetch: partitions that keep failing to fetch stay `retrying` (and a range
   * read still gives up) however well metadata works.
   */
  reachedKafka(nothingToFetch: boolean): void {
    this.h.connected = true;
    if (this.failures === 0 || nothingToFetch) this.succeeded();
  }

  /** A fetch answered. */
  fetched(): void {
    this.succeeded();
    this.h.fetches++;
    this.h.lastFetchAt = Date.now();
  }

  private succeeded(): void {
    this.failures = 0;
    this.failingSince = null;
    this.h.connected = true;
    if (this.h.state !== 'stopped') this.h.state = 'fetching';
  }

  /** Counts a failure; returns the error that ends the read once failing has lasted the give-up time. */
  failed(err: unknown): Error | undefined {
    this.failures++;
    this.failingSince ??= Date.now();
    const message = err instanceof Error ? err.message : String(err);
    this.h.connected = false;
    this.h.state = 'retrying';
    this.h.lastError = { message, at: Date.now() };
    this.logger.warn({ err: message, failures: this.failures }, 'kafka read failed; retrying');
    const giveUp = this.giveUpAfterMs;
    if (giveUp !== undefined && Date.now() - this.failingSince >= giveUp) {
      return new Error(`reading from Kafka kept failing for ${giveUp} ms: ${message}`, { cause: err });
    }
    return undefined;
  }

  /** The handler threw: the read ends, and the health says why. */
  handlerFailed(err: unknown): void {
    this.h.lastError = { message: err instanceof Error ? err.message : String(err), at: Date.now() };
  }

  stopped(): void {
    this.h.state = 'stopped';
  }

  backoff(): number {
    return Math.min(5_000, 100 * 2 ** Math.min(this.failures, 6));
  }
}
