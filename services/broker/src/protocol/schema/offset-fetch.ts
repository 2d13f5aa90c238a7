import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * OffsetFetch. v2 lets topics be null (every committed partition) and adds a
 * top-level error code, v5 leader epochs, v6 flexible, v7 require_stable
 * (nothing is ever pending here), v8 several groups per request, v9 member
 * id and epoch (new consumer protocol only), v10 topic ids.
 */
export const offsetFetch: ApiSchema = {
  name: 'OffsetFetch',
  key: 9,
  versions: '0-10',
  flexibleFrom: 6,
  request: [
    f('groupId', 'string', '0-7'),
    arr('topics', [f('name', 'string', '0-7'), arr('partitions', 'int32', '0-7')], '0-7', { nullable: '2-7', default: null }),
    arr(
      'groups',
      [
        f('groupId', 'string', '8+'),
        f('memberId', 'string', '9+', { nullable: '9+', default: null }),
        f('memberEpoch', 'int32', '9+', { default: -1 }),
        arr('topics', [f('name', 'string', '8-9'), f('topicId', 'uuid', '10+'), arr('partitions', 'int32', '8+')], '8+', {
          nullable: '8+',
          default: null,
        }),
      ],
      '8+',
    ),
    f('requireStable', 'bool', '7+', { default: false }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '3+', { default: 0 }),
    arr(
      'topics',
      [
        f('name', 'string', '0-7'),
        arr(
          'partitions',
          [
            f('partition', 'int32', '0-7'),
            f('offset', 'int64', '0-7'),
            f('committedLeaderEpoch', 'int32', '5-7', { default: -1 }),
            f('metadata', 'string', '0-7', { nullable: '0-7' }),
            f('errorCode', 'int16', '0-7'),
          ],
          '0-7',
        ),
      ],
      '0-7',
      { default: [] },
    ),
    f('errorCode', 'int16', '2-7', { default: 0 }),
    arr(
      'groups',
      [
        f('groupId', 'string', '8+'),
        arr(
          'topics',
          [
            f('name', 'string', '8-9'),
            f('topicId', 'uuid', '10+'),
            arr(
              'partitions',
              [
                f('partition', 'int32', '8+'),
                f('offset', 'int64', '8+'),
                f('committedLeaderEpoch', 'int32', '8+', { default: -1 }),
                f('metadata', 'string', '8+', { nullable: '8+' }),
                f('errorCode', 'int16', '8+'),
              ],
              '8+',
            ),
          ],
          '8+',
        ),
        f('errorCode', 'int16', '8+', { default: 0 }),
      ],
      '8+',
      { default: [] },
    ),
  ],
};
