/** The structured update schema: kinds, routing, validation, the Kafka binding. */
export * from './kinds.ts';
export * from './primitives.ts';
export * from './payloads-people.ts';
export * from './payloads-events.ts';
export * from './update.ts';
export * from './parse.ts';
export * from './kafka-binding.ts';
export * from './json-schema.ts';
