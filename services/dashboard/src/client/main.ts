/**
 * The dashboard's entry point. It shows one story at a time (?story=, or the
 * story picker): the story's state (figures, measures, government changes)
 * and its updates ordered by when they happened.
 *
 * Opening: the story's state and its most recent updates come first, then
 * live updates (see source.ts); older updates are paged in on demand ("Load
 * older"), a bounded range of offsets at a time below the oldest row held.
 * Replay shows the story from a day in story time (when things happened), or
 * what the wire published since a time (Kafka time), without touching the
 * live state.
 */
import { connect, type Subscription } from '@newswire/client';
import { isBoard } from '@newswire/story-state';
import { KINDS, VERIFICATIONS, type Kind, type Update, type Verification } from '@newswire/schema/v2';
import { ConnectionTracker } from './connection.ts';
import { Announcer } from './announcer.ts';
import { byId, h, replaceChildren, safeStorage, safeStore } from './dom.ts';
import { matches, placeMatches, placeOptions, type Filters } from './filters.ts';
import { readReplayForm } from './replay-form.ts';
import { isStoryId, lastOpenedStory, StoryPicker } from './story-picker.ts';
import { openStory, pageOlder, PAGE_OFFSETS, replayStory, type OpenStory, type PageResult } from './source.ts';
import { StoryModel, type Entry } from './story-model.ts';
import { boardView, connectionView, feedItem, timelineView, totalsView } from './views.ts';
import { datetimeLocalValue } from './when.ts';
import { KIND_LABELS } from './words.ts';

/** Rows rendered at first; "Load older" shows more before it asks the gateway for more. */
const ROWS_STEP = 100;

// Every module the page imports has been evaluated by now: the benchmark splits load, evaluation and connection.
performance.mark('newswire:script');

const params = new URLSearchParams(location.search);
const tracker = new ConnectionTracker();
const filters: Filters = {};
/** Long lists (timeline, measures, incidents) the reader opened in full; reset per story. */
const expanded = new Set<string>();
/** Whether the current story has been drawn since it opened (its first drawing is not delayed). */
let shownOpened = false;

const el = {
  conn: byId('conn'),
  storyTitle: byId('story-title'),
  feed: byId<HTMLOListElement>('feed'),
  feedTitle: byId('feed-title'),
  feedCount: byId('feed-count'),
  totals: byId('totals'),
  board: byId('board'),
  timeline: byId<HTMLOListElement>('timeline'),
  announcer: byId('announcer'),
  story: byId<HTMLInputElement>('f-story'),
  storyList: byId<HTMLDataListElement>('stories'),
  place: byId<HTMLSelectElement>('f-place'),
  urgency: byId<HTMLSelectElement>('f-urgency'),
  kind: byId<HTMLSelectElement>('f-kind'),
  verification: byId<HTMLSelectElement>('f-verification'),
  older: byId<HTMLButtonElement>('older'),
  olderStatus: byId('older-status'),
  replayMode: byId<HTMLSelectElement>('r-mode'),
  replayDate: byId<HTMLInputElement>('r-date'),
  replayTime: byId<HTMLInputElement>('r-time'),
  replayPublished: byId<HTMLInputElement>('r-published'),
  replayGo: byId<HTMLButtonElement>('r-go'),
  replayStop: byId<HTMLButtonElement>('r-stop'),
  replayHint: byId('r-hint'),
  replayBanner: byId('replay-banner'),
  large: byId<HTMLButtonElement>('large'),
};
/** New updates and messages for screen readers (announcer.ts). */
const announcer = new Announcer(el.announcer);

// ---- controls ----

for (const k of KINDS) el.kind.append(h('option', { value: k }, KIND_LABELS[k]));
for (const v of VERIFICATIONS) el.verification.append(h('option', { value: v }, v));

/** A filter select: its value ('' is "any") goes to `set`, then the page renders again. */
function onFilter(select: HTMLSelectElement, set: (value: string | undefined) => void): void {
  select.addEventListener('change', () => {
    set(select.value || undefined);
    scheduleRender();
  });
}
onFilter(el.place, (place) => {
  filters.place = place;
  // The board holds the newest measures only: filtered by place, the whole view tells the counts.
  if (place) current?.wantFull();
});
onFilter(el.urgency, (urgency) => (filters.urgency = urgency as Filters['urgency']));
onFilter(el.kind, (kind) => (filters.kind = kind as Kind | undefined));
onFilter(el.verification, (verification) => (filters.verification = verification as Verification | undefined));
el.story.addEventListener('change', () => {
  const story = el.story.value.trim();
  if (!isStoryId(story)) {
    if (current) el.story.value = current.model.story;
    return announcer.say('A story id is letters, digits and . _ : - only.');
  }
  if (story !== current?.model.story) showStory(story);
});

function setLarge(on: boolean): void {
  document.documentElement.classList.toggle('large', on);
  el.large.setAttribute('aria-pressed', String(on));
  safeStore('newswire.large', on ? '1' : '0'); // without storage the toggle still works for this page
}
el.large.addEventListener('click', () => setLarge(!document.documentElement.classList.contains('large')));
setLarge(params.get('large') === '1' || params.get('wall') === '1' || safeStorage('newswire.large') === '1');
// ?wall=1: a display nobody touches; the filter and replay controls give their room to the story.
document.documentElement.classList.toggle('wall', params.get('wall') === '1');

// ---- the story ----

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`;
const client = connect({ url: wsUrl });
client.on('state', (s) => {
  if (s.state === 'live') markOnce('newswire:connected');
  tracker.clientState(s);
  renderConnection();
});

/** Stories to offer: those opened here before (remembered), those the gateway holds and those the wire is publishing now. */
const picker = new StoryPicker(el.story, el.storyList);
let current: OpenStory | null = null;
let shownRows = ROWS_STEP;

/** Stories the wire is publishing now: the picker learns them from a live subscription to every story. */
const discover: Subscription = client.subscribe({ from: 'live' });
discover.on('update', (d) => {
  if (!picker.add([d.update.story])) return;
  picker.fill(current?.model.story);
  // Nothing chosen yet: the first story the wire speaks of.
  if (!current) showStory(d.update.story);
});

/**
 * Stories the gateway holds, asked on every (re)connect: a fresh browser
 * offers them before anything new is published. A gateway without story
 * state, or a token limited to some kinds, refuses the listing: the picker
 * then offers what it learns as before, and nothing is said.
 */
client.on('welcome', () => {
  client.stories().then(
    (listing) => {
      if (picker.add(listing.stories.map((s) => s.story))) picker.fill(current?.model.story);
    },
    () => {},
  );
});

function showStory(story: string): void {
  current?.close();
  stopReplay();
  expanded.clear();
  shownOpened = false;
  shownRows = ROWS_STEP;
  picker.opened(story); // not remembered where storage is off: the page works the same
  const url = new URL(location.href);
  url.searchParams.set('story', story);
  history.replaceState(null, '', url);
  const opened = openStory(client, new StoryModel(story), {
    changed: (u, how) => {
      if (how === 'snapshot') markOnce('newswire:snapshot');
      if (how === 'live' && u) announceUpdate(u);
      scheduleRender();
    },
    live: (n) => {
      tracker.subscriptionLive(n);
      renderConnection();
    },
    gap: () => {
      tracker.gap();
      renderConnection();
    },
    error: (message) => announcer.say(`Gateway error: ${message}`),
  });
  current = opened;
  picker.fill(current?.model.story);
  scheduleRender();
}

const initial = params.get('story') ?? lastOpenedStory();
if (initial && isStoryId(initial)) showStory(initial);

// ---- older updates, on demand ----

el.older.addEventListener('click', () => void loadOlder());

async function loadOlder(): Promise<void> {
  if (!current) return;
  const held = visibleEntries().length;
  if (held > shownRows) {
    shownRows += ROWS_STEP;
    scheduleRender();
    return;
  }
  el.older.setAttribute('aria-busy', 'true');
  el.olderStatus.textContent = 'Loading older updates…';
  // A story's updates may be sparse among other stories' on its partitions: a page that brought too few
  // rows is followed by one four times as deep, six pages at most, each bounded.
  let r: PageResult = { added: 0, exhausted: false };
  try {
    for (let depth = PAGE_OFFSETS, pages = 0; pages < 6 && r.added < ROWS_STEP && !r.exhausted; depth *= 4n, pages++) {
      const page = await pageOlder(client, current, depth);
      r = { added: r.added + page.added, exhausted: page.exhausted };
    }
  } finally {
    el.older.setAttribute('aria-busy', 'false');
  }
  shownRows += ROWS_STEP;
  el.olderStatus.textContent = r.exhausted
    ? `${r.added} older update${r.added === 1 ? '' : 's'} loaded; nothing older is retained.`
    : `${r.added} older update${r.added === 1 ? '' : 's'} loaded.`;
  el.older.disabled = r.exhausted;
  scheduleRender();
}

// ---- replay ----

let replay: { label: string; model: StoryModel; sub: Subscription; fromEvent?: number } | null = null;

el.replayMode.addEventListener('change', () => {
  const story = el.replayMode.value === 'story';
  byId('r-date-label').hidden = !story;
  byId('r-time-label').hidden = !story;
  byId('r-published-label').hidden = story;
  el.replayHint.textContent = story
    ? 'Shows what happened from that day on, in the order it happened.'
    : 'Shows what the wire published since then, in the order it happened.';
});
el.replayPublished.value = datetimeLocalValue(new Date(Date.now() - 10 * 60_000));
el.replayGo.addEventListener('click', startReplay);
el.replayStop.addEventListener('click', () => {
  stopReplay();
  el.replayGo.focus();
});

function startReplay(): void {
  if (!current) return announcer.say('Choose a story first.');
  const story = current.model.story;
  stopReplay();
  const inputs = { mode: el.replayMode, date: el.replayDate, time: el.replayTime, published: el.replayPublished };
  const request = readReplayForm(inputs, current.model.zone() ?? 'UTC');
  if (!request.ok) {
    announcer.say(request.message);
    request.focus.focus();
    return;
  }
  const model = new StoryModel(story);
  const sub = replayStory(client, model, request.from, replayHandlers);
  replay = { label: request.label, model, sub, ...('fromEvent' in request ? { fromEvent: request.fromEvent } : {}) };
  tracker.replayStarted(replay.label, story);
  el.replayStop.hidden = false;
  renderConnection();
  scheduleRender();
}

const replayHandlers = {
  changed: () => scheduleRender(),
  live: () => {
    if (!replay) return;
    replay.sub.close();
    tracker.subscriptionLive({ recovered: true, missed: 0, resumed: false });
    renderConnection();
    scheduleRender();
  },
  gap: () => {
    tracker.gap();
    renderConnection();
  },
  error: (message: string) => announcer.say(`Gateway error: ${message}`),
};

function stopReplay(): void {
  if (!replay) return;
  replay.sub.close();
  replay = null;
  el.replayStop.hidden = true;
  scheduleRender();
}

// ---- rendering ----

for (const panel of [el.totals, el.board, el.timeline]) {
  panel.addEventListener('click', (e) => {
    const key = (e.target as HTMLElement).closest<HTMLElement>('[data-expand]')?.dataset.expand;
    if (!key) return;
    expanded.add(key);
    // The board holds the newest entries of each list: the rest comes with the whole view.
    current?.wantFull();
    render();
    panel.focus();
  });
}

let renderTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleRender(): void {
  // Coalesce bursts (a page of older updates arrives at once) into one render; the story's first
  // showing is not held back.
  if (renderTimer !== null) return;
  const first = !shownOpened && current?.opened === true;
  renderTimer = setTimeout(render, first ? 0 : 40);
}

function visibleEntries(): Entry[] {
  if (replay) {
    const r = replay;
    const rows = r.model.entries().filter((e) => matches(e.current, filters) && (r.fromEvent === undefined || e.times.sortKey >= r.fromEvent));
    // A replay reads forward: the first thing that happened first.
    return rows.reverse();
  }
  return current ? current.model.entries().filter((e) => matches(e.current, filters)) : [];
}

function render(): void {
  renderTimer = null;
  if (!current) {
    replaceChildren(el.feed, [h('li', { class: 'empty' }, 'Waiting for a story: nothing has been published yet.')]);
    return;
  }
  const model = current.model;
  el.storyTitle.textContent = model.story;
  el.feedTitle.textContent = replay ? 'Replay' : 'Story';
  el.replayBanner.hidden = !replay;
  if (replay) el.replayBanner.textContent = `Replay of ${model.story} by ${replay.label}: ${replay.model.size} update${replay.model.size === 1 ? '' : 's'} read. Figures and measures stay live.`;

  fillPlaces(model);
  const entries = visibleEntries();
  const shown = entries.slice(0, shownRows);
  const headlineOf = (id: string) => model.headlineOf(id) ?? replay?.model.headlineOf(id);
  replaceChildren(el.feed, shown.length ? shown.map((e) => feedNode(e, headlineOf)) : [h('li', { class: 'empty' }, current.opened ? 'No updates match.' : 'Loading the story…')]);
  for (const id of rowCache.keys()) if (!shown.some((e) => e.id === id)) rowCache.delete(id);
  justArrived.clear();
  el.feedCount.textContent = entries.length > shown.length ? `(${shown.length} of ${entries.length} loaded)` : `(${entries.length})`;

  const view = model.view();
  const placed = <T extends { place: Parameters<typeof placeMatches>[0] }>(xs: readonly T[]) => xs.filter((x) => placeMatches(x.place, filters.place));
  replaceChildren(el.totals, totalsView({ ...view, figures: { ...view.figures, tolls: placed(view.figures.tolls) } }, headlineOf, expanded));
  // A board's counts are of the whole view; filtered by place they are not known until the whole view is in.
  const board = isBoard(view) ? view : null;
  replaceChildren(el.board, boardView(placed(view.measures), expanded, board ? (filters.place ? null : board.counts.measures) : undefined));
  replaceChildren(el.timeline, timelineView(view.government, expanded, board ? board.counts.government : view.government.length));
  document.body.dataset.rows = String(model.size);
  document.body.dataset.opened = String(current.opened);
  // The benchmark reads this: from navigation start to the story shown, live.
  if (current.opened) {
    shownOpened = true;
    markOnce('newswire:live');
  }
}

/** Marks for the benchmark (performance.getEntriesByName): connected, snapshot received, shown and live. */
function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

function fillPlaces(model: StoryModel): void {
  const options = placeOptions(model.entries().map((e) => e.current.place));
  const want = ['', ...options.map((o) => o.value)];
  if ([...el.place.options].map((o) => o.value).join('\n') === want.join('\n')) return;
  const chosen = el.place.value;
  el.place.replaceChildren(h('option', { value: '' }, 'Every place'), ...options.map((o) => h('option', { value: o.value }, o.label)));
  el.place.value = want.includes(chosen) ? chosen : '';
}

/** Rendered rows by entry id: unchanged rows are reused; rows that changed live flash once. */
const rowCache = new Map<string, { version: string; node: HTMLElement }>();
const justArrived = new Set<string>();
function feedNode(e: Entry, headlineOf: (id: string) => string | undefined): HTMLElement {
  const version = `${e.current.id}|${e.retraction?.update.id ?? ''}|${e.orphanOf ? 'o' : ''}`;
  const cached = rowCache.get(e.id);
  if (cached && cached.version === version) return cached.node;
  const node = feedItem(e, headlineOf);
  if (justArrived.delete(e.id)) {
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

// ---- screen readers ----

function announceUpdate(u: Update): void {
  const prefix = u.revises ? 'Correction' : u.retracts ? 'Retracted' : `New ${KIND_LABELS[u.kind]}`;
  announcer.say(`${prefix}${u.urgency === 'flash' ? ' (flash)' : ''}: ${u.headline}`);
  justArrived.add(u.revises ?? u.retracts ?? u.id);
}

render();
renderConnection();
