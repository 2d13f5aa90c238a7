import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * CreateTopics. v1 adds validate_only and error messages, v2 throttle time,
 * v4 accepts -1 partitions / replication factor as "broker default"
 * (KIP-464), v5 is flexible and answers with the topic's partitions,
 * replication factor and configs, v7 with its topic id. Tagged field not
 * sent: TopicConfigErrorCode (configs are always readable here).
 */
export const createTopics: ApiSchema = {
  name: 'CreateTopics',
  key: 19,
  versions: '0-7',
  flexibleFrom: 5,
  request: [
    arr('topics', [
      f('name', 'string'),
      f('numPartitions', 'int32'),
      f('replicationFactor', 'int16'),
      arr('assignments', [f('partition', 'int32'), arr('brokerIds', 'int32')]),
      arr('configs', [f('name', 'string'), f('value', 'string', '0+', { nullable: '0+' })]),
    ]),
    f('timeoutMs', 'int32'),
    f('validateOnly', 'bool', '1+', { default: false }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '2+', { default: 0 }),
    arr('topics', [
      f('name', 'string'),
      f('topicId', 'uuid', '7+'),
      f('errorCode', 'int16'),
      f('errorMessage', 'string', '1+', { nullable: '1+', default: null }),
      f('numPartitions', 'int32', '5+', { default: -1 }),
      f('replicationFactor', 'int16', '5+', { default: -1 }),
      arr(
        'configs',
        [
          f('name', 'string', '5+'),
          f('value', 'string', '5+', { nullable: '5+' }),
          f('readOnly', 'bool', '5+'),
          f('configSource', 'int8', '5+', { default: -1 }),
          f('isSensitive', 'bool', '5+'),
        ],
        '5+',
        { nullable: '5+', default: [] },
      ),
    ]),
  ],
};
