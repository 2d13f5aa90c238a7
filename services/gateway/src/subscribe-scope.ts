/**
 * What a subscribe request may read: its topics and filter, resolved against
 * the topics this gateway serves and the token's grant. Explicit topics or
 * kinds beyond the grant are refused; omitted ones are narrowed to it.
 */
import { kindsForTopic, topicForKind, type Kind } from '@newswire/schema';
import { type ErrorCode, type SubscribeMessage, type SubscriptionFilter } from '@newswire/protocol';
import type { Grant } from './auth.ts';

export type Scope = { ok: true; topics: string[]; filter: SubscriptionFilter } | { ok: false; code: ErrorCode; message: string };

export function resolveScope(msg: SubscribeMessage, served: readonly string[], grant: Grant | null): Scope {
  const filter: SubscriptionFilter = { ...msg.filter };
  if (grant?.kinds) {
    if (filter.kinds) {
      const denied = filter.kinds.filter((k) => !grant.kinds!.has(k));
      if (denied.length) return { ok: false, code: 'forbidden', message: `kinds not allowed by your token: ${denied.join(', ')}` };
    } else filter.kinds = [...grant.kinds] as Kind[];
  }
  let topics: string[];
  if (msg.topics) {
    const unknown = msg.topics.filter((t) => !served.includes(t));
    if (unknown.length) return { ok: false, code: 'unknown_topic', message: `not served here: ${unknown.join(', ')}` };
    topics = [...new Set(msg.topics)];
    if (grant?.topics) {
      const denied = topics.filter((t) => !grant.topics!.has(t));
      if (denied.length) return { ok: false, code: 'forbidden', message: `topics not allowed by your token: ${denied.join(', ')}` };
    }
  } else {
    topics = filter.kinds ? [...new Set(filter.kinds.map((k) => topicForKind(k)))].filter((t) => served.includes(t)) : [...served];
    if (grant?.topics) topics = topics.filter((t) => grant.topics!.has(t));
    if (topics.length === 0) return { ok: false, code: 'forbidden', message: 'no topic this subscription could read is allowed by your token' };
  }
  // A topic none of whose kinds the filter wants is dropped (same result, less work).
  if (filter.kinds) {
    const kinds = new Set<string>(filter.kinds);
    const narrowed = topics.filter((t) => kindsForTopic(t).length === 0 || kindsForTopic(t).some((k) => kinds.has(k)));
    if (narrowed.length > 0) topics = narrowed;
  }
  return { ok: true, topics, filter };
}
