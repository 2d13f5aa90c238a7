/**
 * brokerOptionsFromConfig: every BROKER_* variable of the config schema
 * reaches startBroker's options (`newswire broker` and `newswire start` both
 * start the broker from it), so a variable added to the schema and forgotten
 * here fails this test instead of being silently ignored.
 */
import { describe, expect, it } from 'vitest';
import { brokerConfig, ConfigError, configDefaults, loadConfig } from '@newswire/config';
import { brokerOptionsFromConfig } from '../src/index.ts';

/** Values to try for a variable, as text: near its default, then other kinds of value. */
function candidates(value: unknown): string[] {
  if (typeof value === 'number') return [value + 1, value - 1, value / 2, value * 2].map(String);
  if (typeof value === 'boolean') return [String(!value)];
  return ['always', 'truncate-damaged', `${String(value)}-other`];
}

/** The config with one variable set to a valid value other than its default. */
function withOther(name: string): ReturnType<typeof loadConfig<'common' | 'broker'>> {
  const base = loadConfig(['common', 'broker'], { env: {} });
  for (const raw of candidates(base[name as keyof typeof base])) {
    try {
      const cfg = loadConfig(['common', 'broker'], { env: { [name]: raw } });
      if (cfg[name as keyof typeof cfg] !== base[name as keyof typeof base]) return cfg;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
    }
  }
  throw new Error(`no other valid value found for ${name}`);
}

describe('brokerOptionsFromConfig', () => {
  const defaults = brokerOptionsFromConfig(loadConfig(['common', 'broker'], { env: {} }));

  it.each(Object.keys(brokerConfig.shape))('maps %s to an option', (name) => {
    expect(brokerOptionsFromConfig(withOther(name))).not.toEqual(defaults);
  });

  it('maps NEWSWIRE_SHUTDOWN_TIMEOUT_MS to the broker\'s bounded stop', () => {
    const cfg = loadConfig(['common', 'broker'], { env: { NEWSWIRE_SHUTDOWN_TIMEOUT_MS: '2500' } });
    expect(brokerOptionsFromConfig(cfg).shutdownTimeoutMs).toBe(2500);
    expect(defaults.shutdownTimeoutMs).toBe(configDefaults('common').NEWSWIRE_SHUTDOWN_TIMEOUT_MS);
  });
});
