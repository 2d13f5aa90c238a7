/** Facts about force and order: security operations, unrest, fighting, attacks, property attacks and connectivity. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatDuration, formatPeriod } from '../when.ts';
import { actorsWords, actorWords, perpetratorWords } from './actors.ts';
import { formatAmount } from './quantities.ts';
import { capitalise, list, w } from './text.ts';

export function securityOperation(u: UpdateOf<'security-operation'>): string {
  const p = u.payload;
  const parts = [`${capitalise(actorsWords(p.by))}: ${w(p.action)}`];
  if (p.against) parts.push(`against ${actorsWords(p.against)}`);
  if (p.means) parts.push(`using ${list(p.means.map(w))}`);
  if (p.warning && p.warning !== 'unspecified') parts.push(w(p.warning));
  if (p.size) parts.push(`${formatAmount(p.size)} officers or troops`);
  if (p.officialName) parts.push(`officially “${p.officialName}”`);
  if (p.status) parts.push(w(p.status));
  return parts.join(', ');
}

export function unrest(u: UpdateOf<'unrest'>): string {
  const p = u.payload;
  const parts = [capitalise([list((p.character ?? []).map(w)), w(p.activity)].filter(Boolean).join(' '))];
  if (p.size) parts.push(`${formatAmount(p.size)} taking part`);
  if (p.participants) parts.push(`by ${actorsWords(p.participants)}`);
  if (p.against) parts.push(`against ${actorsWords(p.against)}`);
  if (p.causes) parts.push(`over ${list(p.causes.map(w))}`);
  if (p.demands) parts.push(`demanding “${p.demands.join('”, “')}”`);
  if (p.extent) parts.push(`in ${w(p.extent)}`.replace('in nationwide', 'nationwide'));
  if (p.severity) parts.push(w(p.severity));
  if (p.ongoingFor) parts.push(`going on for ${formatDuration(p.ongoingFor)}`);
  return parts.join(', ');
}

export function armedConflict(u: UpdateOf<'armed-conflict'>): string {
  const p = u.payload;
  return [
    `${capitalise(w(p.event))}: ${actorsWords(p.sides)}`,
    p.weapons ? `with ${list(p.weapons.map(w))}` : '',
    p.controlAfter ? `${actorWords(p.controlAfter)} in control after` : '',
    p.period ? formatPeriod(p.period) : '',
    p.status ?? '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function attack(u: UpdateOf<'attack'>): string {
  const p = u.payload;
  return [
    `${capitalise(list(p.methods.map(w)))}`,
    perpetratorWords(p.perpetrator),
    p.targets ? `targeting ${actorsWords(p.targets)}` : '',
    p.attackers ? `${formatAmount(p.attackers)} attackers` : '',
    p.status ? w(p.status) : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export function propertyAttack(u: UpdateOf<'property-attack'>): string {
  const p = u.payload;
  const parts = [`${capitalise(w(p.action))}: ${list(p.targets.map(w))}${p.count ? ` (${formatAmount(p.count)})` : ''}`];
  if (p.owner) parts.push(`belonging to ${actorWords(p.owner)}`);
  if (p.by) parts.push(`by ${actorsWords(p.by)}`);
  if (p.status) parts.push(w(p.status));
  return parts.join(', ');
}

export function connectivity(u: UpdateOf<'connectivity'>): string {
  const p = u.payload;
  const parts = [`${capitalise(w(p.service))}: ${w(p.state)}`];
  if (p.platforms) parts.push(list(p.platforms));
  if (p.cause) parts.push(p.cause === 'ordered-shutdown' ? 'shutdown ordered' : `cause: ${w(p.cause)}`);
  if (p.imposedBy) parts.push(`imposed by ${actorWords(p.imposedBy)}`);
  if (p.period) parts.push(formatPeriod(p.period));
  if (p.impedesReporting) parts.push('independent reporting hardly possible');
  return parts.join(', ');
}
