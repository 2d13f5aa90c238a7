import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * ListOffsets. v0 answers with a list of offsets (max_num_offsets), v1+ with
 * one offset and its timestamp. v2 adds the isolation level, v4 leader
 * epochs, v6 is flexible; v7-v11 only add special timestamps (-3 max
 * timestamp, -4 earliest local, -5 latest tiered, -6 earliest pending upload)
 * and v10 a timeout.
 */
export const listOffsets: ApiSchema = {
  name: 'ListOffsets',
  key: 2,
  versions: '0-11',
  flexibleFrom: 6,
  request: [
    f('replicaId', 'int32'),
    f('isolationLevel', 'int8', '2+', { default: 0 }),
    arr('topics', [
      f('name', 'string'),
      arr('partitions', [
        f('partition', 'int32'),
        f('currentLeaderEpoch', 'int32', '4+', { default: -1 }),
        f('timestamp', 'int64'),
        f('maxNumOffsets', 'int32', '0', { default: 1 }),
      ]),
    ]),
    f('timeoutMs', 'int32', '10+', { default: 0 }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '2+', { default: 0 }),
    arr('topics', [
      f('name', 'string'),
      arr('partitions', [
        f('partition', 'int32'),
        f('errorCode', 'int16'),
        arr('oldStyleOffsets', 'int64', '0', { default: [] }),
        f('timestamp', 'int64', '1+', { default: -1 }),
        f('offset', 'int64', '1+', { default: -1 }),
        f('leaderEpoch', 'int32', '4+', { default: -1 }),
      ]),
    ]),
  ],
};
