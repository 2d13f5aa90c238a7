/** Kafka error codes the group coordinator answers with: the one table in @newswire/kafka/error-codes. */
export { KafkaErrorCode as GroupError } from '@newswire/kafka/error-codes';
