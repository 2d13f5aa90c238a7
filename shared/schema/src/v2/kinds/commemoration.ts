/**
 * commemoration — PLOVER: none (a symbolic act: CAMEO 017 "engage in
 * symbolic act"). Days of mourning, memorials, funerals, vigils.
 *
 * "Tokayev ordered a nationwide mourning ceremony on Monday" is
 * { type: 'day-of-mourning', on: { date: '2022-01-10' } }; "three days of
 * national mourning" is a period.
 */
import { z } from 'zod';
import { text } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { instantSchema, periodSchema } from '../time.ts';

export const COMMEMORATION_TYPES = ['day-of-mourning', 'memorial-service', 'minute-of-silence', 'funeral', 'vigil', 'anniversary'] as const;

export const commemorationPayloadSchema = z
  .strictObject({
    type: z.enum(COMMEMORATION_TYPES),
    on: instantSchema.optional(),
    period: periodSchema.optional(),
    orderedBy: actorSchema.optional(),
    /** Whom it honours, in the source's words ("the victims of the unrest"). */
    honouring: text(200),
    /** The same, as actors, when the source says who: [{ type: 'civilians' }]. */
    honours: actorListSchema(10).optional(),
  })
  .refine((p) => !(p.on !== undefined && p.period !== undefined), { error: 'give a day (on) or a period, not both', path: ['period'] });
export type CommemorationPayload = z.infer<typeof commemorationPayloadSchema>;
