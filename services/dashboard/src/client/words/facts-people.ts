/** Facts about what happened to people: arrests, casualties and displacement. */
import type { Update, UpdateOf } from '@newswire/schema/v2';
import { actorsWords, actorWords, perpetratorWords } from './actors.ts';
import { formatPlaceWords } from './places.ts';
import { figureScope, formatAmount } from './quantities.ts';
import { capitalise, list, w } from './text.ts';

export function arrests(u: UpdateOf<'arrests'>): string {
  const p = u.payload;
  const verb = p.action === 'released' ? 'released' : p.action === 'charged' ? 'charged' : p.action === 'sentenced' ? 'sentenced' : p.action === 'warrant-issued' ? 'wanted (warrants issued)' : 'arrested';
  const parts: string[] = [];
  if (p.count) parts.push(`${formatAmount(p.count)} ${verb} (${figureScope(p.count, u.reported)})`);
  if (p.who) parts.push(`${p.count ? 'among them' : capitalise(verb) + ':'} ${actorsWords(p.who)}`);
  for (const d of p.detainees ?? []) {
    parts.push(`${actorWords(d.person)}${d.status ? ` — ${w(d.status)}` : ''}${d.charges ? `, charged with ${list(d.charges)}` : ''}`);
  }
  if (p.by) parts.push(`by ${actorsWords(p.by)}`);
  return parts.join('; ');
}

function tollWords(outcome: string, toll: NonNullable<Extract<UpdateOf<'casualties'>['payload'], { status: 'figures' }>['killed']>, reported: Update['reported']): string {
  const head = toll.total ? `${formatAmount(toll.total)} ${outcome} (${figureScope(toll.total, reported)})` : `${capitalise(outcome)}:`;
  const breakdown = (toll.breakdown ?? []).map((b) =>
    b.figure
      ? `${formatAmount(b.figure)} ${actorWords(b.who)}${toll.total ? '' : ` (${figureScope(b.figure, reported)})`}`
      : `including ${actorWords(b.who)}, number not given`,
  );
  return toll.total ? [head, ...breakdown].join(', ') : `${head} ${breakdown.join(', ')}`;
}

export function casualties(u: UpdateOf<'casualties'>): string {
  const p = u.payload;
  if (p.status === 'no-new-information') return `No new information on the ${w(p.about)}`;
  if (p.status === 'feared') return `${p.magnitude ? capitalise(formatAmount(p.magnitude)) + ' ' : ''}${actorsWords(p.who)} feared ${p.outcome}`;
  const parts: string[] = [];
  for (const outcome of ['killed', 'injured', 'missing'] as const) {
    const toll = p[outcome];
    if (toll) parts.push(tollWords(outcome, toll, u.reported));
  }
  for (const v of p.victims ?? []) {
    const where = v.place?.city ? ` in ${v.place.city}` : '';
    parts.push(`${capitalise(actorWords(v.person))} ${v.outcome}${v.cause ? ` (${w(v.cause)})` : ''}${where}${v.circumstances ? `, ${v.circumstances}` : ''}`);
  }
  if (p.cause) parts.push(`cause: ${w(p.cause)}`);
  if (p.perpetrator) parts.push(perpetratorWords(p.perpetrator));
  return parts.join('; ');
}

export function displacement(u: UpdateOf<'displacement'>): string {
  const p = u.payload;
  return [
    p.count ? `${formatAmount(p.count)} ${w(p.movement)} (${figureScope(p.count, u.reported)})` : capitalise(w(p.movement)),
    p.who ? actorsWords(p.who) : '',
    p.from ? `from ${formatPlaceWords(p.from)}` : '',
    p.to ? `to ${formatPlaceWords(p.to)}` : '',
    p.cause ? `cause: ${w(p.cause)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}
