import { arr, f, type ApiSchema } from './dsl.ts';

/**
 * ApiVersions. v1 adds throttle time, v3 is flexible and names the client
 * software. Its response header is always v0 (no tagged fields), so a client
 * can read the answer whatever version it asked for. Tagged fields not sent:
 * the feature lists (KRaft metadata.version etc.), which only brokers and
 * admin tools read.
 */
export const apiVersions: ApiSchema = {
  name: 'ApiVersions',
  key: 18,
  versions: '0-4',
  flexibleFrom: 3,
  request: [f('clientSoftwareName', 'string', '3+', { default: '' }), f('clientSoftwareVersion', 'string', '3+', { default: '' })],
  response: [
    f('errorCode', 'int16'),
    arr('apiKeys', [f('apiKey', 'int16'), f('minVersion', 'int16'), f('maxVersion', 'int16')]),
    f('throttleTimeMs', 'int32', '1+', { default: 0 }),
  ],
};
