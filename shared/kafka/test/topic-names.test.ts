/**
 * Topic names: `<prefix>.<family>`, the prefix coming from NEWSWIRE_TOPIC_PREFIX
 * (validated by the config schema, whose default must be the schema's).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, configDefaults, loadConfig } from '@newswire/config';
import { DEFAULT_TOPIC_PREFIX, KINDS, NEWSWIRE_TOPICS, isNewswireTopic, kindsForTopic, newswireTopics, topicForKind } from '@newswire/schema';

describe('topic names under a prefix', () => {
  it('are <prefix>.<family>, one per family, and map back to their kinds', () => {
    expect(newswireTopics('desk-b')).toEqual(['desk-b.arrests', 'desk-b.casualties', 'desk-b.government', 'desk-b.security', 'desk-b.international', 'desk-b.society']);
    for (const kind of KINDS) {
      const topic = topicForKind(kind, 'desk-b');
      expect(topic.startsWith('desk-b.')).toBe(true);
      expect(kindsForTopic(topic, 'desk-b')).toContain(kind);
      expect(isNewswireTopic(topic, 'desk-b')).toBe(true);
      // Another prefix's topic is not this deployment's.
      expect(isNewswireTopic(topic)).toBe(false);
      expect(kindsForTopic(topic)).toEqual([]);
    }
    expect(newswireTopics()).toEqual([...NEWSWIRE_TOPICS]);
    expect(topicForKind('connectivity')).toBe('newswire.security');
  });

  it('take their prefix from NEWSWIRE_TOPIC_PREFIX, whose default is the schema\'s', () => {
    expect(configDefaults('kafka').NEWSWIRE_TOPIC_PREFIX).toBe(DEFAULT_TOPIC_PREFIX);
    expect(loadConfig(['kafka'], { env: { NEWSWIRE_TOPIC_PREFIX: 'staging.eu-1' } }).NEWSWIRE_TOPIC_PREFIX).toBe('staging.eu-1');
    for (const bad of ['', '.staging', 'staging.', 'desk b', 'desk/b', 'x'.repeat(201)]) {
      expect(() => loadConfig(['kafka'], { env: { NEWSWIRE_TOPIC_PREFIX: bad } }), JSON.stringify(bad)).toThrow(ConfigError);
    }
  });

  it('take the replication factor from NEWSWIRE_TOPIC_REPLICATION, unset by default', () => {
    expect(configDefaults('kafka').NEWSWIRE_TOPIC_REPLICATION).toBeUndefined();
    expect(loadConfig(['kafka'], { env: { NEWSWIRE_TOPIC_REPLICATION: '3' } }).NEWSWIRE_TOPIC_REPLICATION).toBe(3);
    expect(() => loadConfig(['kafka'], { env: { NEWSWIRE_TOPIC_REPLICATION: '0' } })).toThrow(ConfigError);
  });
});
