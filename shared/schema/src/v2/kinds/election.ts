/**
 * election — contested votes (no ACLED event type of its own; PLOVER:
 * ACCUSE / REJECT when results are disputed). One stage per update, from
 * scheduling to certification, with results, turnout and allegations as
 * numbers and enums rather than prose.
 */
import { z } from 'zod';
import { list } from '../../primitives.ts';
import { actorListSchema, actorSchema } from '../actor.ts';
import { QUALIFIERS, quantitySchema } from '../quantity.ts';
import { instantSchema } from '../time.ts';

export const ELECTION_TYPES = ['presidential', 'parliamentary', 'referendum', 'local', 'regional'] as const;
export const ELECTION_STAGES = [
  'scheduled',
  'postponed',
  'candidate-barred',
  'boycotted',
  'held',
  'preliminary-results',
  'results',
  'winner-declared',
  'conceded',
  'results-disputed',
  'annulled',
  'rerun-ordered',
  'certified',
] as const;
export const ALLEGATIONS = [
  'fraud',
  'ballot-stuffing',
  'vote-buying',
  'intimidation',
  'voter-suppression',
  'candidate-exclusion',
  'irregularities',
  'media-bias',
  'internet-shutdown',
] as const;

/** A share in percent, as said: "about 81%" is { value: 81, qualifier: 'about' }. */
export const percentSchema = z.strictObject({
  value: z.number({ error: 'must be a number' }).min(0, { error: 'must be at least 0' }).max(100, { error: 'must be at most 100' }),
  qualifier: z.enum(QUALIFIERS),
});

export const electionResultSchema = z.strictObject({
  candidate: actorSchema,
  share: percentSchema.optional(),
  votes: quantitySchema.optional(),
  seats: quantitySchema.optional(),
  outcome: z.enum(['won', 'lost', 'runoff']).optional(),
});

export const electionPayloadSchema = z.strictObject({
  stage: z.enum(ELECTION_STAGES),
  election: z.enum(ELECTION_TYPES),
  round: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(5, { error: 'must be at most 5' }).optional(),
  /** Polling day. */
  date: instantSchema.optional(),
  /** Who announced or ruled: an election commission, a court. */
  body: actorSchema.optional(),
  results: list(electionResultSchema, 50, 1).optional(),
  turnout: percentSchema.optional(),
  winner: actorSchema.optional(),
  /** The candidates the stage is about: who was barred, who boycotted, who conceded. */
  candidates: actorListSchema(20).optional(),
  /** How much of the vote the results stand on, as said: "with 80% of ballots counted". */
  counted: percentSchema.optional(),
  disputedBy: actorListSchema(10).optional(),
  allegations: list(z.enum(ALLEGATIONS), 9, 1).optional(),
  observers: actorListSchema(10).optional(),
});
export type ElectionPayload = z.infer<typeof electionPayloadSchema>;
