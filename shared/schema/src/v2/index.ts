/**
 * newswire update schema v2: figures with scope, time with precision, typed
 * actors and places, sources with roles on every link, corrections apart from
 * typed relations, kinds for crises in general — and v1 updates read as v2.
 *
 *   import { parseAnyUpdate, type Update } from '@newswire/schema/v2';
 *
 * One file per concern: quantity.ts / figure.ts (numbers), time.ts, place.ts,
 * actor.ts, source.ts, relation.ts, kinds/ (one file per kind), update.ts
 * (envelope and the union), parse.ts, upcast.ts (v1 -> v2), kafka-binding.ts
 * (CloudEvents on Kafka, both versions), json-schema.ts.
 */
export * from './quantity.ts';
export * from './figure.ts';
export * from './time.ts';
export * from './place.ts';
export * from './actor.ts';
export * from './source.ts';
export * from './relation.ts';
export * from './kinds/index.ts';
export * from './update.ts';
export * from './parse.ts';
export * from './upcast.ts';
export * from './kafka-binding.ts';
export * from './json-schema.ts';
