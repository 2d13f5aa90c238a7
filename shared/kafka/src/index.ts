/** The Kafka port and its kafkajs adapter, and the publisher built on it. */
export * from './kafka.ts';
export * from './publisher.ts';
