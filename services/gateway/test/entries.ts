/**
 * Gateway entries for the unit tests, made by the gateway's own record parser
 * (entryFromRecord) from valid v2 updates: what filters and the hub see in
 * production, not a hand-built copy of it.
 */
import { fromKafkaMessage, toKafkaMessage, topicForKind, type Place, type Update } from '@newswire/schema/v2';
import { seedOfKind } from '@newswire/test-support/updates';
import { entryFromRecord, type Entry } from '../src/entry.ts';

/** The first seed update of `kind`, with the envelope fields given in `patch`. */
export function updateOf(kind: Update['kind'], patch: { id?: string; story?: string; place?: Place; verification?: Update['verification']; urgency?: Update['urgency'] } = {}): Update {
  return { ...seedOfKind(kind), ...patch } as Update;
}

/** The entry the gateway makes of `update` read at `offset` of partition `partition` of its kind's topic. */
export function entryOf(update: Update, offset: number, partition = 0, topic = topicForKind(update.kind)): Entry {
  const m = toKafkaMessage(update);
  const value = Buffer.from(m.value);
  const entry = entryFromRecord({ topic, partition, offset, timestamp: 1_700_000_000_000 + offset, value, headers: m.headers }, 'test-epoch');
  if (entry) return entry;
  const parsed = fromKafkaMessage(value, m.headers);
  throw new Error(`the gateway refused update ${update.id}: ${JSON.stringify(parsed.ok ? 'parsed, yet no entry' : parsed.errors).slice(0, 500)}`);
}
