import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * JoinGroup. v1 adds the rebalance timeout (v0 uses the session timeout),
 * v2 throttle time, v4 lets the broker ask a new member to rejoin with an
 * assigned id (MEMBER_ID_REQUIRED; this broker assigns the id at once, which
 * every client accepts), v5 static members (group.instance.id, accepted and
 * treated as dynamic), v6 flexible, v7 the protocol type in the answer, v8 a
 * reason, v9 skip_assignment (always false: the leader assigns).
 */
export const joinGroup: ApiSchema = {
  name: 'JoinGroup',
  key: 11,
  versions: '0-9',
  flexibleFrom: 6,
  request: [
    f('groupId', 'string'),
    f('sessionTimeoutMs', 'int32'),
    f('rebalanceTimeoutMs', 'int32', '1+', { default: -1 }),
    f('memberId', 'string'),
    f('groupInstanceId', 'string', '5+', { nullable: '5+', default: null }),
    f('protocolType', 'string'),
    arr('protocols', [f('name', 'string'), f('metadata', 'bytes', '0+', { copy: true })]),
    f('reason', 'string', '8+', { nullable: '8+', default: null }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '2+', { default: 0 }),
    f('errorCode', 'int16'),
    f('generationId', 'int32'),
    f('protocolType', 'string', '7+', { nullable: '7+', default: null }),
    f('protocolName', 'string', '0+', { nullable: '7+' }),
    f('leaderId', 'string'),
    f('skipAssignment', 'bool', '9+', { default: false }),
    f('memberId', 'string'),
    arr('members', [
      f('memberId', 'string'),
      f('groupInstanceId', 'string', '5+', { nullable: '5+', default: null }),
      f('metadata', 'bytes'),
    ]),
  ],
};
