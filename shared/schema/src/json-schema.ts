/**
 * JSON Schema (draft 2020-12) of the update, generated from the zod schema so
 * the two cannot drift: one document for any update, one per kind. Producers
 * not written in TypeScript validate against these.
 *
 * Cross-field rules (nationwide has no city, occurredAt not after reportedAt,
 * revises xor retracts, "a count or a detainee") are zod refinements, which
 * JSON Schema cannot express; they are listed in each document's description,
 * and the zod schema (ingest, CLI) remains the authority.
 */
import { z } from 'zod';
import { KINDS, type Kind } from './kinds.ts';
import { SCHEMA_VERSION, UPDATE_SCHEMAS, updateSchema } from './update.ts';
import {
  actorSchema,
  dateTimeSchema,
  figureSchema,
  idSchema,
  organisationSchema,
  placeSchema,
  sourceLinkSchema,
  sourceSchema,
} from './primitives.ts';

/** Building blocks named once under $defs instead of inlined everywhere they are used. */
function definitions(): z.core.$ZodRegistry<z.core.JSONSchemaMeta> {
  const registry = z.registry<z.core.JSONSchemaMeta>();
  registry.add(idSchema, { id: 'Id', description: 'Stable id: 1-128 characters of A-Z a-z 0-9 . _ : -' });
  registry.add(dateTimeSchema, { id: 'DateTime', description: 'ISO 8601 date-time with seconds and an offset (Z or ±HH:MM)' });
  registry.add(figureSchema, { id: 'Figure', description: 'A reported number and how it was qualified: "more than 4,400" is {value: 4400, qualifier: "more-than"}' });
  registry.add(placeSchema, { id: 'Place', description: 'Where: a country, and nationwide, a region, or a city' });
  registry.add(actorSchema, { id: 'Actor', description: 'A person, office, institution or described group: a name and/or a title' });
  registry.add(organisationSchema, { id: 'Organisation', description: 'An international organisation or alliance' });
  registry.add(sourceLinkSchema, { id: 'SourceLink', description: 'Someone who passed the information on' });
  registry.add(sourceSchema, { id: 'Source', description: 'Who said it; via lists who passed it on, in order, the last being who we heard it from' });
  return registry;
}

export const SCHEMA_ID_BASE = 'https://newswire.dev/schema/v1/';

const CROSS_FIELD_RULES =
  'Rules not expressible in JSON Schema, enforced by newswire: a nationwide place has no region or city, ' +
  'a regional place names a region, a local place names a city; occurredAt is not later than reportedAt; ' +
  'an update revises or retracts, not both, and never itself; an actor has a name or a title; ' +
  'payload minimums per kind (e.g. arrests need a count or a detainee).';

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
