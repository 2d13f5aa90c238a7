/** Facts about other states: foreign military help and deployments, and diplomacy. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatDuration, formatLocal } from '../when.ts';
import { actorsWords, actorWords } from './actors.ts';
import { formatAmount } from './quantities.ts';
import { capitalise, list, w } from './text.ts';

export function foreignMilitary(u: UpdateOf<'foreign-military'>): string {
  const p = u.payload;
  const help = (a?: readonly string[]) => (a ? ` (${list(a.map(w))})` : '');
  switch (p.action) {
    case 'help-requested':
      return `${actorWords(p.requestedBy)} asked ${actorWords(p.from)} for help${help(p.assistance)}`;
    case 'help-offered':
      return `${actorWords(p.offeredBy)} offered help to ${actorWords(p.to)}${help(p.assistance)}`;
    case 'help-refused':
      return `${actorWords(p.refusedBy)} refused help${p.requestedBy ? ` requested by ${actorWords(p.requestedBy)}` : ''}`;
    case 'deployment':
      return [
        `Deployment ${w(p.status)}`,
        p.force ? actorWords(p.force) : '',
        p.troops ? `${formatAmount(p.troops)} troops` : '',
        p.fromCountries ? `from ${list(p.fromCountries)}` : '',
        p.mission && p.mission !== 'unspecified' ? `${w(p.mission)} mission` : '',
        p.missionName ? `“${p.missionName}”` : '',
      ]
        .filter(Boolean)
        .join(', ');
  }
}

export function diplomacy(u: UpdateOf<'diplomacy'>): string {
  const p = u.payload;
  switch (p.action) {
    case 'phone-call':
      return `${p.duration ? capitalise(p.duration) + ' phone' : 'Phone'} call between ${actorsWords(p.participants)}${p.length ? `, ${formatDuration(p.length)}` : ''}`;
    case 'summit-proposed':
      return [
        `${capitalise(w(p.format))} summit proposed by ${actorWords(p.proposedBy)}`,
        p.organisation ? `of ${actorWords(p.organisation)}` : '',
        p.supportedBy ? `backed by ${actorsWords(p.supportedBy)}` : '',
        p.attendees ? `for ${p.attendees}` : '',
        p.date ? `on ${formatLocal(p.date)}` : p.expectedWithin ? `expected within ${p.expectedWithin.amount ? formatDuration(p.expectedWithin) : `the coming ${p.expectedWithin.unit}`}` : '',
        p.unscheduled ? 'no date set' : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'meeting':
      return `${capitalise(w(p.format))} meeting of ${actorsWords(p.participants)}`;
    case 'statement':
      return [
        `${capitalise(actorsWords(p.by))}: ${list(p.stances.map(w))}`,
        p.concerning ? `concerning ${actorsWords(p.concerning)}` : '',
        p.calls ? `calls for ${list(p.calls.map(w))}` : '',
        p.quote ? `“${p.quote}”` : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'sanctions':
      return `Sanctions ${w(p.status)} by ${actorsWords(p.by)} against ${actorsWords(p.against)}${p.types ? ` (${list(p.types.map(w))})` : ''}`;
    case 'mediation':
      return `Mediation ${w(p.status)} by ${actorsWords(p.mediators)}${p.parties ? ` between ${actorsWords(p.parties)}` : ''}`;
    case 'envoys':
      return `${capitalise(w(p.measure))}: ${actorWords(p.by)} concerning ${actorWords(p.concerning)}`;
    case 'evacuation-of-nationals':
      return `Evacuation of nationals ${w(p.status)} by ${actorWords(p.by)}${p.count ? `, ${formatAmount(p.count)} people` : ''}`;
    case 'aid':
      return [
        `Aid ${w(p.status)}`,
        p.by ? `by ${actorsWords(p.by)}` : '',
        p.to ? `to ${actorWords(p.to)}` : '',
        p.types ? list(p.types.map(w)) : '',
        p.amount ? `${formatAmount(p.amount.quantity)} ${p.amount.currency}` : '',
      ]
        .filter(Boolean)
        .join(', ');
    case 'resolution':
      return `Resolution ${w(p.status)} by ${actorWords(p.body)}${p.votes ? ` (${p.votes.for} for, ${p.votes.against} against${p.votes.abstained !== undefined ? `, ${p.votes.abstained} abstained` : ''})` : ''}${p.vetoedBy ? `, vetoed by ${actorsWords(p.vetoedBy)}` : ''}`;
    case 'travel-advisory':
      return `${capitalise(actorWords(p.by))} advises: ${w(p.advice)}`;
  }
}
