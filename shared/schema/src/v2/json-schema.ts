/**
 * JSON Schema (draft 2020-12) of v2 updates, generated from the zod schema
 * so the two cannot drift: update.schema.json for any kind, <kind>.schema.json
 * per kind, under https://newswire.dev/schema/v2/ (the CloudEvents
 * `dataschema` of a v2 update). `npm run schema` writes them to docs/schema/v2/.
 *
 * Cross-field rules are zod refinements JSON Schema cannot express; they are
 * listed in each document's description, and newswire's zod schema remains
 * the authority.
 */
import { z } from 'zod';
import { idSchema } from '../primitives.ts';
import { actorSchema } from './actor.ts';
import { figureSchema } from './figure.ts';
import { KINDS, type Kind } from './kinds/index.ts';
import { placeSchema } from './place.ts';
import { quantitySchema } from './quantity.ts';
import { relationSchema } from './relation.ts';
import { evidenceSchema, sourceLinkSchema, sourceSchema } from './source.ts';
import { durationSchema, instantSchema, periodSchema, whenSchema } from './time.ts';
import { SCHEMA_VERSION, UPDATE_SCHEMAS, updateSchema } from './update.ts';

/** Building blocks named once under $defs instead of inlined everywhere they are used. */
function definitions(): z.core.$ZodRegistry<z.core.JSONSchemaMeta> {
  const r = z.registry<z.core.JSONSchemaMeta>();
  r.add(idSchema, { id: 'Id', description: 'Stable id: 1-128 characters of A-Z a-z 0-9 . _ : -' });
  r.add(instantSchema, {
    id: 'Instant',
    description: 'A time only as precise as the source: a date (or month, ISO week, year), optionally a part of the day or a local time, with the IANA zone and/or UTC offset',
  });
  r.add(periodSchema, { id: 'Period', description: 'from/to, a duration, or until further notice; any part may be missing' });
  r.add(durationSchema, { id: 'Duration', description: 'An amount (a quantity) of a unit; without an amount, the bare plural ("for days")' });
  r.add(whenSchema, { id: 'When', description: 'An instant, or the interval within which something happened' });
  r.add(quantitySchema, { id: 'Quantity', description: 'A value with a qualifier, a range {min, max}, or a vague word {vague} that carries no number' });
  r.add(figureSchema, { id: 'Figure', description: 'A quantity plus its scope: incident (this event) or toll (a running total as of a time), and optionally the place it counts' });
  r.add(placeSchema, { id: 'Place', description: 'Country, admin areas, city, districts, named sites, extent (whole or parts) and coordinates with precision' });
  r.add(actorSchema, { id: 'Actor', description: 'A typed person, body or group, with names, title, roles and affiliation' });
  r.add(sourceLinkSchema, { id: 'SourceLink', description: 'Someone who passed the information on, with their role' });
  r.add(sourceSchema, { id: 'Source', description: 'Who said it, with a role; via lists who passed it on, in order, the last being who we heard it from' });
  r.add(evidenceSchema, { id: 'Evidence', description: 'Photos, videos... and how far their origin is established' });
  r.add(relationSchema, { id: 'Relation', description: 'A typed link to another update: lifts, extends, amends, follows-up, part-of-incident' });
  return r;
}

export const SCHEMA_ID_BASE = 'https://newswire.dev/schema/v2/';

const CROSS_FIELD_RULES =
  'Rules not expressible in JSON Schema, enforced by newswire: occurred and toll asOf times are not later than reported; ' +
  'a time of day needs a zone or an offset, and both must agree; a time or part of the day needs a full date, and not both; ' +
  'zone is a known IANA time zone; a period has at least one part, "to" not before "from", and no end when until further notice; ' +
  'a range has min < max; an incident figure has no asOf; breakdown figures share the total’s scope; ' +
  'branch only on state-forces, armedGroup only on armed-group, members/ledBy only on international-organisation; ' +
  'an update revises or retracts, not both, never itself, a retraction carries no relations, relations do not repeat or point at the update itself; ' +
  'payload minimums per kind (e.g. arrests need a count, who or a detainee; a whole-body exception needs wholeBody).';

export type JsonSchemaDocument = Record<string, unknown>;

function document(schema: z.ZodType, id: string, title: string): JsonSchemaDocument {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    metadata: definitions(),
    reused: 'inline',
  }) as JsonSchemaDocument;
  const { $schema, ...rest } = generated;
  return { $schema, $id: `${SCHEMA_ID_BASE}${id}`, title, description: CROSS_FIELD_RULES, ...rest };
}

/** File name -> JSON Schema document: update.schema.json plus <kind>.schema.json per kind. */
export function jsonSchemaDocuments(): Map<string, JsonSchemaDocument> {
  const docs = new Map<string, JsonSchemaDocument>();
  docs.set('update.schema.json', document(updateSchema, 'update.schema.json', `newswire update v${SCHEMA_VERSION} (any kind)`));
  for (const kind of KINDS as readonly Kind[]) {
    const file = `${kind}.schema.json`;
    docs.set(file, document(UPDATE_SCHEMAS[kind], file, `newswire ${kind} update v${SCHEMA_VERSION}`));
  }
  return docs;
}
