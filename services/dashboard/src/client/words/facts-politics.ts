/** Facts about power at home: elections, leaders' movements and coups. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatLocal } from '../when.ts';
import { actorsWords, actorWords } from './actors.ts';
import { formatPlaceWords } from './places.ts';
import { formatAmount } from './quantities.ts';
import { capitalise, list, w } from './text.ts';

export function election(u: UpdateOf<'election'>): string {
  const p = u.payload;
  const share = (s: { value: number; qualifier: string }) => `${s.qualifier === 'exact' ? '' : w(s.qualifier) + ' '}${s.value}%`;
  const parts = [`${capitalise(w(p.election))} election${p.round ? `, round ${p.round}` : ''}: ${w(p.stage)}`];
  if (p.date) parts.push(`polling day ${formatLocal(p.date)}`);
  if (p.body) parts.push(`per ${actorWords(p.body)}`);
  for (const r of p.results ?? []) {
    const got = [r.share ? share(r.share) : '', r.votes ? `${formatAmount(r.votes)} votes` : '', r.seats ? `${formatAmount(r.seats)} seats` : '', r.outcome ?? ''].filter(Boolean);
    parts.push(`${r.candidate.name ?? actorWords(r.candidate)}${got.length ? `: ${got.join(', ')}` : ''}`);
  }
  if (p.turnout) parts.push(`turnout ${share(p.turnout)}`);
  if (p.counted) parts.push(`with ${share(p.counted)} counted`);
  if (p.winner) parts.push(`winner: ${actorWords(p.winner)}`);
  if (p.candidates) parts.push(`concerning ${actorsWords(p.candidates)}`);
  if (p.disputedBy) parts.push(`disputed by ${actorsWords(p.disputedBy)}`);
  if (p.allegations) parts.push(`alleging ${list(p.allegations.map(w))}`);
  if (p.observers) parts.push(`observers: ${actorsWords(p.observers)}`);
  return parts.join('; ');
}

export function leaderMovement(u: UpdateOf<'leader-movement'>): string {
  const p = u.payload;
  return [
    `${actorWords(p.person)}: ${w(p.movement)}`,
    p.from ? `from ${formatPlaceWords(p.from)}` : '',
    p.to ? `to ${formatPlaceWords(p.to)}` : '',
    p.means ? `by ${w(p.means)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function coup(u: UpdateOf<'coup'>): string {
  const p = u.payload;
  return [
    `Coup ${w(p.stage)} by ${actorsWords(p.by)}`,
    p.against ? `against ${actorsWords(p.against)}` : '',
    p.junta ? `as “${p.junta}”` : '',
    p.leader ? `led by ${actorWords(p.leader)}` : '',
    p.actions ? list(p.actions.map(w)) : '',
  ]
    .filter(Boolean)
    .join(', ');
}
