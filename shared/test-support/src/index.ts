/** Shared test support for every package's tests: Kafka, updates, the CLI, waiting. */
export * from './kafka.ts';
export * from './dev-broker.ts';
export * from './broker-process.ts';
export * from './updates.ts';
export * from './cli-kafka.ts';
export * from './cli.ts';
export * from './wait.ts';
export * from './v1-log.ts';
