/** The kinds of structured update, and the Kafka topic each one is routed to. */

export const KINDS = [
  'arrests',
  'casualties',
  'government-change',
  'security-measure',
  'connectivity',
  'foreign-military',
  'diplomacy',
  'unrest',
  'commemoration',
] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/**
 * One topic per kind family, keyed by story id so one story stays in order
 * within its topic. Families group kinds a desk usually follows together.
 * A topic's name is `<prefix>.<family>`: the prefix (NEWSWIRE_TOPIC_PREFIX,
 * default `newswire`) lets several deployments or test runs share a cluster.
 */
export const FAMILY_FOR_KIND = {
  arrests: 'arrests',
  casualties: 'casualties',
  'government-change': 'government',
  'security-measure': 'security',
  connectivity: 'security',
  'foreign-military': 'international',
  diplomacy: 'international',
  unrest: 'society',
  commemoration: 'society',
} as const satisfies Record<Kind, string>;

export type TopicFamily = (typeof FAMILY_FOR_KIND)[Kind];

/** Every family, each once, in kind order. */
export const TOPIC_FAMILIES: readonly TopicFamily[] = [...new Set(KINDS.map((k) => FAMILY_FOR_KIND[k]))];

/** The topic prefix when none is configured (NEWSWIRE_TOPIC_PREFIX's default). */
export const DEFAULT_TOPIC_PREFIX = 'newswire';

/** The topic of a family under a prefix: `<prefix>.<family>`. */
export function topicName(family: TopicFamily, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  return `${prefix}.${family}`;
}

/** Every newswire topic under a prefix, each once, in kind order. */
export function newswireTopics(prefix: string = DEFAULT_TOPIC_PREFIX): string[] {
  return TOPIC_FAMILIES.map((f) => topicName(f, prefix));
}

export function topicForKind(kind: Kind, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  return topicName(FAMILY_FOR_KIND[kind], prefix);
}

export function isNewswireTopic(value: unknown, prefix: string = DEFAULT_TOPIC_PREFIX): value is string {
  return typeof value === 'string' && newswireTopics(prefix).includes(value);
}

/** The kinds routed to a topic; empty for a topic that is not a newswire topic under `prefix`. */
export function kindsForTopic(topic: string, prefix: string = DEFAULT_TOPIC_PREFIX): Kind[] {
  return KINDS.filter((k) => topicForKind(k, prefix) === topic);
}

/**
 * The default deployment's names (prefix `newswire`). Code that runs with a
 * configuration uses newswireTopics(prefix) and topicForKind(kind, prefix).
 */
export const TOPIC_FOR_KIND = Object.fromEntries(KINDS.map((k) => [k, topicForKind(k)])) as Record<Kind, string>;
export const NEWSWIRE_TOPICS: readonly string[] = newswireTopics();

/** CloudEvents `type` of a kind, versioned with the schema: org.newswire.<kind>.v1. */
export function cloudEventType(kind: Kind): string {
  return `org.newswire.${kind}.v1`;
}

/**
 * The one key for a topic-partition in maps and sets, everywhere in newswire.
 * A topic name cannot contain NUL, so the key is unambiguous.
 */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
