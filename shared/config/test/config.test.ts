/**
 * loadConfig: only the sections asked for are read (a bad value elsewhere is
 * not an error), flags bound to variables win over them, and an error names
 * the flag when the value came from one; configDefaults is the schema's own.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, configDefaults, loadConfig } from '../src/index.ts';

describe('loadConfig', () => {
  it('reads only the named sections', () => {
    const env = { GATEWAY_JWT_SECRET: 'short', KAFKA_BROKERS: 'a:1,b:2' };
    expect(loadConfig(['kafka'], { env }).KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(() => loadConfig(['kafka', 'gateway'], { env })).toThrow(/GATEWAY_JWT_SECRET: must be at least 16 characters/);
  });

  it('lets a bound flag win over its variable, and names the flag in errors', () => {
    const env = { GATEWAY_PORT: '9000' };
    const bindings = { port: 'GATEWAY_PORT', 'no-auto-create': { env: 'BROKER_AUTO_CREATE_TOPICS', value: 'false' } } as const;
    expect(loadConfig(['gateway'], { env, flags: { port: '9001' }, bindings }).GATEWAY_PORT).toBe(9001);
    expect(loadConfig(['gateway'], { env, flags: {}, bindings }).GATEWAY_PORT).toBe(9000);
    expect(loadConfig(['broker'], { env: {}, flags: { 'no-auto-create': true }, bindings }).BROKER_AUTO_CREATE_TOPICS).toBe(false);
    let error: unknown;
    try {
      loadConfig(['gateway'], { env, flags: { port: 'x' }, bindings });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]).toMatch(/^--port: /);
  });

  it('has one default per variable, the schema\'s', () => {
    expect(configDefaults('common').NEWSWIRE_SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig(['common'], { env: {} }).NEWSWIRE_SHUTDOWN_TIMEOUT_MS).toBe(configDefaults('common').NEWSWIRE_SHUTDOWN_TIMEOUT_MS);
  });
});
