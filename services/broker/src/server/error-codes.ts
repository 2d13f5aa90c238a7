/**
 * The Kafka error codes this broker answers with: Kafka's own table, kept
 * once in the Kafka port (@newswire/kafka/error-codes, a pure module that
 * loads no client library), so the broker and the client side cannot drift.
 */
export { KafkaErrorCode as ErrorCode } from '@newswire/kafka/error-codes';
