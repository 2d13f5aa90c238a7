/**
 * Old updates stay readable: Kafka keeps every v1 update for its retention
 * period, so every reader (gateway, SDK, dashboard, replay) reads v1 and v2
 * side by side by upcasting v1 to v2 on read. `upcastV1` is pure and total on
 * valid v1 updates; the result always validates as v2.
 *
 * What v1 said is kept, and nothing is added that v1 did not say:
 *  - Times: v1 forced seconds and an offset on every time. The offset is kept
 *    (no IANA zone is guessed from it); ":00" seconds, padding v1 required,
 *    become minute precision; other seconds are kept.
 *  - Places: `nationwide` becomes extent 'whole' (v1 defined nationwide as
 *    the whole country); `region` becomes admin1; `city` stays.
 *  - Figures: v1 casualty tolls and arrest counts had no scope. The v1
 *    dashboard treated each as a running total as of the report (except
 *    arrests marked `tally: 'new'`), so that is the scope they get: toll,
 *    asOf the report time; `tally: 'new'` becomes incident.
 *  - Actors: v1 actors had no type. A type is given only where v1's own
 *    field or value says it (a casualty group, an organisation, "police",
 *    "army", "President of ..."); otherwise 'unknown'.
 *  - Sources: a missing v1 role becomes 'unspecified'.
 *  - Evidence moves from the unrest payload to the envelope.
 */
import type { Actor as V1Actor, Organisation as V1Organisation, Place as V1Place, Source as V1Source } from '../primitives.ts';
import { parseUpdate as parseV1Update } from '../parse.ts';
import type { Update as V1Update } from '../update.ts';
import type { Actor, ActorRole } from './actor.ts';
import type { Figure } from './figure.ts';
import type { Place } from './place.ts';
import type { Qualifier } from './quantity.ts';
import { parseUpdate, type FieldError, type ParseResult } from './parse.ts';
import type { Source, SourceLink } from './source.ts';
import { instantFromIso, type Duration, type Instant } from './time.ts';
import { SCHEMA_VERSION, type Update, type UpdateOf } from './update.ts';

// ---------------------------------------------------------------- building blocks

export function upcastPlace(p: V1Place): Place {
  const out: Place = { country: p.country };
  if (p.region !== undefined) out.admin1 = p.region;
  if (p.city !== undefined) out.city = p.city;
  if (p.scope === 'nationwide') out.extent = 'whole';
  return out;
}

export function upcastSource(s: V1Source): Source {
  const link = (l: Omit<V1Source, 'via'>): SourceLink => ({
    name: l.name,
    role: l.role ?? 'unspecified',
    ...(l.title !== undefined && { title: l.title }),
    ...(l.url !== undefined && { url: l.url }),
  });
  const out: Source = link(s);
  if (s.via) out.via = s.via.map(link);
  return out;
}

/**
 * Titles whose words fix an actor type, matched whole (case and a leading
 * "the" ignored). Only what the title itself says: "confidants of the
 * president" says no type, and stays 'unknown'.
 */
const TITLE_TYPES: Record<string, Pick<Actor, 'type' | 'branch'>> = {
  police: { type: 'state-forces', branch: 'police' },
  army: { type: 'state-forces', branch: 'military' },
  military: { type: 'state-forces', branch: 'military' },
  'armed forces': { type: 'state-forces', branch: 'military' },
  'security forces': { type: 'state-forces' },
  'armed security forces': { type: 'state-forces' },
  authorities: { type: 'government' },
  government: { type: 'government' },
  demonstrators: { type: 'protesters' },
  protesters: { type: 'protesters' },
  rioters: { type: 'rioters' },
  civilians: { type: 'civilians' },
};
const OFFICE_ROLES: [RegExp, ActorRole][] = [
  [/^(president|king|queen|emir|sultan) of\b/i, 'head-of-state'],
  [/^prime minister of\b/i, 'head-of-government'],
  [/^minister\b/i, 'minister'],
];

export function upcastActor(a: V1Actor, fallback: Pick<Actor, 'type' | 'branch' | 'roles'> = { type: 'unknown' }): Actor {
  const key = a.title?.toLowerCase().replace(/^the\s+/, '').trim();
  const byTitle = key !== undefined ? TITLE_TYPES[key] : undefined;
  const office = a.title !== undefined ? OFFICE_ROLES.find(([re]) => re.test(a.title!)) : undefined;
  const typed: Pick<Actor, 'type' | 'branch' | 'roles'> = byTitle ?? (office ? { type: 'government', roles: [office[1]] } : fallback);
  const out: Actor = { type: typed.type };
  if (typed.branch !== undefined) out.branch = typed.branch;
  if (a.name !== undefined) out.name = a.name;
  if (a.title !== undefined) out.title = a.title;
  if (typed.roles !== undefined) out.roles = typed.roles;
  if (a.country !== undefined) out.country = a.country;
  if (a.age !== undefined) out.age = a.age;
  return out;
}

/** A target described in words ("demonstrators") as an actor. */
function actorFromWords(words: string): Actor {
  return upcastActor({ title: words });
}

export function upcastOrganisation(o: V1Organisation): Actor {
  const out: Actor = { type: 'international-organisation', name: o.name };
  if (o.acronym !== undefined) out.acronym = o.acronym;
  if (o.ledBy !== undefined) out.ledBy = o.ledBy;
  if (o.members !== undefined && o.members.length > 0) out.members = o.members;
  return out;
}

type V1CasualtyGroup = 'civilians' | 'security-forces' | 'protesters' | 'children' | 'foreign-nationals' | 'unknown';

/** v1 casualty groups as the actors they name. */
export function groupActor(group: V1CasualtyGroup): Actor {
  switch (group) {
    case 'civilians':
      return { type: 'civilians' };
    case 'security-forces':
      return { type: 'state-forces' };
    case 'protesters':
      return { type: 'protesters' };
    case 'children':
      return { type: 'civilians', roles: ['child'] };
    case 'foreign-nationals':
      return { type: 'unknown', roles: ['foreign-national'] };
    case 'unknown':
      return { type: 'unknown' };
  }
}

/** A v1 figure with the scope v1 implied: a running toll as of the report, or an incident count. */
function figure(f: { value: number; qualifier: Qualifier }, scope: 'toll' | 'incident', reported: Instant): Figure {
  return scope === 'toll' ? { value: f.value, qualifier: f.qualifier, scope, asOf: reported } : { value: f.value, qualifier: f.qualifier, scope };
}

function dayOf(date: string): Instant {
  return { date };
}

// ---------------------------------------------------------------- payloads

function payloadOf(u: V1Update, reported: Instant): { kind: Update['kind']; payload: Update['payload'] } {
  switch (u.kind) {
    case 'arrests': {
      const p = u.payload;
      const out: UpdateOf<'arrests'>['payload'] = {};
      if (p.count) out.count = figure(p.count, p.tally === 'new' ? 'incident' : 'toll', reported);
      if (p.detainees)
        out.detainees = p.detainees.map((d) => ({
          person: upcastActor(d.person),
          ...(d.charges !== undefined && { charges: d.charges }),
          ...(d.status !== undefined && { status: d.status }),
        }));
      if (p.arrestedBy) out.by = [upcastActor(p.arrestedBy)];
      return { kind: 'arrests', payload: out };
    }
    case 'casualties': {
      const p = u.payload;
      if (p.status === 'no-new-information')
        return { kind: 'casualties', payload: { status: 'no-new-information', about: p.about, ...(p.lastFigures !== undefined && { lastFigures: p.lastFigures }) } };
      if (p.status === 'feared')
        return { kind: 'casualties', payload: { status: 'feared', outcome: p.outcome, who: p.groups.map(groupActor), magnitude: { vague: p.magnitude } } };
      const toll = (t: NonNullable<typeof p.killed>) => ({
        ...(t.total && { total: figure(t.total, 'toll', reported) }),
        ...(t.groups && {
          breakdown: t.groups.map((g) => ({ who: groupActor(g.group), ...(g.figure && { figure: figure(g.figure, 'toll', reported) }) })),
        }),
      });
      const out: UpdateOf<'casualties'>['payload'] = { status: 'figures' };
      if (p.killed) out.killed = toll(p.killed);
      if (p.injured) out.injured = toll(p.injured);
      if (p.victims)
        out.victims = p.victims.map((v) => {
          const person: Actor = groupActor(v.group);
          if (v.name !== undefined) person.name = v.name;
          if (v.age !== undefined) person.age = v.age;
          if (v.sex !== undefined) person.sex = v.sex;
          return {
            person,
            outcome: v.outcome,
            ...(v.cause !== undefined && { cause: v.cause }),
            ...(v.circumstances !== undefined && { circumstances: v.circumstances }),
            ...(v.city !== undefined && { place: { country: u.place.country, city: v.city } }),
          };
        });
      if (p.perpetrator)
        out.perpetrator = p.perpetrator.status === 'unknown' ? { status: 'unknown' } : { status: p.perpetrator.status, by: [upcastActor(p.perpetrator.by)] };
      return { kind: 'casualties', payload: out };
    }
    case 'government-change': {
      const p = u.payload;
      const out: UpdateOf<'government-change'>['payload'] = { action: p.action, body: p.body };
      if (p.office !== undefined) out.office = p.office;
      if (p.person) out.person = upcastActor(p.person);
      if (p.wholeBody !== undefined) out.wholeBody = p.wholeBody;
      if (p.by) out.by = upcastActor(p.by);
      if (p.successor) out.successor = upcastActor(p.successor);
      if (p.previouslyAppointedBy) out.previousAppointment = { by: upcastActor(p.previouslyAppointedBy) };
      return { kind: 'government-change', payload: out };
    }
    case 'security-measure': {
      const p = u.payload;
      const common = { status: p.status, ...('issuedBy' in p && p.issuedBy && { issuedBy: upcastActor(p.issuedBy) }) };
      switch (p.measure) {
        case 'shoot-order':
          return {
            kind: 'security-measure',
            payload: {
              measure: 'shoot-order',
              ...common,
              orderedTo: p.orderedTo.map((a) => upcastActor(a)),
              targets: p.targets.map(actorFromWords),
              ...(p.targetsDescribedAs !== undefined && { targetsDescribedAs: p.targetsDescribedAs }),
              warning: p.warning,
              ...(p.quote !== undefined && { quote: p.quote }),
            },
          };
        case 'state-of-emergency':
          return { kind: 'security-measure', payload: { measure: 'state-of-emergency', ...common, ...(p.until !== undefined && { period: { to: dayOf(p.until) } }) } };
        case 'counter-terrorism-operation':
          return {
            kind: 'security-measure',
            payload: {
              measure: 'counter-terrorism-operation',
              ...common,
              ...(p.officialName !== undefined && { officialName: p.officialName }),
              ...(p.conductedBy !== undefined && { conductedBy: p.conductedBy.map((a) => upcastActor(a)) }),
            },
          };
        case 'curfew': {
          // v1 curfew hours were daily clock times; one without the other keeps the other's end open.
          const hours = p.from !== undefined && p.to !== undefined ? { dailyHours: { from: p.from, to: p.to } } : {};
          return { kind: 'security-measure', payload: { measure: 'curfew', ...common, ...hours } };
        }
      }
      break;
    }
    case 'connectivity': {
      const p = u.payload;
      return {
        kind: 'connectivity',
        payload: {
          service: p.service,
          state: p.state,
          ...(p.cause !== undefined && { cause: p.cause }),
          ...(p.imposedBy !== undefined && { imposedBy: upcastActor(p.imposedBy) }),
          ...(p.impedesReporting !== undefined && { impedesReporting: p.impedesReporting }),
        },
      };
    }
    case 'foreign-military': {
      const p = u.payload;
      if (p.action === 'help-requested')
        return { kind: 'foreign-military', payload: { action: 'help-requested', requestedBy: upcastActor(p.requestedBy), from: upcastOrganisation(p.from) } };
      return {
        kind: 'foreign-military',
        payload: {
          action: 'deployment',
          status: p.status,
          ...(p.force !== undefined && { force: upcastOrganisation(p.force) }),
          ...(p.troops !== undefined && { troops: { value: p.troops.value, qualifier: p.troops.qualifier } }),
        },
      };
    }
    case 'diplomacy': {
      const p = u.payload;
      if (p.action === 'phone-call')
        return {
          kind: 'diplomacy',
          payload: { action: 'phone-call', participants: p.participants.map((a) => upcastActor(a)), ...(p.duration !== undefined && { duration: p.duration }) },
        };
      if (p.action === 'meeting')
        return { kind: 'diplomacy', payload: { action: 'meeting', participants: p.participants.map((a) => upcastActor(a)), format: p.format } };
      const expected: Record<string, Duration> = { 'coming-days': { unit: 'days' }, 'coming-weeks': { unit: 'weeks' } };
      return {
        kind: 'diplomacy',
        payload: {
          action: 'summit-proposed',
          proposedBy: upcastActor(p.proposedBy),
          ...(p.supportedBy !== undefined && { supportedBy: p.supportedBy.map((a) => upcastActor(a)) }),
          ...(p.organisation !== undefined && { organisation: upcastOrganisation(p.organisation) }),
          ...(p.attendees !== undefined && { attendees: p.attendees }),
          format: p.format,
          ...(p.expected !== undefined && p.expected !== 'unscheduled' && { expectedWithin: expected[p.expected]! }),
          ...(p.expected === 'unscheduled' && { unscheduled: true as const }),
          ...(p.date !== undefined && { date: dayOf(p.date) }),
        },
      };
    }
    case 'unrest': {
      const p = u.payload;
      const out: UpdateOf<'unrest'>['payload'] = { activity: p.activity };
      if (p.character) out.character = p.character;
      if (p.causes) out.causes = p.causes;
      if (p.against) out.against = [upcastActor(p.against)];
      if (p.extent) out.extent = p.extent;
      if (p.severity) out.severity = p.severity;
      if (p.duration) out.ongoingFor = { unit: p.duration };
      if (p.actors) out.participants = p.actors.map((a) => upcastActor(a));
      return { kind: 'unrest', payload: out };
    }
    case 'commemoration': {
      const p = u.payload;
      return {
        kind: 'commemoration',
        payload: {
          type: p.type,
          ...(p.date !== undefined && { on: dayOf(p.date) }),
          ...(p.orderedBy !== undefined && { orderedBy: upcastActor(p.orderedBy) }),
          honouring: p.honouring,
        },
      };
    }
  }
  throw new Error(`v1 kind ${(u as { kind: string }).kind} has no v2 reading`);
}

// ---------------------------------------------------------------- the update

/** A valid v1 update as the v2 update that says the same. Pure; throws only on input that is not a valid v1 update. */
export function upcastV1(u: V1Update): Update {
  const reported = instantFromIso(u.reportedAt);
  const { kind, payload } = payloadOf(u, reported);
  const out = {
    schema: SCHEMA_VERSION,
    id: u.id,
    story: u.story,
    kind,
    headline: u.headline,
    ...(u.occurredAt !== undefined && { occurred: instantFromIso(u.occurredAt) }),
    reported,
    place: upcastPlace(u.place),
    sources: u.sources.map(upcastSource),
    ...(u.kind === 'unrest' && u.payload.evidence !== undefined && { evidence: u.payload.evidence }),
    verification: u.verification,
    urgency: u.urgency,
    ...(u.revises !== undefined && { revises: u.revises }),
    ...(u.retracts !== undefined && { retracts: u.retracts }),
    payload,
  } as Update;
  return out;
}

export type AnyParseResult = { ok: true; update: Update; from: 1 | 2 } | { ok: false; errors: FieldError[] };

/**
 * Reads a v1 or v2 update (already JSON-parsed) as v2: the `schema` field
 * says which; a v1 update is validated as v1, then upcast. Errors are those
 * of the version the input claims.
 */
export function parseAnyUpdate(input: unknown): AnyParseResult {
  const version = input !== null && typeof input === 'object' ? (input as { schema?: unknown }).schema : undefined;
  if (version === 1) {
    const v1 = parseV1Update(input);
    if (!v1.ok) return v1;
    return { ok: true, update: upcastV1(v1.update), from: 1 };
  }
  if (version === 2) {
    const v2: ParseResult = parseUpdate(input);
    return v2.ok ? { ...v2, from: 2 } : v2;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, errors: [{ path: '(root)', message: 'must be an update object' }] };
  return { ok: false, errors: [{ path: 'schema', message: version === undefined ? 'is required (1 or 2)' : 'must be 1 or 2 (the schema version)' }] };
}
