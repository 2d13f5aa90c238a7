/** shownDefault: a variable's schema default as a help text states it. */
import { describe, expect, it } from 'vitest';
import { configDefaults, shownDefault } from '../src/index.ts';

describe('shownDefault', () => {
  it('durations (_MS) and sizes (_BYTES) in their largest whole unit, the rest as written', () => {
    expect(shownDefault('broker', 'BROKER_RETENTION_MS')).toBe('7 days');
    expect(shownDefault('broker', 'BROKER_DELETE_RETENTION_MS')).toBe('1 day');
    expect(shownDefault('broker', 'BROKER_IDLE_TIMEOUT_MS')).toBe('10 min');
    expect(shownDefault('common', 'NEWSWIRE_SHUTDOWN_TIMEOUT_MS')).toBe('10 s');
    expect(shownDefault('broker', 'BROKER_SEGMENT_BYTES')).toBe('64 MiB');
    expect(shownDefault('broker', 'BROKER_FETCH_MAX_BYTES')).toBe('55 MiB');
    expect(shownDefault('gateway', 'GATEWAY_MAX_BUFFERED_BYTES')).toBe('4 MiB');
    // Not a whole KiB (Kafka's own default), and -1 (no limit): the number itself.
    expect(shownDefault('broker', 'BROKER_MESSAGE_MAX_BYTES')).toBe('1048588');
    expect(shownDefault('broker', 'BROKER_RETENTION_BYTES')).toBe('-1');
    expect(shownDefault('broker', 'BROKER_FLUSH')).toBe('1000');
    expect(shownDefault('broker', 'BROKER_AUTO_CREATE_TOPICS')).toBe('true');
    expect(shownDefault('tail', 'NEWSWIRE_GATEWAY')).toBe(configDefaults('tail').NEWSWIRE_GATEWAY);
  });

  it('refuses a variable with no default: a help says what leaving it unset does instead', () => {
    expect(() => shownDefault('kafka', 'KAFKA_BROKERS')).toThrow('KAFKA_BROKERS has no default in the config schema');
    expect(() => shownDefault('kafka', 'NEWSWIRE_TOPIC_REPLICATION')).toThrow(/no default/);
  });
});
