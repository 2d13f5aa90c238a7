import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * FindCoordinator. v1 adds the key type (0 group, 1 transaction) and an error
 * message, v3 is flexible, v4 batches several keys.
 */
export const findCoordinator: ApiSchema = {
  name: 'FindCoordinator',
  key: 10,
  versions: '0-6',
  flexibleFrom: 3,
  request: [
    f('key', 'string', '0-3'),
    f('keyType', 'int8', '1+', { default: 0 }),
    arr('coordinatorKeys', 'string', '4+'),
  ],
  response: [
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
    f('errorCode', 'int16', '0-3', { default: 0 }),
    f('errorMessage', 'string', '1-3', { nullable: '1-3', default: null }),
    f('nodeId', 'int32', '0-3', { default: -1 }),
    f('host', 'string', '0-3', { default: '' }),
    f('port', 'int32', '0-3', { default: -1 }),
    arr(
      'coordinators',
      [
        f('key', 'string', '4+'),
        f('nodeId', 'int32', '4+'),
        f('host', 'string', '4+'),
        f('port', 'int32', '4+'),
        f('errorCode', 'int16', '4+'),
        f('errorMessage', 'string', '4+', { nullable: '4+', default: null }),
      ],
      '4+',
      { default: [] },
    ),
  ],
};
