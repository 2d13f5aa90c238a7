/**
 * Who: every person, body or group is an actor with a type, after ACLED's
 * actor categories (inter codes: state forces, rebel groups, political and
 * identity militias, rioters, protesters, civilians, external forces), widened
 * for what a news wire also reports (governments, parties, election bodies,
 * foreign states, international organisations, the media).
 *
 * Victims and detainees are actors too, with roles: a lawmaker, a journalist,
 * a child. "More than 40 killed, including security forces" names the group
 * { type: 'state-forces' } without a number.
 *
 *   { type: 'government', name: 'Kassym-Jomart Tokayev', title: 'President of Kazakhstan', roles: ['head-of-state'], country: 'KZ' }
 *   { type: 'state-forces', branch: 'police', country: 'KZ' }
 *   { type: 'civilians', roles: ['child'], age: 11, sex: 'male' }
 *   { type: 'international-organisation', name: 'Collective Security Treaty Organization', acronym: 'CSTO', ledBy: 'RU', members: [...] }
 */
import { z } from 'zod';
import { countryCodeSchema, idSchema, list, text } from '../primitives.ts';

export const ACTOR_TYPES = [
  /** Police, military, paramilitary, security services (ACLED inter 1). */
  'state-forces',
  /** The executive: heads of state and government, ministers, officials, local authorities. */
  'government',
  'legislature',
  'judiciary',
  /** Election commissions and other bodies that run votes. */
  'electoral-body',
  'ruling-party',
  'opposition',
  /** Rebels, political and identity militias, criminal groups (ACLED inter 2-4). */
  'armed-group',
  'protesters',
  'rioters',
  'civilians',
  /** Another country's government or forces (ACLED inter 8). */
  'foreign-state',
  'international-organisation',
  /** Humanitarian and rights groups. */
  'ngo',
  /** Outlets and broadcasters as actors (journalists are people with the role journalist). */
  'media',
  'other',
  /** The source does not say who ("it was not clear who fired"). */
  'unknown',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const STATE_FORCE_BRANCHES = [
  'police',
  'military',
  'paramilitary',
  'security-service',
  'national-guard',
  'border-guard',
  'prison-service',
] as const;

export const ARMED_GROUP_KINDS = ['rebel-group', 'political-militia', 'identity-militia', 'criminal-group'] as const;

/**
 * What a person or group is, beside their type: who was killed, detained,
 * dismissed. Security forces and protesters are types, not roles.
 */
export const ACTOR_ROLES = [
  'head-of-state',
  'head-of-government',
  'minister',
  'official',
  'former-official',
  'former-head-of-state',
  'lawmaker',
  'politician',
  'party-leader',
  'candidate',
  'opposition-leader',
  'judge',
  'election-official',
  'military-officer',
  'police-officer',
  'soldier',
  'journalist',
  'activist',
  'human-rights-defender',
  'lawyer',
  'student',
  'worker',
  'health-worker',
  'aid-worker',
  'religious-leader',
  'child',
  'woman',
  'elderly',
  'bystander',
  'foreign-national',
  'refugee',
  'displaced-person',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const SEXES = ['female', 'male'] as const;

export const actorSchema = z
  .strictObject({
    type: z.enum(ACTOR_TYPES),
    /** For state forces: which branch. */
    branch: z.enum(STATE_FORCE_BRANCHES).optional(),
    /** For armed groups: which kind (ACLED's rebel / political militia / identity militia). */
    armedGroup: z.enum(ARMED_GROUP_KINDS).optional(),
    /** A stable key for the same actor across updates, e.g. "kz:tokayev". */
    ref: idSchema.optional(),
    name: text(200).optional(),
    /** Other spellings and transliterations ("Massimow" for "Massimov"). */
    aliases: list(text(200), 10, 1).optional(),
    /** Office or description: "President of Kazakhstan", "armed security forces". */
    title: text(200).optional(),
    roles: list(z.enum(ACTOR_ROLES), 10, 1).optional(),
    /** Party, force, organisation or person the actor belongs to or answers to. */
    affiliation: text(200).optional(),
    country: countryCodeSchema.optional(),
    age: z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' }).max(150, { error: 'must be at most 150' }).optional(),
    sex: z.enum(SEXES).optional(),
    /** For organisations and alliances. */
    acronym: text(20).optional(),
    /** For an alliance: the member states. */
    members: list(countryCodeSchema, 200, 1).optional(),
    /** For an alliance: the state that leads it ("a Russian-led alliance"). */
    ledBy: countryCodeSchema.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.branch !== undefined && a.type !== 'state-forces')
      ctx.addIssue({ code: 'custom', path: ['branch'], message: 'only state-forces have a branch' });
    if (a.armedGroup !== undefined && a.type !== 'armed-group')
      ctx.addIssue({ code: 'custom', path: ['armedGroup'], message: 'only an armed-group has an armedGroup kind' });
    for (const key of ['members', 'ledBy'] as const)
      if (a[key] !== undefined && a.type !== 'international-organisation')
        ctx.addIssue({ code: 'custom', path: [key], message: 'only an international-organisation has members or a leading state' });
  });
export type Actor = z.infer<typeof actorSchema>;

export const actorListSchema = (max = 20) => list(actorSchema, max, 1);

/** "Kassym-Jomart Tokayev (President of Kazakhstan)", "police (KZ)", "civilians: child, 11". */
export function formatActor(a: Actor): string {
  const label = a.name ?? a.title ?? (a.branch ? a.branch : a.type);
  const detail = [a.name ? a.title : undefined, a.roles?.join(', '), a.age !== undefined ? String(a.age) : undefined]
    .filter(Boolean)
    .join(', ');
  return detail ? `${label} (${detail})` : a.country && !a.name ? `${label} (${a.country})` : label;
}

/**
 * Who caused harm, as far as is known: unknown ("it was not clear who shot"),
 * known, alleged (by the source or another party), or claimed (a group says it
 * did it).
 */
export const perpetratorSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unknown') }),
  z.strictObject({ status: z.literal('known'), by: actorListSchema(10) }),
  z.strictObject({ status: z.literal('alleged'), by: actorListSchema(10), allegedBy: actorListSchema(10).optional() }),
  z.strictObject({ status: z.literal('claimed'), by: actorListSchema(10) }),
]);
export type Perpetrator = z.infer<typeof perpetratorSchema>;
