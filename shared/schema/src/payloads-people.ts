/**
 * Payloads about people: arrests, casualties and changes in government.
 * Counts are always figures with a qualifier; people are actors with a name
 * and/or a title; there is no free-text "details" field to hide facts in.
 */
import { z } from 'zod';
import { actorSchema, figureSchema, idSchema, list, text } from './primitives.ts';

export const DETAINEE_STATUSES = ['detained', 'charged', 'released', 'convicted'] as const;

/** A named detainee, e.g. Karim Massimov, former intelligence chief, charged with high treason. */
export const detaineeSchema = z.strictObject({
  person: actorSchema,
  charges: list(text(200), 20, 1).optional(),
  status: z.enum(DETAINEE_STATUSES).optional(),
});

/**
 * Arrests: a count ("more than 4,400"), named detainees, or both.
 * `tally: 'running-total'` marks a count of everyone arrested so far ("have now
 * been arrested"), `new` a count of arrests since the last report.
 */
export const arrestsPayloadSchema = z
  .strictObject({
    count: figureSchema.optional(),
    tally: z.enum(['running-total', 'new']).optional(),
    detainees: list(detaineeSchema, 100, 1).optional(),
    arrestedBy: actorSchema.optional(),
  })
  .refine((p) => p.count !== undefined || p.detainees !== undefined, {
    error: 'needs a count or at least one detainee',
  });

export const CASUALTY_GROUPS = [
  'civilians',
  'security-forces',
  'protesters',
  'children',
  'foreign-nationals',
  'unknown',
] as const;

/**
 * One group within a toll. Without a figure it says the toll includes this
 * group but no number was given: "more than 40 killed — including security forces".
 */
export const groupFigureSchema = z.strictObject({
  group: z.enum(CASUALTY_GROUPS),
  figure: figureSchema.optional(),
});

export const tollSchema = z
  .strictObject({
    total: figureSchema.optional(),
    groups: list(groupFigureSchema, 10, 1).optional(),
  })
  .refine((t) => t.total !== undefined || t.groups !== undefined, { error: 'needs a total or at least one group' });

export const CAUSES_OF_HARM = ['shot', 'stabbed', 'beaten', 'explosion', 'vehicle', 'fire', 'unknown'] as const;

/** A named or described victim: "an 11-year-old boy, shot and killed while walking with his parents". */
export const victimSchema = z.strictObject({
  name: text(200).optional(),
  age: z.number().int({ error: 'must be a whole number' }).min(0).max(150).optional(),
  sex: z.enum(['female', 'male']).optional(),
  group: z.enum(CASUALTY_GROUPS),
  outcome: z.enum(['killed', 'injured']),
  cause: z.enum(CAUSES_OF_HARM).optional(),
  /** What the victim was doing, as the source puts it ("walking with his parents"). */
  circumstances: text(300).optional(),
  city: text(120).optional(),
});

/** Who caused the harm: unknown ("it was not clear who shot"), known, or alleged by the source. */
export const perpetratorSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unknown') }),
  z.strictObject({ status: z.literal('known'), by: actorSchema }),
  z.strictObject({ status: z.literal('alleged'), by: actorSchema }),
]);

/** Figures (and/or victims) as reported. */
export const casualtyFiguresSchema = z
  .strictObject({
    status: z.literal('figures'),
    killed: tollSchema.optional(),
    injured: tollSchema.optional(),
    victims: list(victimSchema, 50, 1).optional(),
    perpetrator: perpetratorSchema.optional(),
  })
  .refine((p) => p.killed !== undefined || p.injured !== undefined || p.victims !== undefined, {
    error: 'figures need killed, injured or victims',
  });

/**
 * The source has nothing new: "there was initially no new official
 * information on the fatalities". `lastFigures` points at the update that
 * holds the latest figures, so a dashboard can show them alongside.
 */
export const casualtiesNoNewInformationSchema = z.strictObject({
  status: z.literal('no-new-information'),
  about: z.enum(['killed', 'injured', 'killed-and-injured']),
  lastFigures: idSchema.optional(),
});

/** Casualties are feared but not counted: "many civilian deaths were feared". */
export const casualtiesFearedSchema = z.strictObject({
  status: z.literal('feared'),
  outcome: z.enum(['killed', 'injured']),
  groups: list(z.enum(CASUALTY_GROUPS), 10, 1),
  magnitude: z.enum(['some', 'many', 'dozens', 'hundreds', 'thousands']),
});

export const casualtiesPayloadSchema = z.discriminatedUnion('status', [
  casualtyFiguresSchema,
  casualtiesNoNewInformationSchema,
  casualtiesFearedSchema,
]);

export const GOVERNMENT_ACTIONS = ['appointed', 'dismissed', 'removed', 'resigned', 'took-over', 'replaced'] as const;

/**
 * A change of who holds power: a person (or the whole body) is appointed,
 * dismissed, removed, replaced...; `by` did it, `successor` takes over.
 * "Nazarbayev removed as chairman of the Security Council, Tokayev took over"
 * is one update: action removed, person Nazarbayev, successor Tokayev.
 */
export const governmentChangePayloadSchema = z
  .strictObject({
    action: z.enum(GOVERNMENT_ACTIONS),
    /** The institution: "Security Council", "government", "secret service". */
    body: text(200),
    /** The post within it: "deputy secretary", "chairman", "management". */
    office: text(200).optional(),
    person: actorSchema.optional(),
    /** The action applies to the entire body ("dismissed the entire government"). */
    wholeBody: z.boolean().optional(),
    by: actorSchema.optional(),
    successor: actorSchema.optional(),
    previouslyAppointedBy: actorSchema.optional(),
  })
  .refine((p) => p.person !== undefined || p.wholeBody === true || p.office !== undefined, {
    error: 'needs a person, an office, or wholeBody: true',
  });
