import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * DescribeGroups. v1 adds throttle time, v3 authorized operations (answered
 * as "not requested": no ACLs here), v4 static member ids, v5 flexible, v6
 * an error message per group.
 */
export const describeGroups: ApiSchema = {
  name: 'DescribeGroups',
  key: 15,
  versions: '0-6',
  flexibleFrom: 5,
  request: [arr('groupIds', 'string'), f('includeAuthorizedOperations', 'bool', '3+', { default: false })],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    arr('groups', [
      f('errorCode', 'int16'),
      f('errorMessage', 'string', '6+', { nullable: '6+', default: null }),
      f('groupId', 'string'),
      f('state', 'string'),
      f('protocolType', 'string'),
      f('protocol', 'string'),
      arr('members', [
        f('memberId', 'string'),
        f('groupInstanceId', 'string', '4+', { nullable: '4+', default: null }),
        f('clientId', 'string'),
        f('clientHost', 'string'),
        f('metadata', 'bytes'),
        f('assignment', 'bytes'),
      ]),
      f('authorizedOperations', 'int32', '3+', { default: -2147483648 }),
    ]),
  ],
};
