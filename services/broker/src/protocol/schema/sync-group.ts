import { arr, f, type ApiSchema } from './dsl.ts';

/** SyncGroup. v1 adds throttle time, v3 static members, v4 is flexible, v5 the protocol type and name both ways. */
export const syncGroup: ApiSchema = {
  name: 'SyncGroup',
  key: 14,
  versions: '0-5',
  flexibleFrom: 4,
  request: [
    f('groupId', 'string'),
    f('generationId', 'int32'),
    f('memberId', 'string'),
    f('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    f('protocolType', 'string', '5+', { nullable: '5+', default: null }),
    f('protocolName', 'string', '5+', { nullable: '5+', default: null }),
    arr('assignments', [f('memberId', 'string'), f('assignment', 'bytes', '0+', { copy: true })]),
  ],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    f('errorCode', 'int16'),
    f('protocolType', 'string', '5+', { nullable: '5+', default: null }),
    f('protocolName', 'string', '5+', { nullable: '5+', default: null }),
    f('assignment', 'bytes'),
  ],
};
