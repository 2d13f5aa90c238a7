/**
 * startKafka() on one long-lived cluster (KAFKA_BROKERS): every call gets a
 * prefix of its own, and stop() leaves the cluster as it found it — it
 * deletes the topics of its prefix and of the prefixes a test derives from
 * it (`${prefix}-<name>`), and nothing of anyone else's. The cluster here is
 * a dev broker standing in for a shared one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTAINER_MARK, devBroker, openAdmin, startKafka, type DevBroker } from '../src/index.ts';

let cluster: DevBroker;
// This file points startKafka() at a cluster of its own, whatever the run uses (its container, too).
const saved = { brokers: process.env.KAFKA_BROKERS, container: process.env[CONTAINER_MARK] };

beforeAll(async () => {
  cluster = await devBroker();
  process.env.KAFKA_BROKERS = cluster.brokers.join(',');
  delete process.env[CONTAINER_MARK];
});

afterAll(async () => {
  if (saved.brokers === undefined) delete process.env.KAFKA_BROKERS;
  else process.env.KAFKA_BROKERS = saved.brokers;
  if (saved.container !== undefined) process.env[CONTAINER_MARK] = saved.container;
  await cluster?.dispose();
});

describe('startKafka on a shared cluster', () => {
  it('gives each call its own prefix, and stop() deletes that prefix\'s topics and its -<name> prefixes\' only', async () => {
    const mine = await startKafka();
    const theirs = await startKafka();
    expect(mine.mode).toBe('external');
    expect(mine.brokers).toEqual(cluster.brokers);
    expect(mine.prefix).not.toBe(theirs.prefix);
    expect(mine.env).toEqual({ KAFKA_BROKERS: cluster.brokers.join(','), NEWSWIRE_TOPIC_PREFIX: mine.prefix });

    const derived = `${mine.prefix}-restored.arrests`;
    // A topic whose name merely starts like the prefix, without the separator, is someone else's.
    const lookalike = `${mine.prefix}x.arrests`;
    const admin = await openAdmin(cluster.brokers);
    try {
      await admin.ensureTopics([...mine.topics, derived, lookalike, ...theirs.topics, 'newswire.arrests'], { partitions: 1 });
      await mine.stop();
      const left = await admin.listTopics();
      for (const t of [...mine.topics, derived]) expect(left).not.toContain(t);
      expect(left).toEqual(expect.arrayContaining([lookalike, ...theirs.topics, 'newswire.arrests']));
    } finally {
      await admin.close();
      await theirs.stop();
    }
  });
});
