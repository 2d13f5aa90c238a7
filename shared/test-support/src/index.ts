/** Shared test support for every package's tests: Kafka, updates, the CLI. */
export * from './kafka.ts';
export * from './updates.ts';
export * from './cli-kafka.ts';
export * from './v1-log.ts';
