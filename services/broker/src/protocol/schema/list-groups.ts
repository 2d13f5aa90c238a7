import { arr, f, type ApiSchema } from './dsl.ts';

/** ListGroups. v1 adds throttle time, v3 is flexible, v4 filters by state, v5 by type (every group here is "classic"). */
export const listGroups: ApiSchema = {
  name: 'ListGroups',
  key: 16,
  versions: '0-5',
  flexibleFrom: 3,
  request: [arr('statesFilter', 'string', '4+'), arr('typesFilter', 'string', '5+')],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    f('errorCode', 'int16'),
    arr('groups', [
      f('groupId', 'string'),
      f('protocolType', 'string'),
      f('groupState', 'string', '4+', { default: '' }),
      f('groupType', 'string', '5+', { default: '' }),
    ]),
  ],
};
