/**
 * government-change — ACLED: Strategic developments / Change to group or
 * activity; PLOVER: CONCEDE (change in leadership) when forced by events.
 *
 * Who holds power, one action per update. The actions are distinct because
 * they mean different things on a timeline: `elected` is not `sworn-in`, and
 * `acting` is a temporary holder. A whole body may act "except some members":
 * "the Cabinet resigned except the defence and foreign ministers" is
 * { action: 'resigned', body: 'Cabinet', wholeBody: true, except: [...] },
 * never "the entire Cabinet".
 */
import { z } from 'zod';
import { list, text } from '../../primitives.ts';
import { actorSchema } from '../actor.ts';
import { durationSchema, instantSchema, whenSchema } from '../time.ts';

export const GOVERNMENT_ACTIONS = [
  'nominated',
  'appointed',
  'elected',
  'sworn-in',
  'acting',
  'took-over',
  'dismissed',
  'removed',
  'resigned',
  'replaced',
  'suspended',
  'reinstated',
  'impeached',
] as const;
export type GovernmentAction = (typeof GOVERNMENT_ACTIONS)[number];

export const exceptionSchema = z
  .strictObject({ person: actorSchema.optional(), office: text(200).optional() })
  .refine((e) => e.person !== undefined || e.office !== undefined, { error: 'needs a person or an office' });

export const governmentChangePayloadSchema = z
  .strictObject({
    action: z.enum(GOVERNMENT_ACTIONS),
    /** The institution: "Security Council", "government", "Cabinet", "secret service". */
    body: text(200),
    /** The post within it: "deputy secretary", "chairman", "prime minister". */
    office: text(200).optional(),
    person: actorSchema.optional(),
    /** The action applies to the entire body. */
    wholeBody: z.boolean().optional(),
    /** Members the whole-body action does not apply to. */
    except: list(exceptionSchema, 30, 1).optional(),
    by: actorSchema.optional(),
    successor: actorSchema.optional(),
    /** Stays on in a caretaker role until replaced. */
    caretaker: z.boolean().optional(),
    /** When it takes effect, if not at once. */
    effective: whenSchema.optional(),
    /** Who had appointed the person, and when: "appointed by his predecessor a few years ago". */
    previousAppointment: z
      .strictObject({ by: actorSchema.optional(), on: instantSchema.optional(), ago: durationSchema.optional() })
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.person === undefined && p.wholeBody !== true && p.office === undefined)
      ctx.addIssue({ code: 'custom', path: [], message: 'needs a person, an office, or wholeBody: true' });
    if (p.except !== undefined && p.wholeBody !== true)
      ctx.addIssue({ code: 'custom', path: ['except'], message: 'only a whole-body action has exceptions' });
  });
export type GovernmentChangePayload = z.infer<typeof governmentChangePayloadSchema>;
