/** Actors in words: who they are (name, title, branch, role, age), and who did it. */
import type { Actor, Perpetrator } from '@newswire/schema/v2';
import { list, w } from './text.ts';

const TYPE_WORDS: Partial<Record<Actor['type'], string>> = {
  'state-forces': 'security forces',
  government: 'the government',
  legislature: 'the legislature',
  judiciary: 'the courts',
  'electoral-body': 'the election authority',
  'ruling-party': 'the ruling party',
  opposition: 'the opposition',
  'armed-group': 'an armed group',
  protesters: 'protesters',
  rioters: 'rioters',
  civilians: 'civilians',
  'foreign-state': 'a foreign state',
  'international-organisation': 'an international organisation',
  ngo: 'an NGO',
  media: 'the media',
  other: 'others',
  unknown: 'unidentified people',
};

const BRANCH_WORDS: Record<string, string> = {
  police: 'police',
  military: 'the military',
  paramilitary: 'paramilitary forces',
  'security-service': 'the security service',
  'national-guard': 'the national guard',
  'border-guard': 'border guards',
  'prison-service': 'the prison service',
};

const ROLE_OF_BRANCH: Record<string, string> = { police: 'police-officer', military: 'soldier' };

/**
 * "Kassym-Jomart Tokayev, President of Kazakhstan", "police", "army (military)",
 * "an 11-year-old boy (civilian, child)", "CSTO (Collective Security Treaty Organization)".
 */
export function actorWords(a: Actor): string {
  // A role that repeats the branch ("police (police officer)") says nothing more.
  const roles = (a.roles ?? []).filter((r) => !(a.branch && ROLE_OF_BRANCH[a.branch] === r)).map(w);
  if (a.name) {
    const name = a.acronym && a.acronym !== a.name ? `${a.name} (${a.acronym})` : a.name;
    const detail = a.title ?? (roles.length ? roles.join(', ') : a.affiliation);
    return detail ? `${name}, ${detail}` : name;
  }
  if (a.age !== undefined || a.sex !== undefined) {
    const who = a.sex === 'male' ? (a.age !== undefined && a.age < 18 ? 'boy' : 'man') : a.sex === 'female' ? (a.age !== undefined && a.age < 18 ? 'girl' : 'woman') : 'person';
    const age = a.age !== undefined ? `${a.age}-year-old ` : '';
    const article = age ? (/^(8|11|18)\b|^8\d/.test(age) ? 'an ' : 'a ') : 'a ';
    const what = [a.type === 'unknown' ? '' : w(a.type).replace(/s$/, ''), ...roles.filter((r) => r !== 'child')].filter(Boolean).join(', ');
    return `${article}${age}${who}${what ? ` (${what})` : ''}`;
  }
  if (a.type === 'civilians' && roles.length === 1 && roles[0] === 'child' && !a.title) return 'children';
  const base = a.title ?? (a.branch ? BRANCH_WORDS[a.branch] : undefined) ?? TYPE_WORDS[a.type] ?? w(a.type);
  const detail = [a.title && a.branch ? BRANCH_WORDS[a.branch] : undefined, ...roles, a.affiliation].filter(Boolean);
  return detail.length ? `${base} (${detail.join(', ')})` : base;
}

export function actorsWords(actors: readonly Actor[] | undefined): string {
  return list((actors ?? []).map(actorWords));
}

/** "unknown", "claimed by Islamic State", "alleged: police (according to witnesses)". */
export function perpetratorWords(p: Perpetrator): string {
  if (p.status === 'unknown') return 'who did it is not known';
  const by = actorsWords(p.by);
  if (p.status === 'known') return `by ${by}`;
  if (p.status === 'claimed') return `claimed by ${by}`;
  return `blamed on ${by}${p.allegedBy ? ` by ${actorsWords(p.allegedBy)}` : ''} (alleged)`;
}
