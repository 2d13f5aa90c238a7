/**
 * Words for structured facts: figures keep their qualifier ("more than
 * 4,400"), sources keep their attribution chain ("Interior Ministry via state
 * television"). Pure functions, no DOM: used by the views and the unit tests.
 */
import type { Actor, Figure, Place, Source, Qualifier, Kind, Update } from '@newswire/schema';

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '',
  about: 'about',
  'at-least': 'at least',
  'more-than': 'more than',
  'up-to': 'up to',
  'fewer-than': 'fewer than',
};

const numberFormat = new Intl.NumberFormat('en-US');

/** "more than 4,400", "about 2,500", "1". */
export function formatFigure(f: Figure): string {
  const words = QUALIFIER_WORDS[f.qualifier];
  const n = numberFormat.format(f.value);
  return words ? `${words} ${n}` : n;
}

/** What a figure is, for screen readers and tooltips. */
export function describeBound(f: Figure): string {
  switch (f.qualifier) {
    case 'exact':
      return 'exact count';
    case 'about':
      return 'approximate';
    case 'at-least':
    case 'more-than':
      return 'lower bound';
    case 'up-to':
    case 'fewer-than':
      return 'upper bound';
  }
}

/**
 * "Interior Ministry via state television"; a longer chain reads "A via B via C".
 * A title says who a named source is: "Arushan Sain (Kazakhstan's child rights officer)".
 */
export function formatSource(s: Source): string {
  const link = (l: { name: string; title?: string | undefined }) => (l.title && l.title !== l.name ? `${l.name} (${l.title})` : l.name);
  return [link(s), ...(s.via ?? []).map(link)].join(' via ');
}

export function formatSources(sources: readonly Source[]): string {
  return sources.map(formatSource).join('; ');
}

/** "Karim Massimov (former intelligence chief)", or whichever of the two is known. */
export function formatActor(a: Actor | undefined): string {
  if (!a) return '';
  if (a.name && a.title) return `${a.name} (${a.title})`;
  return a.name ?? a.title ?? '';
}

/** Short name for timelines: the name if there is one, else the title. */
export function actorName(a: Actor | undefined): string {
  return a?.name ?? a?.title ?? '';
}

export function formatPlace(p: Place): string {
  if (p.scope === 'nationwide') return `${p.country}, nationwide`;
  return [p.city, p.region, p.country].filter(Boolean).join(', ');
}

export const KIND_LABELS: Record<Kind, string> = {
  arrests: 'Arrests',
  casualties: 'Casualties',
  'government-change': 'Government',
  'security-measure': 'Security',
  connectivity: 'Connectivity',
  'foreign-military': 'Foreign military',
  diplomacy: 'Diplomacy',
  unrest: 'Unrest',
  commemoration: 'Commemoration',
};

/** "2022-01-08 10:00 UTC" — unambiguous on a wall screen in any time zone. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** One line of facts from the payload, shown under the headline. */
export function summarize(u: Update): string {
  switch (u.kind) {
    case 'arrests': {
      const parts: string[] = [];
      const p = u.payload;
      if (p.count) parts.push(`${formatFigure(p.count)} arrested${p.tally === 'running-total' ? ' in total' : p.tally === 'new' ? ' (new)' : ''}`);
      for (const d of p.detainees ?? []) {
        parts.push(`${formatActor(d.person)}${d.charges ? ` — ${d.charges.join(', ')}` : ''}${d.status ? ` (${d.status})` : ''}`);
      }
      return parts.join('; ');
    }
    case 'casualties': {
      const p = u.payload;
      if (p.status === 'no-new-information') return `No new information on the ${p.about.replace(/-/g, ' ')}`;
      if (p.status === 'feared') return `${p.magnitude} ${p.groups.join(', ')} feared ${p.outcome}`;
      const parts: string[] = [];
      for (const outcome of ['killed', 'injured'] as const) {
        const toll = p[outcome];
        if (!toll) continue;
        const groups = (toll.groups ?? []).map((g) => (g.figure ? `${formatFigure(g.figure)} ${g.group}` : `including ${g.group.replace(/-/g, ' ')}`));
        parts.push([toll.total ? `${formatFigure(toll.total)} ${outcome}` : outcome, ...groups].join(', '));
      }
      for (const v of p.victims ?? []) {
        const who = [v.name, v.age !== undefined ? `${v.age}-year-old` : '', v.sex === 'male' ? 'boy' : v.sex === 'female' ? 'girl' : v.group]
          .filter(Boolean)
          .join(' ');
        parts.push(`${who} ${v.outcome}${v.city ? ` in ${v.city}` : ''}`);
      }
      if (p.perpetrator) parts.push(p.perpetrator.status === 'unknown' ? 'perpetrator unknown' : `by ${formatActor(p.perpetrator.by)} (${p.perpetrator.status})`);
      return parts.join('; ');
    }
    case 'government-change':
      return describeGovernmentChange(u.payload);
    case 'security-measure': {
      const p = u.payload;
      return `${p.measure.replace(/-/g, ' ')}: ${p.status}`;
    }
    case 'connectivity':
      return `${u.payload.service.replace(/-/g, ' ')}: ${u.payload.state.replace(/-/g, ' ')}`;
    case 'foreign-military': {
      const p = u.payload;
      if (p.action === 'help-requested') return `${actorName(p.requestedBy)} asked ${p.from.acronym ?? p.from.name} for help`;
      return `deployment ${p.status}${p.troops ? `: ${formatFigure(p.troops)} troops` : ''}${p.force ? ` (${p.force.acronym ?? p.force.name})` : ''}`;
    }
    case 'diplomacy': {
      const p = u.payload;
      if (p.action === 'summit-proposed') return `${p.format} summit proposed by ${actorName(p.proposedBy)}`;
      return `${p.action.replace(/-/g, ' ')}: ${p.participants.map(actorName).join(', ')}`;
    }
    case 'unrest':
      return [u.payload.activity, ...(u.payload.character ?? []), u.payload.severity?.replace(/-/g, ' ') ?? ''].filter(Boolean).join(', ');
    case 'commemoration':
      return `${u.payload.type.replace(/-/g, ' ')}${u.payload.date ? ` on ${u.payload.date}` : ''}`;
  }
}

type GovernmentChange = Extract<Update, { kind: 'government-change' }>['payload'];

/** "Tokayev dismissed Asamat Abdymomunov, deputy secretary of the Security Council". */
export function describeGovernmentChange(p: GovernmentChange): string {
  const who = p.wholeBody ? `the entire ${p.body}` : [actorName(p.person), p.office ? `${p.person ? ', ' : ''}${p.office} of the ${p.body}` : ` (${p.body})`].join('');
  const by = p.by ? `${actorName(p.by)} ` : '';
  const verb = p.action.replace(/-/g, ' ');
  const successor = p.successor ? `; succeeded by ${actorName(p.successor)}` : '';
  return `${by}${by ? verb : verb.charAt(0).toUpperCase() + verb.slice(1)} ${who.trim()}${successor}`;
}
