/**
 * What a connection tolerates of what its client sends: a rate (token bucket
 * of ratePerSec, burst), and strikes for invalid or dropped messages (a second
 * bucket: the abuseBurst-th strike within its refill ends the connection).
 *
 * Drops are reported, not silent: at most one report per second, each with
 * the count dropped since the previous one, so the counts add up to every
 * drop (the last ones are reported when the second is over, even if the
 * client sends nothing more). The connection decides how a report and the
 * end look on the wire.
 */
import type { GatewayLimits } from './options.ts';
import { TokenBucket } from './token-bucket.ts';

export interface InboundGuardHooks {
  /** `dropped` messages were dropped since the last report. */
  reportDrops(dropped: number): void;
  /** The last strike: close the connection (pending drops were reported just before). */
  strikeOut(): void;
}

export class InboundGuard {
  private readonly rate: TokenBucket;
  private readonly abuse: TokenBucket;
  private lastReportAt = 0;
  private droppedUnreported = 0;
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(
    limits: Pick<GatewayLimits, 'ratePerSec' | 'burst' | 'abuseBurst' | 'abuseRefillPerSec'>,
    private readonly hooks: InboundGuardHooks,
  ) {
    this.rate = new TokenBucket(limits.ratePerSec, limits.burst);
    this.abuse = new TokenBucket(limits.abuseRefillPerSec, limits.abuseBurst);
  }

  /** Whether a message may be handled now; one over the rate is dropped and counts as a strike. */
  admit(): boolean {
    if (this.rate.take()) return true;
    this.drop();
    return false;
  }

  /** Drops a message the connection cannot take (e.g. too many held behind a token check): a strike. */
  drop(): void {
    this.droppedUnreported++;
    const wait = this.lastReportAt + 1000 - Date.now();
    if (wait <= 0) this.flush();
    else if (!this.reportTimer) {
      this.reportTimer = setTimeout(() => this.flush(), wait);
      this.reportTimer.unref();
    }
    this.strike();
  }

  /** An invalid message. */
  strike(): void {
    this.abuse.take();
    if (this.abuse.left >= 1) return;
    this.flush(); // the client learns about its last drops before the close
    this.hooks.strikeOut();
  }

  /** The connection is gone: no report after this. */
  stop(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    this.droppedUnreported = 0;
  }

  private flush(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    const dropped = this.droppedUnreported;
    if (dropped === 0) return;
    this.droppedUnreported = 0;
    this.lastReportAt = Date.now();
    this.hooks.reportDrops(dropped);
  }
}
