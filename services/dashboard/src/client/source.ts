/**
 * Where the dashboard's data comes from, through the client SDK:
 *  - openStory: the story's state and most recent updates (the gateway's
 *    snapshot), then live;
 *  - pageOlder: a bounded range of offsets below the oldest row held, on
 *    every partition, read once and closed (never a replay from earliest);
 *  - replayStory: a subscription of one story from a start, folded into a
 *    model of its own, closed when it reaches live.
 */
import type { Delivery, NewswireClient, Subscription, From, LiveNotice } from '@newswire/client';
import type { Update } from '@newswire/schema/v2';
import { compareOffsets, partitionKey, type Position } from '@newswire/story-state';
import { isStoryView, type Received, type StoryModel } from './story-model.ts';

export interface SourceHandlers {
  /** The model changed; `update` is the live update that changed it, if any. */
  changed(update: Update | undefined, how: 'snapshot' | 'live' | 'older'): void;
  live(n: LiveNotice): void;
  gap(): void;
  error(message: string): void;
}

export interface OpenStory {
  model: StoryModel;
  /** True once the state is shown and live updates flow. */
  opened: boolean;
  /** Per partition, where the story was opened: nothing at or past it is older. */
  openedAt: Position[];
  /** Per partition, how far down older pages have read (the start of the last page). */
  pagedTo: Map<string, Position>;
  /**
   * From now on, ask the gateway for the story's whole view (every entry of
   * every list) rather than its board (the newest of each, with counts); the
   * first is asked at once. For "show all" and filters the board cannot serve.
   */
  wantFull(): void;
  close(): void;
}

/** Offsets below the oldest row read per partition by one "Load older". */
export const PAGE_OFFSETS = 500n;
/** A page that has not finished by then returns what it has. */
export const PAGE_TIMEOUT_MS = 10_000;

/** Most recent updates asked with the snapshot: the rows shown at first. */
export const RECENT_ROWS = 100;
/**
 * After live updates that change the figures, measures or timeline, a fresh
 * view is asked this much later: a burst shares one, and a busy story costs
 * the gateway one view per dashboard every VIEW_REFRESH_MS at most.
 */
export const VIEW_REFRESH_MS = 1000;

/**
 * Opens a story: a snapshot subscription — the story's state and its most
 * recent updates, then live updates from exactly the positions the state
 * reflects (no gap, no duplicate), whatever the history's length. A gateway
 * without story state refuses the snapshot; then the story is read from its
 * earliest retained update and folded here (correct, but its time to live
 * grows with the history).
 */
export function openStory(client: NewswireClient, model: StoryModel, on: SourceHandlers): OpenStory {
  const open: OpenStory = { model, opened: false, openedAt: [], pagedTo: new Map(), wantFull: () => {}, close: () => {} };
  let sub: Subscription = client.subscribe({ snapshot: { story: model.story, recent: RECENT_ROWS } });
  let haveSnapshot = false;
  let live: LiveNotice | null = null;
  const maybeOpened = () => {
    if (open.opened || !haveSnapshot || !live) return;
    open.opened = true;
    on.live(live);
    on.changed(undefined, 'snapshot');
  };
  let refresh: ReturnType<typeof setTimeout> | null = null;
  let refreshing: Subscription | null = null;
  const refreshView = () => {
    refresh = null;
    if (refreshing) return void (refresh = setTimeout(refreshView, VIEW_REFRESH_MS));
    const r = client.subscribe({ snapshot: { story: model.story, recent: 0, ...(full ? { view: 'full' as const } : {}) } });
    refreshing = r;
    r.snapshot!.then((snap) => {
      if (isStoryView(snap.state)) model.setGatewayView(snap.state);
      on.changed(undefined, 'snapshot');
    }).catch(() => {}).finally(() => {
      r.close();
      if (refreshing === r) refreshing = null;
    });
  };
  let full = false;
  open.wantFull = () => {
    if (full) return;
    full = true;
    // Before the first snapshot is in, it is asked when that comes (see below).
    if (!haveSnapshot || model.foldsLocally) return;
    if (refresh) clearTimeout(refresh);
    refreshView();
  };
  open.close = () => {
    sub.close();
    refreshing?.close();
    if (refresh) clearTimeout(refresh);
  };

  sub.snapshot!.then((snap) => {
    model.loadSnapshot(snap.state as Parameters<StoryModel['loadSnapshot']>[0], snap.positions, snap.recent.map(received));
    open.openedAt = snap.positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset }));
    haveSnapshot = true;
    maybeOpened();
    if (full && !model.foldsLocally) refreshView();
  }, (err: Error) => {
    // No state on this gateway (or not for this story): read the story from the start instead.
    if (!/state_unavailable|snapshot/.test(err.message)) on.error(err.message);
    sub.close();
    sub = replayFromStart(client, model, open, on);
  });
  sub.on('update', (d) => {
    if (!model.applyLive(d.update, received(d).at)) return;
    if (!model.foldsLocally && changesView(d.update) && !refresh) refresh = setTimeout(refreshView, VIEW_REFRESH_MS);
    on.changed(d.update, 'live');
  });
  sub.on('live', (n) => {
    if (open.opened) return on.live(n); // a resume after a reconnect
    live = n;
    maybeOpened();
  });
  sub.on('gap', () => on.gap());
  sub.on('error', (e) => {
    if (e.code !== 'state_unavailable') on.error(e.message);
  });
  return open;
}

function received(d: Delivery): Received {
  return { update: d.update, at: { topic: d.topic, partition: d.partition, offset: d.offset, ts: d.ts } };
}

/** Whether an update changes the figures, measures, timeline or corrections of its story. */
function changesView(u: Update): boolean {
  return VIEW_KINDS.has(u.kind) || u.revises !== undefined || u.retracts !== undefined || u.relations !== undefined;
}
const VIEW_KINDS = new Set<string>(['arrests', 'casualties', 'displacement', 'disaster', 'security-measure', 'connectivity', 'government-change']);

/** The fallback: every retained update of the story, folded here. */
function replayFromStart(client: NewswireClient, model: StoryModel, open: OpenStory, on: SourceHandlers): Subscription {
  const sub = client.subscribe({ from: 'earliest', filter: { stories: [model.story] } });
  open.close = () => sub.close();
  sub.on('update', (d) => {
    if (model.applyLive(d.update, received(d).at)) on.changed(d.update, open.opened && !d.replay ? 'live' : 'snapshot');
  });
  sub.on('live', (n) => {
    if (!open.opened) {
      open.opened = true;
      open.openedAt = sub.cursor.positions().map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset }));
    }
    on.live(n);
    on.changed(undefined, 'snapshot');
  });
  sub.on('gap', () => on.gap());
  sub.on('error', (e) => on.error(e.message));
  return sub;
}

export interface PageResult {
  added: number;
  /** Every partition has been read down to its first retained offset. */
  exhausted: boolean;
}

/**
 * Reads the next page of older updates of the story: on every partition,
 * PAGE_OFFSETS offsets below the lowest offset already read there (the oldest
 * row held, or where the last page started), up to that offset. The
 * subscription starts at those positions and is closed as soon as every
 * partition has reached its bound, or when it catches up with live (a
 * partition with nothing of this story in the range tells no more than that).
 */
export function pageOlder(client: NewswireClient, open: OpenStory, pageOffsets = PAGE_OFFSETS): Promise<PageResult> {
  const bounds = new Map<string, Position>();
  const lower = (p: Position) => {
    const k = partitionKey(p.topic, p.partition);
    const cur = bounds.get(k);
    if (!cur || compareOffsets(p.offset, cur.offset) < 0) bounds.set(k, { topic: p.topic, partition: p.partition, offset: p.offset });
  };
  open.openedAt.forEach(lower);
  open.model.oldestPositions().forEach(lower);
  open.pagedTo.forEach(lower);
  const starts = [...bounds.values()].map((b) => {
    const start = BigInt(b.offset) - pageOffsets;
    return { topic: b.topic, partition: b.partition, offset: (start > 0n ? start : 0n).toString() };
  });
  if (starts.length === 0 || starts.every((s, i) => s.offset === [...bounds.values()][i]!.offset)) return Promise.resolve({ added: 0, exhausted: true });

  return new Promise((resolve) => {
    let added = 0;
    const done = new Set<string>();
    const atLogStart = new Set<string>();
    for (const s of starts) {
      const k = partitionKey(s.topic, s.partition);
      if (s.offset === bounds.get(k)!.offset) done.add(k);
      if (s.offset === '0') atLogStart.add(k);
    }
    const sub: Subscription = client.subscribe({ from: { positions: starts }, filter: { stories: [open.model.story] } });
    const timer = setTimeout(() => finish(false), PAGE_TIMEOUT_MS);
    let finished = false;
    const finish = (complete: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      sub.close();
      // A partition read to its bound is paged down to the page's start; one cut short is read again next time.
      if (complete) for (const s of starts) open.pagedTo.set(partitionKey(s.topic, s.partition), s);
      else for (const s of starts) if (done.has(partitionKey(s.topic, s.partition))) open.pagedTo.set(partitionKey(s.topic, s.partition), s);
      resolve({ added, exhausted: complete && starts.every((s) => atLogStart.has(partitionKey(s.topic, s.partition))) });
    };
    const check = () => {
      if (done.size === bounds.size) finish(true);
    };
    sub.on('update', (d) => {
      const k = partitionKey(d.topic, d.partition);
      const bound = bounds.get(k);
      if (!bound || compareOffsets(d.offset, bound.offset) >= 0) {
        done.add(k);
        return check();
      }
      if (open.model.addOlder(d.update, { topic: d.topic, partition: d.partition, offset: d.offset, ts: d.ts })) added++;
      if ((BigInt(d.offset) + 1n).toString() === bound.offset) {
        done.add(k);
        check();
      }
    });
    // Older offsets were deleted by retention: that partition has nothing older to give.
    sub.on('gap', (g) => atLogStart.add(partitionKey(g.topic, g.partition)));
    sub.on('live', () => finish(true));
    sub.on('end', () => finish(false));
  });
}

/** A replay of one story from `from`, folded into `model` (a model of its own), until it is live. */
export function replayStory(client: NewswireClient, model: StoryModel, from: From, on: Pick<SourceHandlers, 'gap' | 'error'> & { changed(): void; live(): void }): Subscription {
  const sub = client.subscribe({ from, filter: { stories: [model.story] } });
  sub.on('update', (d) => {
    if (model.applyLive(d.update, { topic: d.topic, partition: d.partition, offset: d.offset, ts: d.ts })) on.changed();
  });
  sub.on('live', () => on.live());
  sub.on('gap', () => on.gap());
  sub.on('error', (e) => on.error(e.message));
  return sub;
}
