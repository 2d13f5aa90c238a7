/**
 * Screen readers hear new updates through one live region, without the feed
 * being re-read: messages said within half a second are announced together,
 * the three latest in full and the rest as a count, so a burst of updates is
 * one short announcement.
 */
const GATHER_MS = 500;
const SAID_IN_FULL = 3;

export class Announcer {
  private pending: string[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly region: HTMLElement) {}

  say(text: string): void {
    this.pending.push(text);
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const extra = this.pending.length > SAID_IN_FULL ? `${this.pending.length - SAID_IN_FULL} more updates. ` : '';
      this.region.textContent = extra + this.pending.slice(-SAID_IN_FULL).join('. ');
      this.pending = [];
    }, GATHER_MS);
  }
}
