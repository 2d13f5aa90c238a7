/**
 * What the connection badge says, derived from SDK events: connecting, live,
 * reconnecting (attempt n), resumed with N missed updates delivered, gap
 * (some updates are no longer retained), replaying. Pure state machine; the
 * view only renders `view()`.
 */

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'resumed' | 'gap' | 'replaying' | 'closed';

export interface ConnectionView {
  status: ConnectionStatus;
  /** Short label for the badge. */
  label: string;
  /** One sentence of detail. */
  detail: string;
}

/** The subset of the SDK's events this tracker needs (see shared/src/client). */
export interface ClientStateEvent {
  state: 'connecting' | 'live' | 'reconnecting' | 'closed';
  attempt?: number | undefined;
  delayMs?: number | undefined;
  code?: number | undefined;
  reason?: string | undefined;
}
export interface LiveEvent {
  recovered: boolean;
  missed: number;
  resumed: boolean;
}

export class ConnectionTracker {
  #status: ConnectionStatus = 'connecting';
  #detail = 'Opening a connection to the gateway…';
  /** Updates delivered from catch-up since the connection came back. */
  #caughtUp = 0;
  #gaps = 0;
  #resuming = false;
  #replay: { story?: string | undefined; from: string } | null = null;
  #replayed = 0;

  view(): ConnectionView {
    return { status: this.#status, label: LABELS[this.#status], detail: this.#detail };
  }

  clientState(s: ClientStateEvent): void {
    if (s.state === 'connecting') {
      this.#set('connecting', 'Opening a connection to the gateway…');
    } else if (s.state === 'reconnecting') {
      this.#resuming = true;
      this.#caughtUp = 0;
      this.#gaps = 0;
      const wait = s.delayMs !== undefined ? ` in ${(s.delayMs / 1000).toFixed(1)} s` : '';
      this.#set('reconnecting', `Connection lost${s.code ? ` (code ${s.code})` : ''}; retrying${wait}${s.attempt ? `, attempt ${s.attempt}` : ''}. Nothing will be missed: the feed resumes where it stopped.`);
    } else if (s.state === 'closed') {
      this.#set('closed', `Disconnected${s.reason ? `: ${s.reason}` : ''}. Reload the page to reconnect.`);
    }
    // 'live' is reported per subscription (subscriptionLive), which knows whether it was a resume.
  }

  /** An update arrived; `replay` is true for catch-up/replay deliveries. */
  delivery(replay: boolean): void {
    if (!replay) return;
    if (this.#resuming) this.#caughtUp += 1;
    if (this.#replay) this.#replayed += 1;
  }

  gap(): void {
    this.#gaps += 1;
    this.#set('gap', gapText(this.#gaps));
  }

  subscriptionLive(n: LiveEvent): void {
    if (this.#replay) {
      const r = this.#replay;
      this.#replay = null;
      this.#set('live', `Replayed ${plural(this.#replayed, 'update')}${r.story ? ` of ${r.story}` : ''} from ${r.from}; now live.`);
      if (this.#gaps > 0) this.#set('gap', `${gapText(this.#gaps)} Now live.`);
      return;
    }
    if (n.resumed || this.#resuming) {
      this.#resuming = false;
      if (!n.recovered || this.#gaps > 0) {
        this.#set('gap', `${gapText(Math.max(this.#gaps, 1))} Resumed with ${plural(this.#caughtUp, 'missed update')} delivered.`);
      } else {
        this.#set('resumed', `Resumed with ${plural(this.#caughtUp, 'missed update')} delivered; nothing lost.`);
      }
      this.#caughtUp = 0;
      this.#gaps = 0;
      return;
    }
    if (this.#status !== 'gap') this.#set('live', 'Receiving updates as they are published.');
  }

  #set(status: ConnectionStatus, detail: string): void {
    this.#status = status;
    this.#detail = detail;
  }

  replayStarted(from: string, story?: string): void {
    this.#replay = { story, from };
    this.#replayed = 0;
    this.#gaps = 0;
    this.#set('replaying', `Replaying ${story ?? 'all stories'} from ${from}; live updates follow.`);
  }
}

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  resumed: 'Live (resumed)',
  gap: 'Live (gap)',
  replaying: 'Replaying',
  closed: 'Disconnected',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function gapText(gaps: number): string {
  return `Some updates are no longer retained and could not be delivered (${plural(gaps, 'partition gap')}).`;
}
