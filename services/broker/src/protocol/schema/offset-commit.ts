import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * OffsetCommit. v1 adds the generation and member (v0 is a simple commit),
 * and a per-partition commit timestamp (v1 only); v2-v4 a retention time
 * (ignored: committed offsets stay until the topic is deleted); v6 leader
 * epochs, v7 static members, v8 flexible, v9 member epochs (same field as the
 * generation id), v10 topic ids.
 */
export const offsetCommit: ApiSchema = {
  name: 'OffsetCommit',
  key: 8,
  versions: '0-10',
  flexibleFrom: 8,
  request: [
    f('groupId', 'string'),
    f('generationId', 'int32', '1+', { default: -1 }),
    f('memberId', 'string', '1+', { default: '' }),
    f('groupInstanceId', 'string', '7+', { nullable: '7+', default: null }),
    f('retentionTimeMs', 'int64', '2-4', { default: -1 }),
    arr('topics', [
      f('name', 'string', '0-9'),
      f('topicId', 'uuid', '10+'),
      arr('partitions', [
        f('partition', 'int32'),
        f('offset', 'int64'),
        f('committedLeaderEpoch', 'int32', '6+', { default: -1 }),
        f('commitTimestamp', 'int64', '1', { default: -1 }),
        f('metadata', 'string', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
  response: [
    f('throttleTimeMs', 'int32', '3+', { default: 0 }),
    arr('topics', [
      f('name', 'string', '0-9'),
      f('topicId', 'uuid', '10+'),
      arr('partitions', [f('partition', 'int32'), f('errorCode', 'int16')]),
    ]),
  ],
};
