import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * Metadata. v0: an empty topic list means all topics; from v1 null means all
 * and empty means none. v4 adds allow_auto_topic_creation, v9 is flexible,
 * v10 adds topic ids, v12 lets a request name topics by id only, v13 a
 * top-level error code. Authorized operations (v8+) are answered with
 * Kafka's "not requested" value: this broker has no ACLs.
 */
export const metadata: ApiSchema = {
  name: 'Metadata',
  key: 3,
  versions: '0-13',
  flexibleFrom: 9,
  request: [
    arr('topics', [f('topicId', 'uuid', '10+'), f('name', 'string', '0+', { nullable: '10+' })], '0+', { nullable: '1+' }),
    f('allowAutoTopicCreation', 'bool', '4+', { default: true }),
    f('includeClusterAuthorizedOperations', 'bool', '8-10', { default: false }),
    f('includeTopicAuthorizedOperations', 'bool', '8+', { default: false }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '3+', { default: 0 }),
    arr('brokers', [
      f('nodeId', 'int32'),
      f('host', 'string'),
      f('port', 'int32'),
      f('rack', 'string', '1+', { nullable: '1+', default: null }),
    ]),
    f('clusterId', 'string', '2+', { nullable: '2+', default: null }),
    f('controllerId', 'int32', '1+', { default: -1 }),
    arr('topics', [
      f('errorCode', 'int16'),
      f('name', 'string', '0+', { nullable: '12+' }),
      f('topicId', 'uuid', '10+'),
      f('isInternal', 'bool', '1+', { default: false }),
      arr('partitions', [
        f('errorCode', 'int16'),
        f('partition', 'int32'),
        f('leader', 'int32'),
        f('leaderEpoch', 'int32', '7+', { default: -1 }),
        arr('replicas', 'int32'),
        arr('isr', 'int32'),
        arr('offlineReplicas', 'int32', '5+', { default: [] }),
      ]),
      f('topicAuthorizedOperations', 'int32', '8+', { default: -2147483648 }),
    ]),
    f('clusterAuthorizedOperations', 'int32', '8-10', { default: -2147483648 }),
    f('errorCode', 'int16', '13+', { default: 0 }),
  ],
};
