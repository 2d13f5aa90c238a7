/**
 * The port's admin half on a kafkajs Admin: cluster id, topics, offsets,
 * and topic creation that works on every Kafka from 2.1 (partitions and
 * replication factor always explicit) and says why a broker refused.
 */
import type { Admin } from 'kafkajs';
import type { ClusterInfo, PartitionOffsets, TopicSpec } from '../port.ts';
import { adminError, onlyAlreadyExists } from './errors.ts';

/** Replicas of a created topic when none is configured: as many as Kafka's own default for internal topics, capped by the cluster. */
export const DEFAULT_MAX_REPLICATION = 3;

export async function describeCluster(admin: Admin): Promise<ClusterInfo> {
  const { clusterId, brokers } = await admin.describeCluster();
  return { clusterId, brokers: brokers.length };
}

export async function topicOffsets(admin: Admin, topic: string): Promise<PartitionOffsets[]> {
  // Asking kafkajs about a topic that does not exist runs its whole retry loop: check first.
  if (!(await admin.listTopics()).includes(topic)) return [];
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })).sort((a, b) => a.partition - b.partition);
}

export async function offsetsAt(admin: Admin, topic: string, ms: number): Promise<Map<number, bigint>> {
  const r = await admin.fetchTopicOffsetsByTimestamp(topic, ms);
  return new Map(r.map((p) => [p.partition, BigInt(p.offset)]));
}

export async function partitionCounts(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const wanted = topics.filter((t) => existing.has(t));
  const counts = new Map<string, number>();
  if (wanted.length === 0) return counts;
  const { topics: meta } = await admin.fetchTopicMetadata({ topics: wanted });
  for (const t of meta) counts.set(t.name, t.partitions.length);
  return counts;
}

export async function ensureTopics(admin: Admin, topics: readonly string[], spec: TopicSpec): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length === 0) return [];
  const replication = spec.replication ?? Math.min(DEFAULT_MAX_REPLICATION, (await describeCluster(admin)).brokers);
  const what = `could not create ${missing.join(', ')} (${spec.partitions} partitions, replication factor ${replication})`;
  try {
    // Explicit numbers, never -1 ("broker default"): Kafka accepts -1 only from 2.4 (KIP-464).
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: spec.partitions,
        replicationFactor: replication,
        ...(spec.configs && { configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })) }),
      })),
    });
    // false: another process created them between our list and our create; they exist, as wanted.
    return created ? missing : [];
  } catch (err) {
    if (onlyAlreadyExists(err)) return [];
    throw adminError(what, err);
  }
}

export async function deleteTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length === 0) return;
  try {
    await admin.deleteTopics({ topics: present });
  } catch (err) {
    throw adminError(`could not delete ${present.join(', ')}`, err);
  }
}
