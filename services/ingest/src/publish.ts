/**
 * Publishing the updates of one request, with an outcome per update.
 *
 * Each new update is its own publish call, so Kafka's answer is known per
 * update: when Kafka fails half way through a request, the updates it had
 * acknowledged are reported as stored (with their positions) and remembered
 * by the dedupe window, while those it had not are reported as failed or
 * pending and are NOT remembered, so a retry publishes exactly those. (The
 * publisher still packs the calls into few produce requests.)
 *
 * The answer waits at most `timeoutMs` for Kafka: kafkajs may retry a dead
 * broker for a minute or more. Updates still unanswered then are "pending":
 * the service keeps trying, and a retry of the same id waits for that same
 * attempt instead of publishing a second copy. The number of pending updates
 * is bounded: past `maxPending` new requests get 503 without publishing.
 */
import type { Position, Publisher } from '@newswire/kafka';
import type { Update } from '@newswire/schema/v2';
import { HttpError } from './body.ts';
import type { RecentIds } from './dedupe.ts';

export type ItemResult =
  | (Position & { status: 'stored'; duplicate?: true })
  | { id: string; status: 'failed' }
  | { id: string; status: 'pending' };

export interface PublishOutcome {
  results: ItemResult[];
  /** New updates stored by this request (not counting duplicates). */
  stored: number;
  duplicates: number;
  failed: number;
  pending: number;
  /** Seconds until Kafka acknowledged every new update, when it did. */
  seconds?: number;
}

export interface PublishDeps {
  publisher: Publisher;
  recent: RecentIds;
  timeoutMs: number;
  maxPending: number;
}

type Outcome = Position & { duplicate?: true };

export function createRequestPublisher({ publisher, recent, timeoutMs, maxPending }: PublishDeps) {
  let pendingNow = 0;

  /** Starts the publish of each update not seen recently; repeats share the original's outcome. */
  function start(updates: readonly Update[]): { outcomes: Promise<Outcome>[]; fresh: Promise<Position>[] } {
    const outcomes: Promise<Outcome>[] = [];
    const fresh: Promise<Position>[] = [];
    for (const u of updates) {
      // Also finds an id repeated within this request: its first copy is in flight by now.
      const known = recent.lookup(u.id);
      if (known) {
        outcomes.push(Promise.resolve(known).then((p) => ({ ...p, duplicate: true as const })));
        continue;
      }
      const one = publisher.publishValidated([u]).then((positions) => positions[0]!);
      recent.track(u.id, one);
      fresh.push(one);
      outcomes.push(one);
    }
    return { outcomes, fresh };
  }

  return {
    get pending(): number {
      return pendingNow;
    },

    async publish(updates: readonly Update[]): Promise<PublishOutcome> {
      if (pendingNow >= maxPending) {
        throw new HttpError(503, `Kafka is not keeping up: ${pendingNow} updates are still waiting for it; retry later (nothing from this request was published)`);
      }
      const started = process.hrtime.bigint();
      const { outcomes, fresh } = start(updates);
      pendingNow += fresh.length;
      for (const f of fresh) void f.then(() => pendingNow--, () => pendingNow--);

      const results: (ItemResult | undefined)[] = new Array(updates.length);
      const settled = Promise.all(
        outcomes.map((p, i) =>
          p.then(
            (pos) => {
              results[i] = { ...pos, status: 'stored' };
            },
            () => {
              results[i] = { id: updates[i]!.id, status: 'failed' };
            },
          ),
        ),
      );
      let timer: NodeJS.Timeout | undefined;
      const complete = await Promise.race([
        settled.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(timer);

      const out: PublishOutcome = { results: [], stored: 0, duplicates: 0, failed: 0, pending: 0 };
      // Not results.map: it skips the holes, which are exactly the pending updates.
      out.results = Array.from(results, (r, i) => r ?? { id: updates[i]!.id, status: 'pending' as const });
      for (const r of out.results) {
        if (r.status === 'stored' && r.duplicate) out.duplicates++;
        else if (r.status === 'stored') out.stored++;
        else if (r.status === 'failed') out.failed++;
        else out.pending++;
      }
      if (complete && out.failed === 0 && fresh.length) out.seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return out;
    },
  };
}
