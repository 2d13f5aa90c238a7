/**
 * Kafka's protocol error codes: the one table in newswire. The dev broker
 * answers with these, and the kafkajs adapter uses the names and reasons to
 * say in plain words why a broker refused something. Names are the
 * protocol's (org.apache.kafka.common.protocol.Errors). Pure: no client
 * library, so the dev broker can import it without pulling kafkajs in.
 */

export const KafkaErrorCode = {
  UNKNOWN_SERVER_ERROR: -1,
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_FETCH_SIZE: 4,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  BROKER_NOT_AVAILABLE: 8,
  REPLICA_NOT_AVAILABLE: 9,
  MESSAGE_TOO_LARGE: 10,
  STALE_CONTROLLER_EPOCH: 11,
  OFFSET_METADATA_TOO_LARGE: 12,
  NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  INVALID_TOPIC_EXCEPTION: 17,
  RECORD_LIST_TOO_LARGE: 18,
  NOT_ENOUGH_REPLICAS: 19,
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
  INVALID_REQUIRED_ACKS: 21,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  INVALID_SESSION_TIMEOUT: 26,
  REBALANCE_IN_PROGRESS: 27,
  INVALID_COMMIT_OFFSET_SIZE: 28,
  TOPIC_AUTHORIZATION_FAILED: 29,
  GROUP_AUTHORIZATION_FAILED: 30,
  CLUSTER_AUTHORIZATION_FAILED: 31,
  INVALID_TIMESTAMP: 32,
  UNSUPPORTED_SASL_MECHANISM: 33,
  ILLEGAL_SASL_STATE: 34,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  INVALID_REPLICA_ASSIGNMENT: 39,
  INVALID_CONFIG: 40,
  NOT_CONTROLLER: 41,
  INVALID_REQUEST: 42,
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  POLICY_VIOLATION: 44,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  DUPLICATE_SEQUENCE_NUMBER: 46,
  INVALID_PRODUCER_EPOCH: 47,
  INVALID_TXN_STATE: 48,
  INVALID_PRODUCER_ID_MAPPING: 49,
  INVALID_TRANSACTION_TIMEOUT: 50,
  CONCURRENT_TRANSACTIONS: 51,
  TRANSACTION_COORDINATOR_FENCED: 52,
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 53,
  SECURITY_DISABLED: 54,
  OPERATION_NOT_ATTEMPTED: 55,
  KAFKA_STORAGE_ERROR: 56,
  LOG_DIR_NOT_FOUND: 57,
  SASL_AUTHENTICATION_FAILED: 58,
  UNKNOWN_PRODUCER_ID: 59,
  REASSIGNMENT_IN_PROGRESS: 60,
  GROUP_ID_NOT_FOUND: 69,
  FETCH_SESSION_ID_NOT_FOUND: 70,
  INVALID_FETCH_SESSION_EPOCH: 71,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
  UNSUPPORTED_COMPRESSION_TYPE: 76,
  MEMBER_ID_REQUIRED: 79,
  GROUP_MAX_SIZE_REACHED: 81,
  FENCED_INSTANCE_ID: 82,
  INVALID_RECORD: 87,
  THROTTLING_QUOTA_EXCEEDED: 89,
  UNKNOWN_TOPIC_ID: 100,
} as const;

export type KafkaErrorName = keyof typeof KafkaErrorCode;
export type KafkaErrorCodeValue = (typeof KafkaErrorCode)[KafkaErrorName];

/** What an operator should read for the refusals newswire can meet. */
const REASONS: Partial<Record<KafkaErrorName, string>> = {
  UNKNOWN_SERVER_ERROR: 'the broker hit an unexpected error (see its log)',
  OFFSET_OUT_OF_RANGE: 'the offset is not in the log (removed by retention, or beyond its end)',
  CORRUPT_MESSAGE: 'a record failed its CRC or could not be decoded',
  UNKNOWN_TOPIC_OR_PARTITION: 'the topic or partition does not exist',
  LEADER_NOT_AVAILABLE: 'the partition has no leader right now (a new topic, or a broker is down)',
  NOT_LEADER_OR_FOLLOWER: 'this broker no longer leads the partition',
  REQUEST_TIMED_OUT: 'the broker did not finish the request in time',
  MESSAGE_TOO_LARGE: 'a record batch is larger than the broker or topic allows (message.max.bytes / max.message.bytes)',
  INVALID_TOPIC_EXCEPTION: 'the topic name is not legal (letters, digits, ".", "_", "-"; at most 249 characters)',
  RECORD_LIST_TOO_LARGE: 'the request is larger than the broker accepts',
  NOT_ENOUGH_REPLICAS: 'fewer in-sync replicas than min.insync.replicas',
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 'the write is stored but fewer replicas than min.insync.replicas have it',
  INVALID_REQUIRED_ACKS: 'acks must be -1, 0 or 1',
  TOPIC_AUTHORIZATION_FAILED: 'this client is not allowed to use the topic (ACLs)',
  CLUSTER_AUTHORIZATION_FAILED: 'this client is not allowed to do this on the cluster (ACLs)',
  UNSUPPORTED_VERSION: 'the broker does not support this request version',
  TOPIC_ALREADY_EXISTS: 'the topic already exists',
  INVALID_PARTITIONS: 'the partition count is not allowed (below 1, or -1 on a broker older than Kafka 2.4)',
  INVALID_REPLICATION_FACTOR: 'the replication factor is below 1, larger than the number of brokers, or -1 on a broker older than Kafka 2.4',
  INVALID_REPLICA_ASSIGNMENT: 'the replica assignment is not valid',
  INVALID_CONFIG: 'a topic configuration value is not valid',
  NOT_CONTROLLER: 'this broker is not the controller (retry)',
  INVALID_REQUEST: 'the broker rejected the request as malformed',
  POLICY_VIOLATION: 'the cluster\'s create-topic policy refused it',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'transactions are not allowed for this client',
  KAFKA_STORAGE_ERROR: 'the broker could not read or write its log directory',
  UNSUPPORTED_COMPRESSION_TYPE: 'the broker does not support this compression codec for this request version',
  THROTTLING_QUOTA_EXCEEDED: 'the cluster\'s topic-mutation quota was exceeded (retry later)',
};

const NAMES = new Map<number, KafkaErrorName>(Object.entries(KafkaErrorCode).map(([name, code]) => [code, name as KafkaErrorName]));

/** The protocol name of a code, e.g. 38 -> INVALID_REPLICATION_FACTOR; unknown codes keep their number. */
export function kafkaErrorName(code: number): string {
  return NAMES.get(code) ?? `KAFKA_ERROR_${code}`;
}

/** "INVALID_REPLICATION_FACTOR (38): the replication factor is ...": name, code and reason in one line. */
export function describeKafkaError(code: number): string {
  const name = NAMES.get(code);
  const reason = name ? REASONS[name] : undefined;
  return `${name ?? 'unknown error'} (${code})${reason ? `: ${reason}` : ''}`;
}
