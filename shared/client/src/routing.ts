/**
 * Which of a connection's subscriptions a live frame belongs to. Live frames
 * are serialised once by the gateway and carry no subscription id, so with
 * several subscriptions on one connection the SDK evaluates each one's
 * filter itself (the same rules the gateway applies: every listed field must
 * match, a missing field matches everything, and an empty list, which the
 * gateway refuses anyway, matches nothing: an empty list never widens).
 */
import type { Update } from '@newswire/schema/v2';
import type { SubscriptionFilter } from './wire.ts';

function allows(list: readonly string[] | undefined, value: string | undefined): boolean {
  if (!list) return true;
  return value !== undefined && list.includes(value);
}

export function matchesFilter(filter: SubscriptionFilter | undefined, update: Update): boolean {
  if (!filter) return true;
  // Updates are shape-checked only (see wire.ts): never let a malformed one throw here.
  const place = (update.place ?? {}) as Partial<Update['place']>;
  return (
    allows(filter.kinds, update.kind) &&
    allows(filter.stories, update.story) &&
    allows(filter.countries, place.country) &&
    // `regions` matches the first-level area (v2 place.admin1, v1's place.region), as the gateway does.
    allows(filter.regions, place.admin1) &&
    allows(filter.cities, place.city) &&
    allows(filter.verification, update.verification) &&
    allows(filter.urgency, update.urgency)
  );
}

export function matchesTopics(topics: readonly string[] | undefined, topic: string): boolean {
  return !topics || topics.length === 0 || topics.includes(topic);
}
