/**
 * Building blocks shared by the envelope and every payload: bounded strings,
 * ids, times, figures with qualifiers, places, actors and attribution chains.
 *
 * Every string has a max length and every array a max size so that one update
 * is bounded in memory no matter who sends it; every object is strict so an
 * unknown (often misspelt) field is refused instead of silently dropped.
 */
import { z } from 'zod';
import { refuseUnsafeText, safeText } from './text.ts';

export * from './text.ts';

/** Bounded list of a schema, with a readable bound message. */
export function list<T extends z.ZodType>(item: T, max: number, min = 0) {
  return z
    .array(item)
    .min(min, { error: min === 1 ? 'needs at least one entry' : `needs at least ${min} entries` })
    .max(max, { error: `must have at most ${max} entries` });
}

/**
 * A non-blank, single-line text field of at most `max` characters: the one
 * text primitive (see text.ts for the rules). Kept under this short name for
 * the payload schemas; new code may call safeText directly.
 */
export function text(max: number) {
  return safeText(max);
}

/** Ids and story ids: stable idempotency keys, safe in URLs, file names and Kafka keys. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const idSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'must be 1-128 characters of A-Z a-z 0-9 . _ : -' });

/** ISO 8601 date-time with seconds and an explicit offset (Z or ±HH:MM); impossible dates are refused. */
export const dateTimeSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with seconds and an offset, e.g. 2022-01-08T10:00:00+06:00',
});

/** A calendar date, YYYY-MM-DD (for things scheduled on a day, like a day of mourning). */
export const dateSchema = z.iso.date({ error: 'must be an ISO 8601 date, e.g. 2022-01-10' });

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code in capitals, e.g. KZ' });

/**
 * How a number was reported. "more than 4,400" is { value: 4400, qualifier: 'more-than' }:
 * a lower bound is not a count, and consumers must not add it up as one.
 */
export const QUALIFIERS = ['exact', 'about', 'at-least', 'more-than', 'up-to', 'fewer-than'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];
export const figureSchema = z.strictObject({
  value: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(1_000_000_000, { error: 'must be at most 1000000000' }),
  qualifier: z.enum(QUALIFIERS),
});
export type Figure = z.infer<typeof figureSchema>;

export const SCOPES = ['nationwide', 'regional', 'local'] as const;
/**
 * Where a fact applies. Nationwide means the whole country, so it names no
 * region or city; regional names a region, local names a city.
 */
export const placeSchema = z
  .strictObject({
    country: countryCodeSchema,
    scope: z.enum(SCOPES),
    region: text(120).optional(),
    city: text(120).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.scope === 'nationwide') {
      if (p.city !== undefined) ctx.addIssue({ code: 'custom', path: ['city'], message: 'a nationwide place has no city' });
      if (p.region !== undefined) ctx.addIssue({ code: 'custom', path: ['region'], message: 'a nationwide place has no region' });
    }
    if (p.scope === 'regional' && p.region === undefined)
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'a regional place needs a region' });
    if (p.scope === 'local' && p.city === undefined)
      ctx.addIssue({ code: 'custom', path: ['city'], message: 'a local place needs a city' });
  });
export type Place = z.infer<typeof placeSchema>;

/**
 * A person, office holder, institution or described group: "Kassym-Jomart
 * Tokayev, President of Kazakhstan", "the authorities", "the president's own
 * confidants". At least a name or a title.
 */
export const actorSchema = z
  .strictObject({
    name: text(200).optional(),
    title: text(200).optional(),
    country: countryCodeSchema.optional(),
    age: z.number().int({ error: 'must be a whole number' }).min(0).max(150).optional(),
  })
  .refine((a) => a.name !== undefined || a.title !== undefined, { error: 'needs a name or a title' });
export type Actor = z.infer<typeof actorSchema>;

/** An international organisation or alliance, e.g. the CSTO. */
export const organisationSchema = z.strictObject({
  name: text(200),
  acronym: text(20).optional(),
  ledBy: countryCodeSchema.optional(),
  members: z.array(countryCodeSchema).max(200).optional(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const SOURCE_ROLES = [
  'head-of-state',
  'government',
  'official',
  'military',
  'state-media',
  'media',
  'news-agency',
  'newsroom',
  'ngo',
  'international-organisation',
  'expert',
  'witness',
  'social-media',
] as const;
export type SourceRole = (typeof SOURCE_ROLES)[number];

const sourceLinkShape = {
  name: text(200),
  role: z.enum(SOURCE_ROLES).optional(),
  title: text(200).optional(),
  // URLs are shown to readers too: the same text rules (a bidi override can disguise a link),
  // checked before the URL check, which would silently drop tabs and newlines and trim spaces.
  url: refuseUnsafeText(z.string().max(2000))
    .regex(/^\S(.*\S)?$/, { error: 'must not start or end with spaces' })
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional(),
};

/** One link of an attribution chain (someone who passed the information on). */
export const sourceLinkSchema = z.strictObject(sourceLinkShape);

/**
 * Who said it. `name` is the originator; `via` lists who passed it on, in the
 * order it travelled, the last being the one we heard it from:
 * "the Interior Ministry, via state television" is
 * { name: 'Interior Ministry', role: 'government', via: [{ name: 'state television', role: 'state-media' }] }.
 * `newsroom` marks the wire's own reporting when the text names no one.
 */
export const sourceSchema = z.strictObject({
  ...sourceLinkShape,
  via: list(sourceLinkSchema, 5, 1).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

