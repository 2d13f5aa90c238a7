import { arr, f, type ApiSchema } from './dsl.ts';

/** LeaveGroup. v3 lets one request remove several members (each answered), v4 is flexible, v5 adds a reason. */
export const leaveGroup: ApiSchema = {
  name: 'LeaveGroup',
  key: 13,
  versions: '0-5',
  flexibleFrom: 4,
  request: [
    f('groupId', 'string'),
    f('memberId', 'string', '0-2'),
    arr(
      'members',
      [
        f('memberId', 'string', '3+'),
        f('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
        f('reason', 'string', '5+', { nullable: '5+', default: null }),
      ],
      '3+',
    ),
  ],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    f('errorCode', 'int16'),
    arr(
      'members',
      [f('memberId', 'string', '3+'), f('groupInstanceId', 'string', '3+', { nullable: '3+' }), f('errorCode', 'int16', '3+')],
      '3+',
      { default: [] },
    ),
  ],
};
