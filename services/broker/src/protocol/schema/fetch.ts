import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * Fetch. v0-v3 clients read the old message sets (magic 0 up to v1, magic 1
 * from v2), which the handler converts stored batches to; v3 adds max_bytes,
 * v4 is the first version whose clients read RecordBatch v2 and adds the
 * isolation level and last stable offset. v7 adds fetch sessions (KIP-227): this broker
 * never opens one (session id 0 in every answer), so clients send full
 * requests and forgotten topics are empty. v12 is flexible, v13 names topics
 * by id. Tagged fields skipped in requests: ClusterId, ReplicaState,
 * ReplicaDirectoryId, HighWatermark (followers only). Not sent: DivergingEpoch,
 * CurrentLeader, SnapshotId, NodeEndpoints (no leader changes on one node).
 */
export const fetch: ApiSchema = {
  name: 'Fetch',
  key: 1,
  versions: '0-18',
  flexibleFrom: 12,
  request: [
    f('replicaId', 'int32', '0-14', { default: -1 }),
    f('maxWaitMs', 'int32'),
    f('minBytes', 'int32'),
    f('maxBytes', 'int32', '3+', { default: 0x7fffffff }),
    f('isolationLevel', 'int8', '4+', { default: 0 }),
    f('sessionId', 'int32', '7+', { default: 0 }),
    f('sessionEpoch', 'int32', '7+', { default: -1 }),
    arr('topics', [
      f('name', 'string', '0-12'),
      f('topicId', 'uuid', '13+'),
      arr('partitions', [
        f('partition', 'int32'),
        f('currentLeaderEpoch', 'int32', '9+', { default: -1 }),
        f('fetchOffset', 'int64'),
        f('lastFetchedEpoch', 'int32', '12+', { default: -1 }),
        f('logStartOffset', 'int64', '5+', { default: -1 }),
        f('maxBytes', 'int32'),
      ]),
    ]),
    arr('forgottenTopics', [f('name', 'string', '7-12'), f('topicId', 'uuid', '13+'), arr('partitions', 'int32', '7+')], '7+'),
    f('rackId', 'string', '11+', { default: '' }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    f('errorCode', 'int16', '7+', { default: 0 }),
    f('sessionId', 'int32', '7+', { default: 0 }),
    arr('topics', [
      f('name', 'string', '0-12'),
      f('topicId', 'uuid', '13+'),
      arr('partitions', [
        f('partition', 'int32'),
        f('errorCode', 'int16'),
        f('highWatermark', 'int64'),
        f('lastStableOffset', 'int64', '4+', { default: -1 }),
        f('logStartOffset', 'int64', '5+', { default: -1 }),
        arr('abortedTransactions', [f('producerId', 'int64'), f('firstOffset', 'int64')], '4+', { nullable: '4+', default: [] }),
        f('preferredReadReplica', 'int32', '11+', { default: -1 }),
        f('records', 'records', '0+', { nullable: '0+' }),
      ]),
    ]),
  ],
};
