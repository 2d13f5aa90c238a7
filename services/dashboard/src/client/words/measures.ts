/** Security measures in words: what was ordered, by whom, what it says in detail, and for how long. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatPeriod } from '../when.ts';
import { actorsWords, actorWords } from './actors.ts';
import { formatAmount } from './quantities.ts';
import { capitalise, list, w } from './text.ts';

/** The words of a security measure: what, its status, who issued it, and its period. */
export function measureWords(p: UpdateOf<'security-measure'>['payload']): string {
  const parts: string[] = [`${capitalise(w(p.measure))}: ${w(p.status)}`];
  if (p.issuedBy) parts.push(`by ${actorWords(p.issuedBy)}`);
  if (p.approvedBy) parts.push(`approved by ${actorWords(p.approvedBy)}`);
  const details = measureDetails(p);
  if (details) parts.push(details);
  if (p.period) parts.push(formatPeriod(p.period));
  return parts.join(', ');
}

/** What is specific to each measure: hours, orders, restrictions. */
export function measureDetails(p: UpdateOf<'security-measure'>['payload']): string {
  switch (p.measure) {
    case 'curfew':
      return p.dailyHours ? `daily from ${p.dailyHours.from} to ${p.dailyHours.to} local time` : '';
    case 'shoot-order':
      return [
        `orders ${actorsWords(p.orderedTo)} to shoot at ${actorsWords(p.targets)}`,
        p.targetsDescribedAs ? `called “${p.targetsDescribedAs.join('”, “')}”` : '',
        p.warning === 'unspecified' ? '' : w(p.warning),
        p.quote ? `in the words “${p.quote}”` : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'counter-terrorism-operation':
      return [p.officialName ? `officially “${p.officialName}”` : '', p.conductedBy ? `conducted by ${actorsWords(p.conductedBy)}` : ''].filter(Boolean).join(', ');
    case 'ban-on-gatherings':
      return p.maxPeople ? `gatherings of more than ${formatAmount(p.maxPeople)} people` : '';
    case 'movement-restriction':
    case 'media-restriction':
      return list(p.restrictions.map(w)) + ('outlets' in p && p.outlets ? ` (${actorsWords(p.outlets)})` : '');
    case 'closure':
      return `closes ${list(p.facilities.map(w))}`;
    case 'mobilisation':
      return [p.forces ? actorsWords(p.forces) : '', p.size ? `${formatAmount(p.size)} called up` : ''].filter(Boolean).join(', ');
    default:
      return '';
  }
}
