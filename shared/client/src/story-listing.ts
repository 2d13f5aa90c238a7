/**
 * `client.stories()`: the gateway's listing of the stories it holds state for
 * (docs/gateway.md#story-listing). Requests are matched to answers and errors
 * by `ref`; each waits a bounded time, and ends with its connection: the
 * gateway answers on the socket it was asked on, or not at all.
 */
import type { ClientFrame, ServerFrame, StoryListEntry } from './wire.ts';

/** The gateway's answer to `stories`. */
export interface StoryListing {
  /** Most recently active first: `story`, `updates` (records folded into its state), `lastTs?` (newest Kafka timestamp, epoch ms). */
  stories: StoryListEntry[];
  /** The gateway holds more stories than it listed (it lists at most its `maxStoryList`). */
  truncated: boolean;
}

export interface StoriesOptions {
  /** Reject when no answer came within this. Default 10 s. */
  timeoutMs?: number;
}

/** A listing the gateway refused (`code`: e.g. state_unavailable, forbidden, unauthorized) or that never came (`code` closed or timeout). */
export class StoryListingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** From the gateway's error frame: the same request may succeed later. */
    readonly temporary?: boolean,
  ) {
    super(message);
    this.name = 'StoryListingError';
  }
}

/** Requests waiting at once: beyond, a new one is refused rather than queued without end. */
const MAX_PENDING = 16;
const DEFAULT_TIMEOUT_MS = 10_000;

interface Pending {
  resolve(listing: StoryListing): void;
  reject(err: StoryListingError): void;
  timer: ReturnType<typeof setTimeout>;
  /** Sent on the current connection (else it waits for the next welcome). */
  sent: boolean;
}

export class StoryListings {
  #next = 0;
  readonly #pending = new Map<string, Pending>();

  /** `send` is false while the client is not welcomed; `welcomed()` sends what waited. */
  constructor(private readonly send: (frame: ClientFrame) => boolean) {}

  request(welcomed: boolean, opts: StoriesOptions = {}): Promise<StoryListing> {
    if (this.#pending.size >= MAX_PENDING) return Promise.reject(new StoryListingError('busy', `${MAX_PENDING} story listings are already waiting`));
    const ref = `stories-${++this.#next}`;
    return new Promise<StoryListing>((resolve, reject) => {
      const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => this.#fail(ref, new StoryListingError('timeout', `no story listing within ${timeoutMs} ms`)), timeoutMs);
      (timer as { unref?: () => void }).unref?.();
      const p: Pending = { resolve, reject, timer, sent: false };
      this.#pending.set(ref, p);
      if (welcomed) this.#sendOne(ref, p);
    });
  }

  /** A new connection was welcomed: requests made while there was none go now. */
  welcomed(): void {
    for (const [ref, p] of this.#pending) if (!p.sent) this.#sendOne(ref, p);
  }

  /** A `stories` frame, or an error frame with a ref: true when it answered one of ours. */
  onFrame(frame: Extract<ServerFrame, { op: 'stories' | 'error' }>): boolean {
    const ref = frame.ref;
    if (ref === undefined || !this.#pending.has(ref)) return false;
    if (frame.op === 'stories') {
      const p = this.#take(ref)!;
      p.resolve({ stories: frame.stories, truncated: frame.truncated });
    } else {
      this.#fail(ref, new StoryListingError(frame.code, frame.message, frame.temporary));
    }
    return true;
  }

  /** The connection ended: what was asked on it will not be answered. */
  connectionLost(reason: string): void {
    for (const [ref, p] of this.#pending) if (p.sent) this.#fail(ref, new StoryListingError('closed', `connection closed before the story listing came: ${reason}`));
  }

  /** The client closed: nothing will be answered. */
  closed(reason: string): void {
    for (const ref of [...this.#pending.keys()]) this.#fail(ref, new StoryListingError('closed', `client closed: ${reason}`));
  }

  #sendOne(ref: string, p: Pending): void {
    p.sent = true;
    if (!this.send({ op: 'stories', ref })) this.#fail(ref, new StoryListingError('closed', 'could not send the request (connection not open, or its outbox is full)'));
  }

  #take(ref: string): Pending | undefined {
    const p = this.#pending.get(ref);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.#pending.delete(ref);
    return p;
  }

  #fail(ref: string, err: StoryListingError): void {
    this.#take(ref)?.reject(err);
  }
}
