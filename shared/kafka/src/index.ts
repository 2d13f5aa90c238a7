/**
 * @newswire/kafka: the Kafka port (port.ts, newswire's own types), its one
 * implementation on kafkajs (kafkajs/), the partitioner, Kafka's error codes,
 * and the publisher built on the port. Nothing exported here is a kafkajs type.
 */
export * from './port.ts';
export { openKafka, DEFAULT_BROKERS, DEFAULT_CONNECT_TIMEOUT_MS, type KafkaOptions } from './kafkajs/index.ts';
export { murmur2, partitionForKey } from './partitioner.ts';
export { KafkaErrorCode, describeKafkaError, kafkaErrorName, type KafkaErrorName } from './error-codes.ts';
export * from './publisher.ts';
