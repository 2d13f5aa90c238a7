/**
 * DOM views: one function per panel, each turning the story model and its
 * state's view (@newswire/story-state) into elements. Text always goes in
 * through textContent (see dom.ts).
 */
import type { Actor, Instant, Update, When } from '@newswire/schema/v2';
import { BOARD_LIST_LIMIT, compareAt, type FigureConflict, type FigurePoint, type MeasureEvent, type ListCounts, type MeasureView, type StoryView, type TimelineEntry } from '@newswire/story-state';
import type { ConnectionView } from './connection.ts';
import { h } from './dom.ts';
import type { Entry } from './story-model.ts';
import { formatInstantWords, formatLocal, formatPeriod, formatShort, formatWhen, whenSortKey, zoneCity } from './when.ts';
import {
  actorWords,
  describeAmount,
  describeGovernmentChange,
  evidenceWords,
  formatPlaceWords,
  formatSourcesWords,
  KIND_LABELS,
  measureDetails,
  summarize,
  w,
} from './words.ts';

function badge(verification: string): HTMLElement {
  return h('span', { class: `badge ver-${verification}`, title: `verification: ${verification}` }, verification);
}

function zoneNote(i: Instant | undefined): string {
  if (!i || i.time !== undefined) return '';
  if (i.zone) return i.zone === 'UTC' ? ' (UTC date)' : ` (local date, ${zoneCity(i.zone)})`;
  return '';
}

function eventInstant(u: Update): Instant | undefined {
  return u.occurred && 'date' in u.occurred ? u.occurred : undefined;
}

// ---------------------------------------------------------------- feed

function times(e: Entry): HTMLElement {
  const u = e.current;
  return h(
    'p',
    { class: 'times' },
    h('span', { class: `event-time${e.times.eventGiven ? '' : ' unknown'}`, title: 'when it happened, in the place’s local time' }, e.times.eventGiven ? `Happened ${e.times.event}${zoneNote(eventInstant(u))}` : e.times.event),
    ' · ',
    h('span', { class: 'report-time', title: 'when the desk first reported it' }, `Reported ${e.times.reported}${zoneNote(e.original.update.reported)}`),
  );
}

function relationsLine(u: Update, headlineOf: (id: string) => string | undefined): HTMLElement | null {
  if (!u.relations?.length) return null;
  const words: Record<string, string> = { lifts: 'Lifts', extends: 'Extends', amends: 'Amends', 'follows-up': 'Follows up', 'part-of-incident': 'Part of' };
  return h(
    'p',
    { class: 'relations' },
    u.relations.map((r) => `${words[r.type] ?? r.type}: ${headlineOf(r.to) ?? `an earlier update (${r.to})`}`).join(' · '),
  );
}

export function feedItem(e: Entry, headlineOf: (id: string) => string | undefined): HTMLElement {
  const u = e.current;
  const classes = ['item', `urg-${u.urgency}`];
  if (e.retraction) classes.push('retracted');
  if (e.revisions.length > 0) classes.push('revised');
  const facts = summarize(u);
  const evidence = evidenceWords(u);
  const li = h(
    'li',
    { class: classes.join(' '), 'data-id': e.id, 'data-kind': u.kind, 'data-urgency': u.urgency, 'data-country': u.place.country, tabindex: '-1' },
    h(
      'div',
      { class: 'meta' },
      h('span', { class: `kind kind-${u.kind}` }, KIND_LABELS[u.kind]),
      u.urgency !== 'routine' ? h('span', { class: `urgency urg-${u.urgency}` }, u.urgency.toUpperCase()) : null,
      badge(u.verification),
      h('span', { class: 'place' }, formatPlaceWords(u.place)),
    ),
    times(e),
    h('h3', { class: 'headline' }, u.headline),
    facts ? h('p', { class: 'facts' }, facts) : null,
    relationsLine(u, headlineOf),
    evidence ? h('p', { class: 'evidence' }, `Seen in: ${evidence}`) : null,
    h('p', { class: 'sources' }, h('span', { class: 'label' }, 'Source: '), formatSourcesWords(u.sources)),
  );
  if (e.orphanOf) {
    li.append(h('p', { class: 'note' }, `${e.orphanOf.action === 'revises' ? 'Corrects' : 'Withdraws'} an earlier update not loaded here (${e.orphanOf.id}).`));
  }
  if (e.retraction) {
    const r = e.retraction.update;
    li.prepend(h('p', { class: 'retraction' }, h('strong', {}, 'RETRACTED '), `${formatLocal(r.reported)} — ${r.headline} (${formatSourcesWords(r.sources)})`));
  }
  if (e.revisions.length > 0) {
    // Every version, newest first, under a disclosure: the row shows the facts as they stand, where the story puts them.
    const versions = [e.original, ...e.revisions.slice(0, -1)].reverse();
    const n = e.revisions.length;
    const last = e.revisions[n - 1]!.update;
    li.append(
      h(
        'details',
        { class: 'history' },
        h('summary', {}, `Corrected ${n === 1 ? 'once' : `${n} times`} (last ${formatLocal(last.reported)}) — show earlier version${versions.length > 1 ? 's' : ''}`),
        h(
          'ol',
          {},
          ...versions.map((v) =>
            h(
              'li',
              { class: 'superseded' },
              h('span', { class: 'was' }, 'Was: '),
              `${v.update.headline}. ${summarize(v.update)} (${formatSourcesWords(v.update.sources)}, reported ${formatLocal(v.update.reported)})`,
            ),
          ),
        ),
      ),
    );
  }
  return li;
}

// ---------------------------------------------------------------- long lists

/**
 * How many entries of a long list are drawn until the reader asks for all (a story retold for weeks has
 * hundreds): as many as the gateway's board keeps, so the board is what is drawn at first.
 */
export const LIST_LIMIT = BOARD_LIST_LIMIT;

/** Which long lists the reader opened in full, by key ("timeline", "lifted", "incidents:killed"). */
export type Expanded = ReadonlySet<string>;

/** The newest `LIST_LIMIT` entries (the list is oldest first), unless expanded. */
function newestOf<T>(list: readonly T[], key: string, expanded: Expanded): T[] {
  return expanded.has(key) || list.length <= LIST_LIMIT ? [...list] : list.slice(-LIST_LIMIT);
}

/**
 * "Show all 240" under a list drawn in part; main.ts handles the click (data-expand). `total` is how many
 * the whole list holds (a board carries only the newest); null when not known (a board filtered by place).
 */
function showAll(total: number | null, key: string, expanded: Expanded, what: string): HTMLElement | null {
  if (total === null || expanded.has(key) || total <= LIST_LIMIT) return null;
  return h('button', { type: 'button', class: 'show-all', 'data-expand': key }, `Show all ${total} ${what} (${total - LIST_LIMIT} earlier)`);
}

// ---------------------------------------------------------------- totals

const METRIC_LABELS: Record<string, string> = {
  arrested: 'Arrested',
  released: 'Released',
  charged: 'Charged',
  sentenced: 'Sentenced',
  'warrant-issued': 'Wanted',
  killed: 'Killed',
  injured: 'Injured',
  missing: 'Missing',
  displaced: 'Displaced',
  evacuated: 'Evacuated',
  'fled-abroad': 'Fled abroad',
  sheltering: 'Sheltering',
  homeless: 'Homeless',
  stranded: 'Stranded',
  returned: 'Returned',
  relocated: 'Relocated',
  affected: 'Affected',
};
const METRIC_ORDER = Object.keys(METRIC_LABELS);
const metricLabel = (m: string) => METRIC_LABELS[m] ?? m.charAt(0).toUpperCase() + w(m).slice(1);

/** "as of 8 Jan 2022", "as of some time up to 8 Jan 2022", "as of the report (8 Jan 2022)". */
export function asOfWords(p: Pick<FigurePoint, 'time' | 'timeBasis' | 'reported'>): string {
  if (p.timeBasis === 'reported') return `as of the report (${formatShort(p.reported)})`;
  const t = p.time;
  if ('date' in t) return `as of ${formatShort(t)}`;
  if (t.to && !t.from) return `as of some time up to ${formatShort(t.to)}`;
  return `as of ${formatWhen(t)}`;
}

function same(a: Actor | undefined, b: Actor | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function claim(p: FigurePoint, extra: string, conflict: boolean): HTMLElement {
  return h(
    'li',
    { class: `claim${conflict ? ' differs' : ''}`, 'data-update': p.id },
    h('span', { class: `figure`, title: describeAmount(p.quantity) }, p.text),
    h('span', { class: 'asof' }, ` ${extra}`),
    h('span', { class: 'claim-source' }, `, per ${p.source}`),
  );
}

/** Tolls read newest first: the latest as-of time on top. */
function newestFirst(points: readonly FigurePoint[]): FigurePoint[] {
  return [...points].sort((a, b) => whenSortKey(b.time) - whenSortKey(a.time) || b.at.ts - a.at.ts);
}

/** "Incident “mirihana protest”" for lk-crisis-2022:mirihana-protest. */
export function incidentName(id: string): string {
  return `Incident “${w(id.slice(id.indexOf(':') + 1))}”`;
}

function tollGroupLabel(metric: string, who: Actor | undefined, placeText: string): string {
  return `${metricLabel(metric)}${who ? `: ${actorWords(who)}` : ''} — running toll, ${placeText}`;
}

/** `view.counts`, a board's: what the whole view holds (the board keeps the newest incidents of each metric). */
export function totalsView(view: { figures: Pick<StoryView['figures'], 'tolls' | 'incidents' | 'conflicts'>; counts?: ListCounts }, headlineOf: (id: string) => string | undefined, expanded: Expanded = new Set()): HTMLElement[] {
  const { tolls, incidents, conflicts } = view.figures;
  if (tolls.length === 0 && incidents.length === 0) return [h('p', { class: 'empty' }, 'No figures reported yet.')];
  const inConflict = (c: FigureConflict[], id: string) => c.some((x) => x.figures.some((f) => f.id === id));
  const rows: HTMLElement[] = [];
  const byMetric = (a: { metric: string }, b: { metric: string }) => METRIC_ORDER.indexOf(a.metric) - METRIC_ORDER.indexOf(b.metric);

  for (const t of [...tolls].sort(byMetric)) {
    const placeText = formatPlaceWords(t.place);
    const here = conflicts.filter((c) => c.scope === 'toll' && c.metric === t.metric && same(c.who, t.who) && c.figures.some((f) => t.latest.some((l) => l.id === f.id)));
    rows.push(
      h(
        'div',
        { class: `total-row toll${here.length ? ' conflict' : ''}`, 'data-metric': t.metric, 'data-scope': 'toll', 'data-place': placeText, ...(t.who ? { 'data-who': actorWords(t.who) } : {}) },
        h('dt', {}, tollGroupLabel(t.metric, t.who, placeText)),
        h(
          'dd',
          {},
          h('ul', { class: 'claims' }, ...newestFirst(t.latest).map((p) => claim(p, `(toll ${asOfWords(p)})`, inConflict(here, p.id)))),
          t.latest.length > 1 ? h('p', { class: 'side-note' }, 'Tolls from different sources are shown side by side, never added up.') : null,
          here.length ? h('p', { class: 'conflict-note' }, 'Sources differ on this toll for the same place and time.') : null,
        ),
      ),
    );
  }

  for (const b of [...incidents].sort(byMetric)) {
    const count = view.counts?.incidents[b.metric] ?? b.incidents.length;
    rows.push(
      h(
        'div',
        { class: 'total-row incidents', 'data-metric': b.metric, 'data-scope': 'incident' },
        h('dt', {}, `${metricLabel(b.metric)} — per incident (${count === 1 ? 'one incident' : `${count} incidents, listed, not added up`})`),
        h(
          'dd',
          {},
          h(
            'ul',
            { class: 'incident-list' },
            ...newestOf(b.incidents, `incidents:${b.metric}`, expanded).map((i) => {
              const here = conflicts.filter((c) => c.scope === 'incident' && c.metric === b.metric && c.incident === i.incident);
              return h(
                'li',
                { class: `incident${here.length ? ' conflict' : ''}`, 'data-incident': i.incident },
                // Named by the id of its first report, the same on every page; its headline, when held, in the tooltip.
                h('span', { class: 'incident-name', title: headlineOf(i.incident) }, incidentName(i.incident)),
                h(
                  'ul',
                  { class: 'claims' },
                  ...i.totals.map((p) => claim(p, `(in this incident, ${p.timeBasis === 'occurred' ? formatWhen(p.time) : `reported ${formatShort(p.reported)}`})`, inConflict(here, p.id))),
                  ...i.breakdown.map((p) => claim(p, `${p.who ? actorWords(p.who) : ''} (part of this incident's figure)`, inConflict(here, p.id))),
                ),
                here.length ? h('p', { class: 'conflict-note' }, 'Sources differ on this incident’s figure.') : null,
              );
            }),
          ),
          showAll(count, `incidents:${b.metric}`, expanded, 'incidents'),
        ),
      ),
    );
  }
  return [h('dl', { class: 'totals' }, ...rows)];
}

// ---------------------------------------------------------------- measures board

const STATE_TITLES: Record<MeasureView['state'], string> = {
  'in-force': 'In force (not reported lifted)',
  announced: 'Announced, not yet in force',
  lifted: 'Lifted or ended',
};

function measureName(m: MeasureView): string {
  const p = m.payload as Record<string, unknown>;
  if (m.kind === 'connectivity') {
    const service = w(String(p.service ?? 'service'));
    const platforms = Array.isArray(p.platforms) ? ` (${(p.platforms as string[]).join(', ')})` : '';
    return `${service.charAt(0).toUpperCase()}${service.slice(1)}${platforms}: ${w(String(p.state ?? m.status))}`;
  }
  const name = w(m.measure);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** "Mon 9 May 2022, afternoon", or "reported Sat 2 Apr 2022" when the source did not say when. */
function eventWhen(e: { occurred?: When | undefined; reported: Instant }): string {
  return e.occurred ? formatWhen(e.occurred) : `reported ${formatInstantWords(e.reported)}`;
}

function measureEventLine(label: string, e: MeasureEvent): HTMLElement {
  return h(
    'li',
    { class: `measure-event ev-${label.toLowerCase()}`, 'data-update': e.id },
    `${label} — ${eventWhen(e)}`,
    e.period ? `: ${formatPeriod(e.period)}` : '',
    ` (${e.headline})`,
  );
}

/** The period in force now: the latest extension's or amendment's (by when it was published), else the declared one. */
function periodNow(m: MeasureView): MeasureView['period'] {
  const changes = [...m.extensions, ...m.amendments].filter((e) => e.period).sort((a, b) => compareAt(a.at, b.at));
  return changes.at(-1)?.period ?? m.period;
}

/** `counts`: measures per state in the whole view (a board holds only the newest of each); null when not known. */
export function boardView(measures: readonly MeasureView[], expanded: Expanded = new Set(), counts: Record<MeasureView['state'], number> | null | undefined = undefined): HTMLElement[] {
  if (measures.length === 0) return [h('p', { class: 'empty' }, 'No measures reported yet.')];
  const out: HTMLElement[] = [];
  for (const state of ['in-force', 'announced', 'lifted'] as const) {
    const all = measures.filter((m) => m.state === state);
    if (all.length === 0) continue;
    const count = counts === undefined ? all.length : counts === null ? null : counts[state];
    // Newest first: the measure declared last on top.
    const list = newestOf(all, `board:${state}`, expanded).reverse();
    out.push(
      h(
        'section',
        { class: `board-group state-${state}`, 'data-state': state },
        h('h3', {}, STATE_TITLES[state], count === null ? null : h('span', { class: 'count' }, ` (${count})`)),
        h(
          'ul',
          { class: 'measures' },
          ...list.map((m) => {
            const p = m.payload as Record<string, unknown>;
            const details = m.kind === 'security-measure' ? measureDetails(m.payload as Parameters<typeof measureDetails>[0]) : '';
            const who = (m.kind === 'connectivity' ? p.imposedBy : p.issuedBy) as Actor | undefined;
            const now = periodNow(m);
            const period = now ? formatPeriod(now) : '';
            return h(
              'li',
              { class: `measure state-${m.state}`, 'data-id': m.id, 'data-measure': m.measure },
              h('p', { class: 'measure-head' }, h('strong', { class: 'measure-name' }, measureName(m)), ' — ', h('span', { class: 'measure-place' }, m.placeText ? formatPlaceWords(m.place) : '')),
              period || details ? h('p', { class: 'measure-period' }, [details, period].filter(Boolean).join('; ')) : null,
              h(
                'ul',
                { class: 'measure-history' },
                h('li', { class: 'measure-event ev-declared', 'data-update': m.id }, `${w(m.status).replace(/^./, (c) => c.toUpperCase())}${who ? ` by ${actorWords(who)}` : ''} — ${eventWhen(m)}${m.period && JSON.stringify(m.period) !== JSON.stringify(now) ? `: ${formatPeriod(m.period)}` : ''}`),
                ...m.extensions.map((e) => measureEventLine(e.status === 'eased' ? 'Eased' : 'Extended', e)),
                ...m.amendments.map((e) => measureEventLine('Amended', e)),
                m.lift ? measureEventLine(m.kind === 'connectivity' ? 'Restored' : 'Lifted', m.lift) : null,
              ),
              h('p', { class: 'claim-source' }, m.source),
            );
          }),
        ),
        showAll(count, `board:${state}`, expanded, 'measures'),
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------- government timeline

/** `total`: changes in the whole view (a board holds only the newest). */
export function timelineView(all: readonly TimelineEntry[], expanded: Expanded = new Set(), total = all.length): HTMLElement[] {
  if (all.length === 0) return [h('li', { class: 'empty' }, 'No government changes reported yet.')];
  const more = showAll(total, 'timeline', expanded, 'changes');
  const items = newestOf(all, 'timeline', expanded);
  return [...(more ? [h('li', { class: 'more' }, more)] : []), ...items.map((i) => {
    const text = describeGovernmentChange({
      action: i.action as never,
      body: i.body,
      ...(i.office !== undefined ? { office: i.office } : {}),
      ...(i.person ? { person: i.person } : {}),
      ...(i.by ? { by: i.by } : {}),
      ...(i.successor ? { successor: i.successor } : {}),
      ...(i.wholeBody !== undefined ? { wholeBody: i.wholeBody } : {}),
      ...(i.except ? { except: i.except as never } : {}),
    });
    const when = i.basis === 'occurred' ? formatWhen(i.when) : `${formatLocal(i.reported)} (reported; when it happened was not given)`;
    return h(
      'li',
      { class: `event basis-${i.basis}`, 'data-update': i.id },
      h('time', { title: i.basis === 'occurred' ? 'when it happened' : 'when it was reported' }, when),
      h('p', { class: 'change' }, text, i.corrects ? h('span', { class: 'note' }, ' (corrected)') : null),
      h('p', { class: 'claim-source' }, i.source),
    );
  })];
}

export function connectionView(el: HTMLElement, v: ConnectionView): void {
  el.dataset.status = v.status;
  const label = el.querySelector('.conn-label');
  const detail = el.querySelector('.conn-detail');
  if (label) label.textContent = v.label;
  if (detail) detail.textContent = v.detail;
}
