import { f, type ApiSchema } from './dsl.ts';

/** Heartbeat. v1 adds throttle time, v3 static members, v4 is flexible. */
export const heartbeat: ApiSchema = {
  name: 'Heartbeat',
  key: 12,
  versions: '0-4',
  flexibleFrom: 4,
  request: [
    f('groupId', 'string'),
    f('generationId', 'int32'),
    f('memberId', 'string'),
    f('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
  ],
  response: [f('throttleTimeMs', 'int32', '1+', { default: 0 }), f('errorCode', 'int16')],
};
