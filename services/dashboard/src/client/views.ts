/**
 * DOM views: one function per panel, each turning the pure models (store
 * entries, tallies, timeline, connection view) into elements.
 */
import type { Update } from '@newswire/schema';
import type { ConnectionView } from './connection.ts';
import { h } from './dom.ts';
import { describeBound, formatFigure, formatPlace, formatSources, formatTime, KIND_LABELS, summarize } from './format.ts';
import type { Entry } from './store.ts';
import { isConflicting, rowLabel, type StoryTally } from './tally.ts';
import type { TimelineItem } from './timeline.ts';

function badge(verification: Update['verification']): HTMLElement {
  return h('span', { class: `badge ver-${verification}`, title: `verification: ${verification}` }, verification);
}

function meta(u: Update): HTMLElement {
  return h(
    'div',
    { class: 'meta' },
    h('span', { class: `kind kind-${u.kind}` }, KIND_LABELS[u.kind]),
    u.urgency !== 'routine' ? h('span', { class: `urgency urg-${u.urgency}` }, u.urgency.toUpperCase()) : null,
    badge(u.verification),
    h('span', { class: 'place' }, formatPlace(u.place)),
    h('time', { datetime: u.reportedAt, title: 'reported at' }, formatTime(u.reportedAt)),
  );
}

function body(u: Update): HTMLElement[] {
  const facts = summarize(u);
  return [
    h('h3', { class: 'headline' }, u.headline),
    ...(facts ? [h('p', { class: 'facts' }, facts)] : []),
    h('p', { class: 'sources' }, h('span', { class: 'label' }, 'Source: '), formatSources(u.sources)),
  ];
}

export function feedItem(e: Entry): HTMLElement {
  const u = e.current;
  const classes = ['item', `urg-${u.urgency}`];
  if (e.retraction) classes.push('retracted');
  if (e.revisions.length > 0) classes.push('revised');
  const li = h('li', { class: classes.join(' '), 'data-id': e.id, 'data-kind': u.kind, tabindex: '-1' }, meta(u), ...body(u));

  if (e.orphanOf) {
    li.append(
      h('p', { class: 'note' }, `${e.orphanOf.action === 'revises' ? 'Corrects' : 'Withdraws'} an earlier update not shown here (${e.orphanOf.id}).`),
    );
  }
  if (e.retraction) {
    const r = e.retraction;
    li.prepend(h('p', { class: 'retraction' }, h('strong', {}, 'RETRACTED '), `${formatTime(r.reportedAt)} — ${r.headline} (${formatSources(r.sources)})`));
  }
  if (e.revisions.length > 0) {
    // Earlier versions, newest first, under a disclosure: the row shows the facts as they stand.
    const versions = [e.original, ...e.revisions.slice(0, -1)].reverse();
    const n = e.revisions.length;
    li.append(
      h(
        'details',
        { class: 'history' },
        h('summary', {}, `Corrected ${n === 1 ? 'once' : `${n} times`} — show earlier version${versions.length > 1 ? 's' : ''}`),
        h(
          'ol',
          {},
          ...versions.map((v) =>
            h('li', { class: 'superseded' }, h('span', { class: 'was' }, 'Was: '), `${v.headline}. ${summarize(v)} (${formatSources(v.sources)}, ${formatTime(v.reportedAt)})`),
          ),
        ),
      ),
    );
  }
  return li;
}

export function tallyView(tallies: StoryTally[], showStory: boolean): HTMLElement[] {
  if (tallies.length === 0) return [h('p', { class: 'empty' }, 'No figures reported yet.')];
  return tallies.map((t) =>
    h(
      'section',
      { class: 'story-tally', 'aria-label': `Tallies for ${t.story}` },
      showStory ? h('h3', { class: 'story' }, t.story) : null,
      h(
        'dl',
        { class: 'tally' },
        ...t.rows.map((row) => {
          const conflict = isConflicting(row);
          return h(
            'div',
            { class: `tally-row${conflict ? ' conflict' : ''}`, 'data-metric': row.metric, 'data-group': row.group },
            h('dt', {}, rowLabel(row)),
            h(
              'dd',
              {},
              h(
                'ul',
                { class: 'claims' },
                ...row.claims.map((c) =>
                  h(
                    'li',
                    { class: 'claim', 'data-update': c.updateId },
                    h('span', { class: `figure q-${c.figure.qualifier}`, title: describeBound(c.figure) }, formatFigure(c.figure)),
                    c.includes.length ? h('span', { class: 'includes' }, ` including ${c.includes.map((g) => g.replace(/-/g, ' ')).join(', ')}`) : null,
                    c.fromVictims ? h('span', { class: 'includes' }, ' (individually reported)') : null,
                    h('span', { class: 'claim-source' }, ` — ${c.sourceText}`),
                    ' ',
                    badge(c.verification),
                    h('time', { class: 'asof', datetime: c.reportedAt }, `as of ${formatTime(c.reportedAt)}`),
                  ),
                ),
              ),
              conflict ? h('p', { class: 'conflict-note' }, 'Sources differ: figures are shown side by side, not added up.') : null,
            ),
          );
        }),
      ),
      t.detainees.length
        ? h(
            'div',
            { class: 'detainees' },
            h('h4', {}, 'Named detainees'),
            h('ul', {}, ...t.detainees.map((d) => h('li', {}, d.name, d.charges.length ? ` — ${d.charges.join(', ')}` : '', h('span', { class: 'claim-source' }, ` (${d.sourceText})`)))),
          )
        : null,
      t.notes.length ? h('ul', { class: 'notes' }, ...t.notes.map((n) => h('li', {}, n.text, h('span', { class: 'claim-source' }, ` — ${n.sourceText}`)))) : null,
    ),
  );
}

export function timelineView(items: TimelineItem[]): HTMLElement[] {
  if (items.length === 0) return [h('li', { class: 'empty' }, 'No government changes reported yet.')];
  return items.map((i) =>
    h(
      'li',
      { class: 'event', 'data-update': i.updateId },
      h('time', { datetime: i.at, title: i.atIsReported ? 'reported at (time of the change unknown)' : 'happened at' }, `${formatTime(i.at)}${i.atIsReported ? ' (reported)' : ''}`),
      h('p', {}, i.text, i.revised ? h('span', { class: 'note' }, ' (corrected)') : null),
      h('p', { class: 'claim-source' }, i.sourceText, ' ', badge(i.verification)),
    ),
  );
}

export function connectionView(el: HTMLElement, v: ConnectionView): void {
  el.dataset.status = v.status;
  const label = el.querySelector('.conn-label');
  const detail = el.querySelector('.conn-detail');
  if (label) label.textContent = v.label;
  if (detail) detail.textContent = v.detail;
}
