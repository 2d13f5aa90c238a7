import { arr, f, type ApiSchema } from './dsl.ts';

/** DeleteTopics. v1 adds throttle time, v4 is flexible, v5 error messages, v6 deletes by name or topic id. */
export const deleteTopics: ApiSchema = {
  name: 'DeleteTopics',
  key: 20,
  versions: '0-6',
  flexibleFrom: 4,
  request: [
    arr('topics', [f('name', 'string', '6+', { nullable: '6+', default: null }), f('topicId', 'uuid', '6+')], '6+'),
    arr('topicNames', 'string', '0-5'),
    f('timeoutMs', 'int32'),
  ],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    arr('topics', [
      f('name', 'string', '0+', { nullable: '6+' }),
      f('topicId', 'uuid', '6+'),
      f('errorCode', 'int16'),
      f('errorMessage', 'string', '5+', { nullable: '5+', default: null }),
    ]),
  ],
};
