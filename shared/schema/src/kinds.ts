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
 */
export const TOPIC_FOR_KIND = {
  arrests: 'newswire.arrests',
  casualties: 'newswire.casualties',
  'government-change': 'newswire.government',
  'security-measure': 'newswire.security',
  connectivity: 'newswire.security',
  'foreign-military': 'newswire.international',
  diplomacy: 'newswire.international',
  unrest: 'newswire.society',
  commemoration: 'newswire.society',
} as const satisfies Record<Kind, string>;

export type NewswireTopic = (typeof TOPIC_FOR_KIND)[Kind];

/** Every newswire topic, each once, in kind order. */
export const NEWSWIRE_TOPICS: readonly NewswireTopic[] = [...new Set(KINDS.map((k) => TOPIC_FOR_KIND[k]))];

export function topicForKind(kind: Kind): NewswireTopic {
  return TOPIC_FOR_KIND[kind];
}

export function isNewswireTopic(value: unknown): value is NewswireTopic {
  return typeof value === 'string' && (NEWSWIRE_TOPICS as readonly string[]).includes(value);
}

/** The kinds routed to a topic; empty for a topic that is not a newswire topic. */
export function kindsForTopic(topic: string): Kind[] {
  return KINDS.filter((k) => TOPIC_FOR_KIND[k] === topic);
}

/** CloudEvents `type` of a kind, versioned with the schema: org.newswire.<kind>.v1. */
export function cloudEventType(kind: Kind): string {
  return `org.newswire.${kind}.v1`;
}
