/**
 * arrests — ACLED: Strategic developments / Arrests; PLOVER: COERCE (arrest).
 *
 * A count ("more than 4,400 arrested so far": a toll), groups detained
 * without a count ("protesters led away"), named detainees, or any of these.
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { figureSchema } from '../figure.ts';

/** `wanted`: a warrant is out for the person, who is not in custody. */
export const DETAINEE_STATUSES = ['detained', 'charged', 'released', 'convicted', 'sentenced', 'acquitted', 'wanted'] as const;

/** A named or described detainee: Karim Massimov, former intelligence chief, charged with high treason. */
export const detaineeSchema = z.strictObject({
  person: actorSchema,
  charges: list(text(200), 20, 1).optional(),
  status: z.enum(DETAINEE_STATUSES).optional(),
});

/** What the count counts; "arrested" when absent. `warrant-issued`: wanted, not (yet) in custody. */
export const ARREST_ACTIONS = ['arrested', 'released', 'charged', 'sentenced', 'warrant-issued'] as const;

export const arrestsPayloadSchema = z
  .strictObject({
    action: z.enum(ARREST_ACTIONS).optional(),
    count: figureSchema.optional(),
    /** Groups detained, with or without a count: [{ type: 'protesters' }]. */
    who: actorListSchema(10).optional(),
    detainees: list(detaineeSchema, 100, 1).optional(),
    by: actorListSchema(10).optional(),
  })
  .refine((p) => p.count !== undefined || p.who !== undefined || p.detainees !== undefined, {
    error: 'needs a count, who was detained, or at least one detainee',
  });
export type ArrestsPayload = z.infer<typeof arrestsPayloadSchema>;
