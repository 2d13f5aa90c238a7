/**
 * loadConfig: only the sections asked for are read (a bad value elsewhere is
 * not an error), flags bound to variables win over them, and an error names
 * the flag when the value came from one; configDefaults is the schema's own.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from 'node:util';
import { ConfigError, configDefaults, flagOptions, loadConfig } from '../src/index.ts';

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

  it('says what is wrong with a number in plain words', () => {
    const issues = (env: Record<string, string>) => {
      try {
        loadConfig(['kafka'], { env });
      } catch (err) {
        return (err as ConfigError).issues;
      }
      return [];
    };
    expect(issues({ NEWSWIRE_TOPIC_PARTITIONS: 'six' })).toEqual(['NEWSWIRE_TOPIC_PARTITIONS: must be a number']);
    expect(issues({ NEWSWIRE_TOPIC_PARTITIONS: '1.5' })).toEqual(['NEWSWIRE_TOPIC_PARTITIONS: must be a whole number']);
    expect(issues({ NEWSWIRE_TOPIC_PARTITIONS: '0' })).toEqual(['NEWSWIRE_TOPIC_PARTITIONS: must be at least 1']);
    expect(issues({ NEWSWIRE_TOPIC_REPLICATION: '101' })).toEqual(['NEWSWIRE_TOPIC_REPLICATION: must be at most 100']);
    expect(() => loadConfig(['common'], { env: { LOG_LEVEL: 'loud' } })).toThrow('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
    // A message the schema words itself is kept.
    expect(issues({ KAFKA_BROKERS: 'no-port' })).toEqual(['KAFKA_BROKERS: must be a comma-separated list of host:port']);
  });

  it('refuses a flag bound to a variable the loaded sections do not read (it would be ignored)', () => {
    const bindings = { port: 'GATEWAY_PORT' } as const;
    expect(() => loadConfig(['kafka'], { env: {}, flags: { port: '9001' }, bindings })).toThrow(/--port sets GATEWAY_PORT, which the sections kafka do not read/);
    // Not given: nothing to ignore.
    expect(loadConfig(['kafka'], { env: {}, flags: {}, bindings }).KAFKA_CLIENT_ID).toBe('newswire');
  });
});

describe('flagOptions', () => {
  it('parses every bound flag: a variable takes a value, a fixed value is a switch', () => {
    const bindings = { port: 'BROKER_PORT', 'no-auto-create': { env: 'BROKER_AUTO_CREATE_TOPICS', value: 'false' } } as const;
    const options = flagOptions(bindings);
    expect(options).toEqual({ port: { type: 'string' }, 'no-auto-create': { type: 'boolean' } });
    const { values } = parseArgs({ args: ['--port', '0', '--no-auto-create'], options, strict: true });
    const config = loadConfig(['broker'], { env: {}, flags: values, bindings });
    expect([config.BROKER_PORT, config.BROKER_AUTO_CREATE_TOPICS]).toEqual([0, false]);
    expect(() => parseArgs({ args: ['--no-auto-create=yes'], options, strict: true })).toThrow();
  });
});
