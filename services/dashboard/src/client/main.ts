/**
 * The dashboard's entry point: connects to the gateway that served the page
 * (same origin), subscribes through the client SDK, folds every delivery into
 * the FeedStore and re-renders the panels. Replay opens a second subscription
 * for one story from a chosen time; its live tail overlaps the main
 * subscription and the store drops the duplicates by id.
 */
import { connect, type Delivery, type From, type Subscription } from '@newswire/client';
import { KINDS, type Kind } from '@newswire/schema';
import { VERIFICATIONS, type Update, type Verification } from '@newswire/schema';
import { ConnectionTracker } from './connection.ts';
import { byId, h, replaceChildren } from './dom.ts';
import { matches, matchesForSummary, type Filters } from './filters.ts';
import { KIND_LABELS } from './format.ts';
import { FeedStore, type Entry } from './store.ts';
import { computeTallies } from './tally.ts';
import { governmentTimeline } from './timeline.ts';
import { connectionView, feedItem, tallyView, timelineView } from './views.ts';

const MAX_ROWS_SHOWN = 500;

const params = new URLSearchParams(location.search);
const store = new FeedStore();
const tracker = new ConnectionTracker();
const filters: Filters = {};

const el = {
  conn: byId('conn'),
  feed: byId<HTMLOListElement>('feed'),
  feedCount: byId('feed-count'),
  tallies: byId('tallies'),
  timeline: byId<HTMLOListElement>('timeline'),
  announcer: byId('announcer'),
  kind: byId<HTMLSelectElement>('f-kind'),
  story: byId<HTMLSelectElement>('f-story'),
  verification: byId<HTMLSelectElement>('f-verification'),
  replayStory: byId<HTMLSelectElement>('r-story'),
  replayFrom: byId<HTMLInputElement>('r-from'),
  replayGo: byId<HTMLButtonElement>('r-go'),
  replayStart: byId<HTMLButtonElement>('r-start'),
  large: byId<HTMLButtonElement>('large'),
};

// ---- controls ----

for (const k of KINDS) el.kind.append(h('option', { value: k }, KIND_LABELS[k]));
for (const v of VERIFICATIONS) el.verification.append(h('option', { value: v }, v));

el.kind.addEventListener('change', () => {
  filters.kind = (el.kind.value || undefined) as Kind | undefined;
  scheduleRender();
});
el.story.addEventListener('change', () => {
  filters.story = el.story.value || undefined;
  scheduleRender();
});
el.verification.addEventListener('change', () => {
  filters.verification = (el.verification.value || undefined) as Verification | undefined;
  scheduleRender();
});

function setLarge(on: boolean): void {
  document.documentElement.classList.toggle('large', on);
  el.large.setAttribute('aria-pressed', String(on));
  try {
    localStorage.setItem('newswire.large', on ? '1' : '0');
  } catch {
    // storage may be disabled; the toggle still works for this page
  }
}
el.large.addEventListener('click', () => setLarge(!document.documentElement.classList.contains('large')));
setLarge(params.get('large') === '1' || params.get('wall') === '1' || safeStorage('newswire.large') === '1');
// ?wall=1: a display nobody touches; the filter and replay controls give their room to the story.
document.documentElement.classList.toggle('wall', params.get('wall') === '1');

// Default replay time: ten minutes ago, in the local time the input shows.
el.replayFrom.value = toLocalInput(new Date(Date.now() - 10 * 60_000));

/** The options of a story <select>, keeping the current choice. */
function fillStories(select: HTMLSelectElement, known: string[], allLabel: string): void {
  const current = select.value;
  // A chosen story stays selectable while it has no rows (e.g. just cleared for a replay).
  const stories = current && !known.includes(current) ? [...known, current].sort() : known;
  const have = [...select.options].map((o) => o.value);
  const want = ['', ...stories];
  if (have.length === want.length && have.every((v, i) => v === want[i])) return;
  select.replaceChildren(h('option', { value: '' }, allLabel), ...stories.map((s) => h('option', { value: s }, s)));
  select.value = want.includes(current) ? current : '';
}

// ---- subscriptions ----

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
const client = connect({ url: wsUrl });
client.on('state', (s) => {
  tracker.clientState(s);
  renderConnection();
});

function startFrom(): From {
  const f = params.get('from');
  if (f === 'live' || f === 'earliest') return f;
  if (f && !Number.isNaN(Date.parse(f))) return { time: new Date(f).toISOString() };
  // The whole retained story: a newcomer opening the page late still sees it all.
  return 'earliest';
}

function wire(sub: Subscription, isReplay: boolean): Subscription {
  sub.on('update', (d) => onDelivery(d, isReplay));
  sub.on('gap', () => {
    tracker.gap();
    renderConnection();
  });
  sub.on('live', (n) => {
    tracker.subscriptionLive(n);
    renderConnection();
    // A replay's live tail is the main subscription's: hand over to it.
    if (isReplay && replaySub === sub) {
      sub.close();
      replaySub = null;
      setReplayBusy(false);
    }
  });
  sub.on('error', (e) => announce(`Gateway error: ${e.message}`));
  return sub;
}

wire(client.subscribe({ from: startFrom() }), false);
let replaySub: Subscription | null = null;

function onDelivery(d: Delivery, isReplay: boolean): void {
  tracker.delivery(d.replay || isReplay);
  const result = store.apply(d.update);
  if (result === 'duplicate') return;
  if (!d.replay) {
    announceUpdate(d.update, result);
    const entry = store.entryOf(d.update.id);
    if (entry) justArrived.add(entry.id);
  }
  scheduleRender();
}

function replay(from: From, label: string): void {
  const story = el.replayStory.value || undefined;
  replaySub?.close();
  if (story) store.clearStory(story);
  else store.clear();
  tracker.replayStarted(label, story);
  renderConnection();
  setReplayBusy(true);
  replaySub = wire(client.subscribe({ from, ...(story ? { filter: { stories: [story] } } : {}) }), true);
  scheduleRender();
}

el.replayGo.addEventListener('click', () => {
  const t = Date.parse(el.replayFrom.value);
  if (Number.isNaN(t)) {
    announce('Choose a date and time to replay from.');
    el.replayFrom.focus();
    return;
  }
  const at = new Date(t);
  replay({ time: at.toISOString() }, at.toLocaleString());
});
el.replayStart.addEventListener('click', () => replay('earliest', 'the start'));

function setReplayBusy(busy: boolean): void {
  el.replayGo.setAttribute('aria-busy', String(busy));
  el.replayStart.setAttribute('aria-busy', String(busy));
}

// ---- rendering ----

let renderTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleRender(): void {
  // Coalesce bursts (a replay delivers hundreds of updates at once) into one render.
  if (renderTimer === null) renderTimer = setTimeout(render, 40);
}

function render(): void {
  renderTimer = null;
  const stories = store.stories();
  fillStories(el.story, stories, 'All stories');
  fillStories(el.replayStory, stories, 'All stories');

  const entries = store.entries().filter((e) => matches(e.current, filters));
  const shown = entries.slice(0, MAX_ROWS_SHOWN);
  replaceChildren(el.feed, shown.length ? shown.map(feedNode) : [h('li', { class: 'empty' }, 'Waiting for updates…')]);
  for (const id of rowCache.keys()) if (!store.entryOf(id)) rowCache.delete(id);
  justArrived.clear(); // filtered-out rows do not flash later
  el.feedCount.textContent =
    entries.length > shown.length ? `(newest ${shown.length} of ${entries.length})` : `(${entries.length})`;

  const facts = store.effective().filter((u) => matchesForSummary(u, filters));
  const tallies = computeTallies(facts);
  replaceChildren(el.tallies, tallyView(tallies, tallies.length > 1 || !filters.story));
  replaceChildren(el.timeline, timelineView(governmentTimeline(facts)));
  document.body.dataset.rows = String(store.size);
}

/**
 * Rendered rows by entry id: unchanged rows are reused, and only rows that
 * changed because of a live delivery flash (not a page load's catch-up).
 */
const rowCache = new Map<string, { version: string; node: HTMLElement }>();
const justArrived = new Set<string>();
function feedNode(e: Entry): HTMLElement {
  const version = `${e.current.id}|${e.retraction?.id ?? ''}`;
  const cached = rowCache.get(e.id);
  if (cached && cached.version === version) return cached.node;
  const node = feedItem(e);
  if (justArrived.delete(e.id)) {
    // Re-inserting a node restarts its CSS animation, so the class must go as soon as it has played once.
    node.classList.add('fresh');
    const done = () => node.classList.remove('fresh');
    node.addEventListener('animationend', done, { once: true });
    setTimeout(done, 2000); // no animation under prefers-reduced-motion
  }
  rowCache.set(e.id, { version, node });
  return node;
}

function renderConnection(): void {
  connectionView(el.conn, tracker.view());
}

// ---- screen readers: announce new updates without re-reading the feed ----

let announced: string[] = [];
let announceTimer: ReturnType<typeof setTimeout> | null = null;
function announce(text: string): void {
  announced.push(text);
  if (announceTimer !== null) return;
  announceTimer = setTimeout(() => {
    announceTimer = null;
    // At most the three latest in one announcement; bursts are summarised.
    const extra = announced.length > 3 ? `${announced.length - 3} more updates. ` : '';
    el.announcer.textContent = extra + announced.slice(-3).join('. ');
    announced = [];
  }, 500);
}

function announceUpdate(u: Update, result: 'added' | 'revised' | 'retracted'): void {
  const prefix = result === 'revised' ? 'Correction' : result === 'retracted' ? 'Retracted' : `New ${KIND_LABELS[u.kind]}`;
  announce(`${prefix}${u.urgency === 'flash' ? ' (flash)' : ''}: ${u.headline}`);
}

// ---- helpers ----

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function safeStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

render();
renderConnection();
