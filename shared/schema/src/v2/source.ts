/**
 * Who said it, and through whom. Every link of an attribution chain has a
 * role (ninjs `infosources` carry a role too), so "the Interior Ministry, via
 * state television" says what each party is:
 *
 *   { name: 'Interior Ministry', role: 'ministry', via: [{ name: 'state television', role: 'state-media' }] }
 *
 * `name` is the originator; `via` lists who passed it on, in the order it
 * travelled, the last being the one the desk heard it from.
 *
 * Evidence is how something is seen rather than who says it: "photos show",
 * "videos allegedly from Almaty".
 */
import { z } from 'zod';
import { list, refuseUnsafeText, text } from '../primitives.ts';

export const SOURCE_ROLES = [
  // Officials and institutions of the state.
  'head-of-state',
  'government',
  'ministry',
  'official',
  'local-authority',
  'police',
  'military',
  'security-service',
  'legislature',
  'judiciary',
  'electoral-body',
  'state-media',
  // Other parties to events.
  'ruling-party',
  'opposition',
  'armed-group',
  'foreign-government',
  'international-organisation',
  'un-agency',
  'ngo',
  'hospital',
  'health-authority',
  'emergency-services',
  'monitoring-group',
  'company',
  'lawyer',
  'family',
  'witness',
  'resident',
  'expert',
  // The press.
  'journalist',
  'media',
  'news-agency',
  /** The wire's own reporting, for facts the desk states without naming anyone. */
  'newsroom',
  'social-media',
  /** Someone the desk knows but does not name. */
  'anonymous',
  /** The role was not given (updates upcast from v1, where the role was optional). */
  'unspecified',
] as const;
export type SourceRole = (typeof SOURCE_ROLES)[number];

const linkShape = {
  name: text(200),
  role: z.enum(SOURCE_ROLES),
  /** "Kazakhstan’s child rights officer", "Kremlin statement". */
  title: text(200).optional(),
  // The same text rules as v1's links, checked before the URL parser (which would drop tabs and newlines).
  url: refuseUnsafeText(z.string().max(2000, { error: 'must be at most 2000 characters' }))
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional(),
};

/** One link of an attribution chain (someone who passed the information on). */
export const sourceLinkSchema = z.strictObject(linkShape);
export type SourceLink = z.infer<typeof sourceLinkSchema>;

export const sourceSchema = z.strictObject({ ...linkShape, via: list(sourceLinkSchema, 5, 1).optional() });
export type Source = z.infer<typeof sourceSchema>;

export const EVIDENCE_MEDIA = ['photos', 'videos', 'audio', 'documents', 'satellite-imagery'] as const;
export const EVIDENCE_CHANNELS = ['social-networks', 'broadcast', 'news-agency', 'official', 'messaging-apps'] as const;
/** verified: origin established; alleged: claimed to be from the place; unverified: unknown. */
export const PROVENANCES = ['verified', 'alleged', 'unverified'] as const;

export const evidenceSchema = z.strictObject({
  medium: z.enum(EVIDENCE_MEDIA),
  channel: z.enum(EVIDENCE_CHANNELS).optional(),
  provenance: z.enum(PROVENANCES),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** "Interior Ministry via state television". */
export function formatSource(s: Source): string {
  return [s.name, ...(s.via ?? []).map((v) => v.name)].join(' via ');
}

/**
 * A key that is equal for the same attribution chain (names and roles, case
 * and spacing ignored): figures from one chain supersede each other; figures
 * from different chains are different claims.
 */
export function sourceKey(s: Source): string {
  return [s, ...(s.via ?? [])].map((l) => `${l.role}:${l.name.trim().toLowerCase().replace(/\s+/g, ' ')}`).join('>');
}
