/**
 * Authorized-operation bit fields (Metadata v8+, DescribeGroups v3+), as a
 * Kafka broker without an authorizer answers a client that asks: every
 * operation the resource type supports, one bit per AclOperation code.
 */
const bits = (...codes: number[]): number => codes.reduce((acc, c) => acc | (1 << c), 0);

// AclOperation codes: READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11.
export const TOPIC_OPERATIONS = bits(3, 4, 5, 6, 7, 8, 10, 11);
export const GROUP_OPERATIONS = bits(3, 6, 8);
