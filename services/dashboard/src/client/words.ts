/**
 * Every structured field of a v2 update in plain words: figures keep their
 * qualifier, range or vague word ("more than 4,400", "between 30 and 50",
 * "dozens"); a figure says whether it counts one incident or is a running
 * toll, and as of when; actors say who they are; periods say what was said.
 * Pure functions, no DOM: used by the views and the unit tests.
 */
import {
  formatQuantity,
  placeLevel,
  type Actor,
  type Figure,
  type Kind,
  type Perpetrator,
  type Place,
  type Quantity,
  type Source,
  type Update,
  type UpdateOf,
} from '@newswire/schema/v2';
import { formatDuration, formatInstantWords, formatLocal, formatPeriod, formatShort, formatWhen } from './when.ts';

/** "-" separated enum values as words: "ordered-shutdown" -> "ordered shutdown". */
export const w = (s: string): string => s.replace(/-/g, ' ');

function list(items: readonly string[]): string {
  const xs = items.filter(Boolean);
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const KIND_LABELS: Record<Kind, string> = {
  arrests: 'Arrests',
  casualties: 'Casualties',
  displacement: 'Displacement',
  'government-change': 'Government',
  coup: 'Coup',
  election: 'Election',
  'leader-movement': 'Leader',
  'security-measure': 'Security measure',
  'security-operation': 'Security forces',
  connectivity: 'Connectivity',
  'armed-conflict': 'Armed conflict',
  attack: 'Attack',
  'foreign-military': 'Foreign military',
  diplomacy: 'Diplomacy',
  unrest: 'Unrest',
  'property-attack': 'Property attack',
  disaster: 'Disaster',
  commemoration: 'Commemoration',
};

// ---------------------------------------------------------------- numbers

/** "more than 4,400", "between 30 and 50", "roughly 30 to 50", "dozens", "more than a dozen". */
export function formatAmount(q: Quantity): string {
  if ('min' in q && q.qualifier === 'about') return `roughly ${q.min.toLocaleString('en-US')} to ${q.max.toLocaleString('en-US')}`;
  return formatQuantity(q);
}

/** What a figure is, for screen readers and tooltips. */
export function describeAmount(q: Quantity): string {
  if ('vague' in q) return q.qualifier ? `${w(q.qualifier)} a vague amount: no number was given` : 'a vague amount: no number was given';
  if ('min' in q) return q.qualifier === 'about' ? 'a rough range' : 'a range: both ends given';
  switch (q.qualifier) {
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
 * What a figure counts and as of when: "in this incident", "toll as of 8 Jan 2022",
 * "toll as of some time up to 8 Jan 2022", "toll as of the report (8 Jan 2022)".
 */
export function figureScope(f: Figure, reported: Update['reported']): string {
  if (f.scope === 'incident') return 'in this incident';
  const where = f.place ? ` for ${formatPlaceWords(f.place)}` : '';
  if (!f.asOf) return `toll${where} as of the report (${formatShort(reported)})`;
  if ('date' in f.asOf) return `toll${where} as of ${formatShort(f.asOf)}`;
  if (f.asOf.to && !f.asOf.from) return `toll${where} as of some time up to ${formatShort(f.asOf.to)}`;
  return `toll${where} as of ${formatWhen(f.asOf)}`;
}

// ---------------------------------------------------------------- actors, places, sources

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

/** "Almaty, KZ", "KZ, nationwide", "parts of Western Province, LK", "Colombo, LK — residence President’s House". */
export function formatPlaceWords(p: Place): string {
  const area = [p.districts?.join(', '), p.city, p.admin2, p.admin1, p.country].filter(Boolean).join(', ');
  const extent =
    p.extent === 'parts' ? `parts of ${area}` : p.extent === 'whole' ? (placeLevel(p) === 'country' ? `${area}, nationwide` : `all of ${area}`) : area;
  const sites = p.sites?.map((s) => (s.name ? s.name : w(s.type))).join('; ');
  return sites ? `${extent} — ${sites}` : extent;
}

/** "Interior Ministry via state television"; a named person keeps their title. */
export function formatSourceWords(s: Source): string {
  const link = (l: { name: string; title?: string | undefined }) => (l.title && l.title !== l.name ? `${l.name} (${l.title})` : l.name);
  return [link(s), ...(s.via ?? []).map(link)].join(' via ');
}

export function formatSourcesWords(sources: readonly Source[]): string {
  return sources.map(formatSourceWords).join('; ');
}

// ---------------------------------------------------------------- payloads

type U<K extends Kind> = UpdateOf<K>;

function arrests(u: U<'arrests'>): string {
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

function tollWords(outcome: string, toll: NonNullable<Extract<U<'casualties'>['payload'], { status: 'figures' }>['killed']>, reported: Update['reported']): string {
  const head = toll.total ? `${formatAmount(toll.total)} ${outcome} (${figureScope(toll.total, reported)})` : `${capitalise(outcome)}:`;
  const breakdown = (toll.breakdown ?? []).map((b) =>
    b.figure
      ? `${formatAmount(b.figure)} ${actorWords(b.who)}${toll.total ? '' : ` (${figureScope(b.figure, reported)})`}`
      : `including ${actorWords(b.who)}, number not given`,
  );
  return toll.total ? [head, ...breakdown].join(', ') : `${head} ${breakdown.join(', ')}`;
}

function casualties(u: U<'casualties'>): string {
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

function governmentChange(u: U<'government-change'>): string {
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
export function describeGovernmentChange(p: U<'government-change'>['payload']): string {
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

/** The words of a security measure: what, its status, who issued it, and its period. */
export function measureWords(p: U<'security-measure'>['payload']): string {
  const parts: string[] = [`${capitalise(w(p.measure))}: ${w(p.status)}`];
  if (p.issuedBy) parts.push(`by ${actorWords(p.issuedBy)}`);
  if (p.approvedBy) parts.push(`approved by ${actorWords(p.approvedBy)}`);
  const details = measureDetails(p);
  if (details) parts.push(details);
  if (p.period) parts.push(formatPeriod(p.period));
  return parts.join(', ');
}

/** What is specific to each measure: hours, orders, restrictions. */
export function measureDetails(p: U<'security-measure'>['payload']): string {
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

function connectivity(u: U<'connectivity'>): string {
  const p = u.payload;
  const parts = [`${capitalise(w(p.service))}: ${w(p.state)}`];
  if (p.platforms) parts.push(list(p.platforms));
  if (p.cause) parts.push(p.cause === 'ordered-shutdown' ? 'shutdown ordered' : `cause: ${w(p.cause)}`);
  if (p.imposedBy) parts.push(`imposed by ${actorWords(p.imposedBy)}`);
  if (p.period) parts.push(formatPeriod(p.period));
  if (p.impedesReporting) parts.push('independent reporting hardly possible');
  return parts.join(', ');
}

function unrest(u: U<'unrest'>): string {
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

function securityOperation(u: U<'security-operation'>): string {
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

function propertyAttack(u: U<'property-attack'>): string {
  const p = u.payload;
  const parts = [`${capitalise(w(p.action))}: ${list(p.targets.map(w))}${p.count ? ` (${formatAmount(p.count)})` : ''}`];
  if (p.owner) parts.push(`belonging to ${actorWords(p.owner)}`);
  if (p.by) parts.push(`by ${actorsWords(p.by)}`);
  if (p.status) parts.push(w(p.status));
  return parts.join(', ');
}

function foreignMilitary(u: U<'foreign-military'>): string {
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

function diplomacy(u: U<'diplomacy'>): string {
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

function election(u: U<'election'>): string {
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

function leaderMovement(u: U<'leader-movement'>): string {
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

function coup(u: U<'coup'>): string {
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

function armedConflict(u: U<'armed-conflict'>): string {
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

function attack(u: U<'attack'>): string {
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

function displacement(u: U<'displacement'>): string {
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

function disaster(u: U<'disaster'>): string {
  const p = u.payload;
  return [
    `${capitalise(w(p.hazard))}${p.name ? ` “${p.name}”` : ''}${p.status ? ` (${w(p.status)})` : ''}`,
    p.magnitude ? `magnitude ${p.magnitude.value} (${w(p.magnitude.scale)})` : '',
    p.depthKm !== undefined ? `${p.depthKm} km deep` : '',
    p.affected ? `${formatAmount(p.affected)} affected (${figureScope(p.affected, u.reported)})` : '',
    ...(p.damaged ?? []).map((d) => `${formatAmount(d.count)} ${w(d.what)} damaged`),
  ]
    .filter(Boolean)
    .join(', ');
}

function commemoration(u: U<'commemoration'>): string {
  const p = u.payload;
  return [
    `${capitalise(w(p.type))} for ${p.honouring}`,
    p.on ? `on ${formatLocal(p.on)}` : '',
    p.period ? formatPeriod(p.period) : '',
    p.orderedBy ? `ordered by ${actorWords(p.orderedBy)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** One line of facts from the payload, in plain words. */
export function summarize(u: Update): string {
  switch (u.kind) {
    case 'arrests':
      return arrests(u);
    case 'casualties':
      return casualties(u);
    case 'displacement':
      return displacement(u);
    case 'government-change':
      return governmentChange(u);
    case 'coup':
      return coup(u);
    case 'election':
      return election(u);
    case 'leader-movement':
      return leaderMovement(u);
    case 'security-measure':
      return measureWords(u.payload);
    case 'security-operation':
      return securityOperation(u);
    case 'connectivity':
      return connectivity(u);
    case 'armed-conflict':
      return armedConflict(u);
    case 'attack':
      return attack(u);
    case 'foreign-military':
      return foreignMilitary(u);
    case 'diplomacy':
      return diplomacy(u);
    case 'unrest':
      return unrest(u);
    case 'property-attack':
      return propertyAttack(u);
    case 'disaster':
      return disaster(u);
    case 'commemoration':
      return commemoration(u);
  }
}

/** "photos (alleged) on social networks". */
export function evidenceWords(u: Update): string {
  return (u.evidence ?? []).map((e) => `${e.medium}${e.channel ? ` on ${w(e.channel)}` : ''} (${e.provenance})`).join('; ');
}

export { formatInstantWords };
