import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * Produce. v0-v2 carry the old message sets (magic 0 and 1), which the
 * handler converts to RecordBatch v2, the only format stored; v3 is the first
 * version carrying RecordBatch v2. v1 adds throttle time, v2 the log append time.
 * v8 adds per-record errors and an error message, v9 is flexible, v10-v12
 * only widen what a client must handle, v13 names topics by id (KIP-516).
 * Tagged fields not sent: CurrentLeader and NodeEndpoints (v10+), which only
 * matter when leadership moves; here node 0 leads everything.
 */
export const produce: ApiSchema = {
  name: 'Produce',
  key: 0,
  versions: '0-13',
  flexibleFrom: 9,
  request: [
    f('transactionalId', 'string', '3+', { nullable: '3+', default: null }),
    f('acks', 'int16'),
    f('timeoutMs', 'int32'),
    arr('topics', [
      f('name', 'string', '0-12'),
      f('topicId', 'uuid', '13+'),
      arr('partitions', [f('partition', 'int32'), f('records', 'records', '0+', { nullable: '0+' })]),
    ]),
  ],
  response: [
    arr('topics', [
      f('name', 'string', '0-12'),
      f('topicId', 'uuid', '13+'),
      arr('partitions', [
        f('partition', 'int32'),
        f('errorCode', 'int16'),
        f('baseOffset', 'int64'),
        f('logAppendTimeMs', 'int64', '2+', { default: -1 }),
        f('logStartOffset', 'int64', '5+', { default: -1 }),
        arr('recordErrors', [f('batchIndex', 'int32'), f('message', 'string', '8+', { nullable: '8+' })], '8+', { default: [] }),
        f('errorMessage', 'string', '8+', { nullable: '8+', default: null }),
      ]),
    ]),
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
  ],
};
