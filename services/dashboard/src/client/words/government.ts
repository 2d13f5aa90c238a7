/** Government changes in words: who took or left which post, by whose order, and when. */
import type { UpdateOf } from '@newswire/schema/v2';
import { formatDuration, formatLocal, formatWhen } from '../when.ts';
import { actorWords } from './actors.ts';
import { list, w } from './text.ts';

export function governmentChange(u: UpdateOf<'government-change'>): string {
  return describeGovernmentChange(u.payload);
}

const GOV_VERBS: Record<string, string> = {
  nominated: 'nominated',
  appointed: 'appointed',
  elected: 'elected',
  'sworn-in': 'sworn in',
  acting: 'took office as acting',
  'took-over': 'took over',
  dismissed: 'dismissed',
  removed: 'removed',
  resigned: 'resigned',
  replaced: 'replaced',
  suspended: 'suspended',
  reinstated: 'reinstated',
  impeached: 'impeached',
};

/**
 * "Cabinet resigned, except Gotabaya Rajapaksa (President) and Mahinda Rajapaksa (Prime Minister)";
 * "Ranil Wickremesinghe took office as acting President"; "Tokayev dismissed Karim Massimov as chairman of the National Security Committee".
 */
export function describeGovernmentChange(p: UpdateOf<'government-change'>['payload']): string {
  const verb = GOV_VERBS[p.action] ?? w(p.action);
  const person = p.person ? (p.person.name ?? actorWords(p.person)) : undefined;
  const post = postWords(p.office, p.body);
  let text: string;
  if (p.wholeBody) {
    const except = (p.except ?? []).map((e) => [e.person?.name, e.office ? (e.person?.name ? `(${e.office})` : e.office) : ''].filter(Boolean).join(' '));
    text = `The entire ${p.body} ${verb}${except.length ? `, except ${list(except)}` : ''}`;
    if (p.by) text = `${text}, by order of ${actorWords(p.by)}`;
  } else if (p.action === 'acting') {
    text = `${person ?? 'Someone'} took office as acting ${post}`;
  } else if (p.by && ['appointed', 'dismissed', 'removed', 'replaced', 'nominated', 'suspended', 'reinstated'].includes(p.action)) {
    text = `${p.by.name ?? actorWords(p.by)} ${verb} ${person ? `${person} as ${post}` : `the ${post}`}`;
  } else if (p.action === 'resigned') {
    text = `${person ?? `The ${post}`} resigned${person ? ` as ${post}` : ''}`;
  } else {
    text = `${person ?? `The ${post}`} ${verb}${person ? ` as ${post}` : ''}`;
    if (p.by) text += ` by ${actorWords(p.by)}`;
  }
  if (p.successor) text += `; succeeded by ${p.successor.name ?? actorWords(p.successor)}`;
  if (p.caretaker) text += '; stays on as caretaker';
  if (p.effective) text += `; effective ${formatWhen(p.effective)}`;
  const prev = p.previousAppointment;
  if (prev) {
    const when = prev.on ? ` on ${formatLocal(prev.on)}` : prev.ago ? ` ${prev.ago.amount ? formatDuration(prev.ago) : `a few ${prev.ago.unit}`} earlier` : '';
    text += `; had been appointed${prev.by ? ` by ${prev.by.name ?? actorWords(prev.by)}` : ''}${when}`;
  }
  return text;
}

/** Bodies whose name adds nothing to the office held in them ("President", not "President of the presidency"). */
const GENERIC_BODIES = new Set(['presidency', 'government', 'cabinet', 'the government']);

/** "deputy secretary of the Security Council", "Minister of Finance", "President". */
function postWords(office: string | undefined, body: string): string {
  if (!office) return body;
  if (/\bof\b/i.test(office) || GENERIC_BODIES.has(body.toLowerCase())) return office;
  return `${office} of the ${body}`;
}
