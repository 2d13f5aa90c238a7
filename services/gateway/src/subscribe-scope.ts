/**
 * What a subscribe request may read: its topics and filter, resolved against
 * the topics this gateway serves and the token's grant. Explicit topics or
 * kinds beyond the grant are refused; omitted ones are narrowed to it.
 *
 * An empty list never widens anything: the protocol refuses empty filter
 * lists (bad_message), and a grant whose topics or kinds are an empty list
 * grants nothing, so every subscribe under it is `forbidden`.
 */
import { kindsForTopic, topicForKind, type Kind } from '@newswire/schema/v2';
import { type ErrorCode, type SubscribeMessage, type SubscriptionFilter } from '@newswire/protocol';
import type { Grant } from './auth.ts';
import type { CompiledFilter } from './filter.ts';

export type Scope = { ok: true; topics: string[]; filter: SubscriptionFilter } | { ok: false; code: ErrorCode; message: string };

const forbidden = (message: string): Scope => ({ ok: false, code: 'forbidden', message });

export function resolveScope(msg: SubscribeMessage, served: readonly string[], grant: Grant | null, prefix?: string): Scope {
  if (grant?.topics?.size === 0) return forbidden('your token grants no topic');
  if (grant?.kinds?.size === 0) return forbidden('your token grants no kind');
  const filter: SubscriptionFilter = { ...msg.filter };
  let kindsFromGrant = false;
  if (grant?.kinds) {
    if (filter.kinds) {
      const denied = filter.kinds.filter((k) => !grant.kinds!.has(k));
      if (denied.length) return forbidden(`kinds not allowed by your token: ${denied.join(', ')}`);
    } else {
      filter.kinds = [...grant.kinds] as Kind[];
      kindsFromGrant = true;
    }
  }
  let topics: string[];
  if (msg.topics) {
    const unknown = msg.topics.filter((t) => !served.includes(t));
    if (unknown.length) return { ok: false, code: 'unknown_topic', message: `not served here: ${unknown.join(', ')}` };
    topics = [...new Set(msg.topics)];
    if (grant?.topics) {
      const denied = topics.filter((t) => !grant.topics!.has(t));
      if (denied.length) return forbidden(`topics not allowed by your token: ${denied.join(', ')}`);
    }
  } else {
    topics = filter.kinds ? [...new Set(filter.kinds.map((k) => topicForKind(k, prefix)))].filter((t) => served.includes(t)) : [...served];
    if (grant?.topics) topics = topics.filter((t) => grant.topics!.has(t));
    if (topics.length === 0) return forbidden('no topic this subscription could read is allowed by your token');
  }
  // A topic none of whose kinds the filter wants is dropped (same result, less work).
  if (filter.kinds) {
    const kinds = new Set<string>(filter.kinds);
    const narrowed = topics.filter((t) => kindsForTopic(t, prefix).length === 0 || kindsForTopic(t, prefix).some((k) => kinds.has(k)));
    if (narrowed.length > 0) topics = narrowed;
    // The token's kinds appear on none of the topics asked for: say so rather than deliver silence.
    else if (kindsFromGrant) return forbidden('your token allows no kind carried by these topics');
  }
  return { ok: true, topics, filter };
}

/**
 * Whether a subscription already running stays within a (new) grant: every
 * topic granted, and its kinds a subset of the granted kinds. Used when a
 * second `hello` brings another token: subscriptions outside it are closed.
 */
export function fitsGrant(topics: readonly string[], filter: CompiledFilter, grant: Grant | null): boolean {
  if (!grant) return true;
  if (grant.topics && !topics.every((t) => grant.topics!.has(t))) return false;
  if (grant.kinds && (filter.kinds === null || [...filter.kinds].some((k) => !grant.kinds!.has(k)))) return false;
  return true;
}
