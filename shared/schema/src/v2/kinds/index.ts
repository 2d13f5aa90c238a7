/**
 * The v2 kinds: every v1 kind with its meaning kept, and the kinds general
 * crisis coverage needs (coups, elections, armed conflict, attacks, disasters
 * and displacement, security-force actions, attacks on property, leaders
 * leaving or returning). Each kind maps to an ACLED event type or a PLOVER
 * event type where one exists (KIND_REFERENCES), and is routed to one of the
 * same six topics as v1, so no topic is added and v1 and v2 updates of a
 * story share their topic.
 */
import type { z } from 'zod';
import { DEFAULT_TOPIC_PREFIX, topicName, type TopicFamily } from '../../kinds.ts';
import { armedConflictPayloadSchema } from './armed-conflict.ts';
import { arrestsPayloadSchema } from './arrests.ts';
import { attackPayloadSchema } from './attack.ts';
import { casualtiesPayloadSchema } from './casualties.ts';
import { commemorationPayloadSchema } from './commemoration.ts';
import { connectivityPayloadSchema } from './connectivity.ts';
import { coupPayloadSchema } from './coup.ts';
import { diplomacyPayloadSchema } from './diplomacy.ts';
import { disasterPayloadSchema } from './disaster.ts';
import { displacementPayloadSchema } from './displacement.ts';
import { electionPayloadSchema } from './election.ts';
import { foreignMilitaryPayloadSchema } from './foreign-military.ts';
import { governmentChangePayloadSchema } from './government-change.ts';
import { leaderMovementPayloadSchema } from './leader-movement.ts';
import { propertyAttackPayloadSchema } from './property-attack.ts';
import { securityMeasurePayloadSchema } from './security-measure.ts';
import { securityOperationPayloadSchema } from './security-operation.ts';
import { unrestPayloadSchema } from './unrest.ts';

export const KINDS = [
  'arrests',
  'casualties',
  'displacement',
  'government-change',
  'coup',
  'election',
  'leader-movement',
  'security-measure',
  'security-operation',
  'connectivity',
  'armed-conflict',
  'attack',
  'foreign-military',
  'diplomacy',
  'unrest',
  'property-attack',
  'disaster',
  'commemoration',
] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

export const PAYLOAD_SCHEMAS = {
  arrests: arrestsPayloadSchema,
  casualties: casualtiesPayloadSchema,
  displacement: displacementPayloadSchema,
  'government-change': governmentChangePayloadSchema,
  coup: coupPayloadSchema,
  election: electionPayloadSchema,
  'leader-movement': leaderMovementPayloadSchema,
  'security-measure': securityMeasurePayloadSchema,
  'security-operation': securityOperationPayloadSchema,
  connectivity: connectivityPayloadSchema,
  'armed-conflict': armedConflictPayloadSchema,
  attack: attackPayloadSchema,
  'foreign-military': foreignMilitaryPayloadSchema,
  diplomacy: diplomacyPayloadSchema,
  unrest: unrestPayloadSchema,
  'property-attack': propertyAttackPayloadSchema,
  disaster: disasterPayloadSchema,
  commemoration: commemorationPayloadSchema,
} as const satisfies Record<Kind, z.ZodType>;

/** The v1 topic families, extended to the new kinds. v1 kinds keep their v1 family. */
export const FAMILY_FOR_KIND = {
  arrests: 'arrests',
  casualties: 'casualties',
  displacement: 'casualties',
  disaster: 'casualties',
  'government-change': 'government',
  coup: 'government',
  election: 'government',
  'leader-movement': 'government',
  'security-measure': 'security',
  'security-operation': 'security',
  connectivity: 'security',
  'armed-conflict': 'security',
  attack: 'security',
  'foreign-military': 'international',
  diplomacy: 'international',
  unrest: 'society',
  'property-attack': 'society',
  commemoration: 'society',
} as const satisfies Record<Kind, TopicFamily>;

/** The topic of a kind: `<prefix>.<family>`, as in v1. */
export function topicForKind(kind: Kind, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  return topicName(FAMILY_FOR_KIND[kind], prefix);
}

/** The v2 kinds routed to a topic; empty for a topic that is not a newswire topic. */
export function kindsForTopic(topic: string, prefix: string = DEFAULT_TOPIC_PREFIX): Kind[] {
  return KINDS.filter((k) => topicForKind(k, prefix) === topic);
}

/**
 * Where each kind comes from in the references general crisis data uses:
 * ACLED event / sub-event types, PLOVER event types, or (for what neither
 * covers) the practice it follows.
 */
export const KIND_REFERENCES: Record<Kind, { acled?: string; plover?: string; other?: string }> = {
  arrests: { acled: 'Strategic developments / Arrests', plover: 'COERCE (arrest)' },
  casualties: { acled: 'fatalities (per event)', plover: 'ASSAULT (outcome)' },
  displacement: { other: 'IDMC / OCHA displacement figures' },
  'government-change': { acled: 'Strategic developments / Change to group or activity', plover: 'CONCEDE (change in leadership)' },
  coup: { acled: 'Strategic developments / Change to group or activity', plover: 'COERCE / ASSAULT' },
  election: { plover: 'ACCUSE / REJECT (disputed results)', other: 'election observation reporting' },
  'leader-movement': { plover: 'RETREAT' },
  'security-measure': { plover: 'COERCE (curfew, martial law, restrictions); THREATEN (shoot orders)' },
  'security-operation': { acled: 'Protests / Protest with intervention; Excessive force against protesters', plover: 'COERCE; ASSAULT; MOBILIZE' },
  connectivity: { plover: 'COERCE (censorship)', other: 'internet shutdown monitoring' },
  'armed-conflict': { acled: 'Battles; Explosions/Remote violence', plover: 'ASSAULT; MOBILIZE; RETREAT (ceasefire)' },
  attack: { acled: 'Violence against civilians; Explosions/Remote violence', plover: 'ASSAULT' },
  'foreign-military': { acled: 'External/other forces (inter 8)', plover: 'AID (military); DEMAND (military aid); MOBILIZE' },
  diplomacy: { plover: 'CONSULT; AGREE; SUPPORT; ACCUSE; DEMAND; SANCTION; AID' },
  unrest: { acled: 'Protests; Riots', plover: 'PROTEST' },
  'property-attack': { acled: 'Strategic developments / Looting or property destruction', plover: 'ASSAULT (destroy property)' },
  disaster: { other: 'GLIDE / EM-DAT hazard types' },
  commemoration: { other: 'CAMEO 017 engage in symbolic act' },
};

export * from './armed-conflict.ts';
export * from './arrests.ts';
export * from './attack.ts';
export * from './casualties.ts';
export * from './commemoration.ts';
export * from './connectivity.ts';
export * from './coup.ts';
export * from './diplomacy.ts';
export * from './disaster.ts';
export * from './displacement.ts';
export * from './election.ts';
export * from './foreign-military.ts';
export * from './government-change.ts';
export * from './leader-movement.ts';
export * from './property-attack.ts';
export * from './security-measure.ts';
export * from './security-operation.ts';
export * from './unrest.ts';
