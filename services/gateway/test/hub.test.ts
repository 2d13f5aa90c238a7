/**
 * The fan-out hub on its own: which subscriber is offered which entry (topic
 * index, kind index, the rest of the filter per subscription), in what order,
 * once each; partition cursors; and the corked-writer flush. Entries come
 * from real v2 updates through the gateway's record parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SubscriptionFilter } from '@newswire/protocol';
import { topicForKind, type Kind } from '@newswire/schema/v2';
import { FanoutHub, type HubSubscriber } from '../src/hub.ts';
import { compileFilter, type CompiledFilter } from '../src/filter.ts';
import type { Entry } from '../src/entry.ts';
import { entryOf, updateOf } from './entries.ts';

const ARRESTS = topicForKind('arrests');
const SOCIETY = topicForKind('unrest'); // unrest, commemoration (and property-attack)
const SECURITY = topicForKind('connectivity');

/** A subscriber that records what it is offered. */
class Recorder implements HubSubscriber {
  readonly got: { id: string; seq: number }[] = [];
  readonly filter: CompiledFilter;
  constructor(
    readonly topics: readonly string[],
    filter?: SubscriptionFilter,
  ) {
    this.filter = compileFilter(filter);
  }
  offer(entry: Entry, seq: number): void {
    this.got.push({ id: entry.id, seq });
  }
  ids(): string[] {
    return this.got.map((g) => g.id);
  }
}

const newHub = (onDispatch?: (e: Entry, n: number) => void) => new FanoutHub({ windowEntries: 100, windowBytes: 1 << 20, ...(onDispatch ? { onDispatch } : {}) });

/** Ingests `entry` at the next offset of its partition (the partition created on first use). */
function feed(hub: FanoutHub, entry: Entry): void {
  const st = hub.partition(entry.topic, entry.partition) ?? hub.ensurePartition(entry.topic, entry.partition, entry.offset);
  hub.ingest(st, entry.offset, entry);
}

describe('FanoutHub dispatch', () => {
  it('offers each entry to the subscribers of its topic whose filter matches, and to no one else', () => {
    const hub = newHub();
    const allArrests = new Recorder([ARRESTS]);
    const society = new Recorder([SOCIETY]);
    const almatyOnly = new Recorder([ARRESTS, SOCIETY], { cities: ['Almaty'] });
    const security = new Recorder([SECURITY]);
    for (const s of [allArrests, society, almatyOnly, security]) hub.add(s);

    feed(hub, entryOf(updateOf('arrests', { id: 'a1', place: { country: 'KZ', city: 'Almaty' } }), 0));
    feed(hub, entryOf(updateOf('unrest', { id: 'u1', place: { country: 'KZ', city: 'Zhanaozen' } }), 0));
    feed(hub, entryOf(updateOf('arrests', { id: 'a2', place: { country: 'KZ' } }), 1));
    feed(hub, entryOf(updateOf('unrest', { id: 'u2', place: { country: 'KZ', city: 'Almaty' } }), 1));

    expect(allArrests.ids()).toEqual(['a1', 'a2']);
    expect(society.ids()).toEqual(['u1', 'u2']);
    expect(almatyOnly.ids()).toEqual(['a1', 'u2']);
    expect(security.ids()).toEqual([]);
  });

  it('uses the kind index: a subscriber sees only its kinds of a topic carrying several, each entry once even with several kinds wanted', () => {
    const hub = newHub();
    const unrestOnly = new Recorder([SOCIETY], { kinds: ['unrest'] });
    const commemoration = new Recorder([SOCIETY], { kinds: ['commemoration'] });
    const both = new Recorder([SOCIETY], { kinds: ['unrest', 'commemoration'] });
    const any = new Recorder([SOCIETY]);
    const elsewhere = new Recorder([SOCIETY], { kinds: ['arrests'] });
    for (const s of [unrestOnly, commemoration, both, any, elsewhere]) hub.add(s);
    feed(hub, entryOf(updateOf('unrest', { id: 'u1' }), 0));
    feed(hub, entryOf(updateOf('commemoration', { id: 'c' }), 1));
    feed(hub, entryOf(updateOf('unrest', { id: 'u2' }), 2));
    expect(unrestOnly.ids()).toEqual(['u1', 'u2']);
    expect(commemoration.ids()).toEqual(['c']);
    expect(both.ids()).toEqual(['u1', 'c', 'u2']);
    expect(any.ids()).toEqual(['u1', 'c', 'u2']);
    expect(elsewhere.ids()).toEqual([]);
  });

  it('gives every dispatched entry one sequence number, the same for every subscriber, rising', () => {
    const hub = newHub();
    const a = new Recorder([ARRESTS]);
    const b = new Recorder([ARRESTS], { kinds: ['arrests'] });
    hub.add(a);
    hub.add(b);
    for (let i = 0; i < 5; i++) feed(hub, entryOf(updateOf('arrests', { id: `a${i}` }), i, i % 2));
    expect(a.got).toEqual(b.got);
    const seqs = a.got.map((g) => g.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(5);
  });

  it('reports how many subscribers each entry went to', () => {
    const counts: [string, number][] = [];
    const hub = newHub((e, n) => counts.push([e.id, n]));
    hub.add(new Recorder([ARRESTS]));
    hub.add(new Recorder([ARRESTS], { countries: ['KZ'] }));
    hub.add(new Recorder([ARRESTS], { countries: ['LK'] }));
    feed(hub, entryOf(updateOf('arrests', { id: 'kz', place: { country: 'KZ' } }), 0));
    feed(hub, entryOf(updateOf('arrests', { id: 'lk', place: { country: 'LK' } }), 1));
    feed(hub, entryOf(updateOf('unrest', { id: 'none' }), 0));
    expect(counts).toEqual([
      ['kz', 2],
      ['lk', 2],
      ['none', 0],
    ]);
  });

  it('a removed subscriber is offered nothing more; removing it again changes nothing', () => {
    const hub = newHub();
    const a = new Recorder([ARRESTS, SOCIETY], { kinds: ['arrests', 'unrest'] });
    const b = new Recorder([ARRESTS]);
    hub.add(a);
    hub.add(b);
    expect(hub.subscriptions).toBe(2);
    feed(hub, entryOf(updateOf('arrests', { id: 'before' }), 0));
    hub.remove(a);
    hub.remove(a);
    expect(hub.subscriptions).toBe(1);
    feed(hub, entryOf(updateOf('arrests', { id: 'after' }), 1));
    feed(hub, entryOf(updateOf('unrest', { id: 'after-unrest' }), 0));
    expect(a.ids()).toEqual(['before']);
    expect(b.ids()).toEqual(['before', 'after']);
  });

  it('agrees with a brute-force model for any subscriptions and updates', () => {
    const kinds: Kind[] = ['arrests', 'unrest', 'commemoration', 'connectivity'];
    const topics = [...new Set(kinds.map((k) => topicForKind(k)))];
    const some = <T>(xs: readonly T[]) => fc.option(fc.uniqueArray(fc.constantFrom(...xs), { minLength: 1 }), { nil: undefined });
    const sub = fc.record({ topics: fc.uniqueArray(fc.constantFrom(...topics), { minLength: 1 }), kinds: some(kinds), countries: some(['KZ', 'LK']), cities: some(['Almaty', 'Colombo']) });
    const upd = fc.record({ kind: fc.constantFrom(...kinds), country: fc.constantFrom('KZ', 'LK'), city: fc.option(fc.constantFrom('Almaty', 'Colombo', 'Aktau'), { nil: undefined }), partition: fc.integer({ min: 0, max: 2 }) });
    const op = fc.oneof(fc.record({ add: sub }), fc.record({ remove: fc.nat() }), fc.record({ update: upd }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const hub = newHub();
        const live: { rec: Recorder; want: string[] }[] = [];
        const all: { rec: Recorder; want: string[] }[] = [];
        const next = new Map<string, number>();
        let n = 0;
        for (const o of ops) {
          if ('add' in o) {
            const f: SubscriptionFilter = {};
            if (o.add.kinds) f.kinds = o.add.kinds;
            if (o.add.countries) f.countries = o.add.countries;
            if (o.add.cities) f.cities = o.add.cities;
            const s = { rec: new Recorder(o.add.topics, f), want: [] as string[] };
            hub.add(s.rec);
            live.push(s);
            all.push(s);
          } else if ('remove' in o) {
            if (live.length === 0) continue;
            const [gone] = live.splice(o.remove % live.length, 1);
            hub.remove(gone!.rec);
          } else {
            const u = o.update;
            const id = `m${n++}`;
            const place = u.city ? { country: u.country, city: u.city } : { country: u.country };
            const topic = topicForKind(u.kind);
            const key = `${topic}:${u.partition}`;
            const offset = next.get(key) ?? 0;
            next.set(key, offset + 1);
            feed(hub, entryOf(updateOf(u.kind, { id, place }), offset, u.partition));
            for (const s of live) {
              const f = s.rec.filter;
              const wanted = s.rec.topics.includes(topic) && (!f.kinds || f.kinds.has(u.kind)) && (!f.countries || f.countries.has(u.country)) && (!f.cities || (u.city !== undefined && f.cities.has(u.city)));
              if (wanted) s.want.push(id);
            }
          }
        }
        for (const s of all) expect(s.rec.ids()).toEqual(s.want);
        expect(hub.subscriptions).toBe(live.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('FanoutHub partitions', () => {
  it('ingests in offset order: an offset already ingested is ignored, a skipped (invalid) record advances the cursor', () => {
    const hub = newHub();
    const rec = new Recorder([ARRESTS]);
    hub.add(rec);
    const st = hub.ensurePartition(ARRESTS, 0, 10, 10);
    hub.ingest(st, 10, entryOf(updateOf('arrests', { id: 'x10' }), 10));
    hub.ingest(st, 10, entryOf(updateOf('arrests', { id: 'again' }), 10));
    hub.ingest(st, 9, entryOf(updateOf('arrests', { id: 'older' }), 9));
    hub.ingest(st, 11, null);
    hub.ingest(st, 12, entryOf(updateOf('arrests', { id: 'x12' }), 12));
    expect(rec.ids()).toEqual(['x10', 'x12']);
    expect(st.next).toBe(13);
    expect(st.hw).toBe(13);
  });

  it('keeps one state per partition, sorted by partition, with positions and lag from the cursors', () => {
    const hub = newHub();
    const p2 = hub.ensurePartition(ARRESTS, 2, 5, 9);
    hub.ensurePartition(ARRESTS, 0, 0, 4);
    expect(hub.ensurePartition(ARRESTS, 2, 100, 100)).toBe(p2);
    hub.ensurePartition(SOCIETY, 0, 7, 7);
    expect(hub.partitionsOf(ARRESTS).map((s) => s.partition)).toEqual([0, 2]);
    expect(hub.partitionsOf(SECURITY)).toEqual([]);
    expect(hub.positions([ARRESTS, SOCIETY])).toEqual([
      { topic: ARRESTS, partition: 0, offset: 0 },
      { topic: ARRESTS, partition: 2, offset: 5 },
      { topic: SOCIETY, partition: 0, offset: 7 },
    ]);
    expect(hub.lag()).toBe(4 + 4);
    hub.ingest(p2, 5, entryOf(updateOf('arrests', { id: 'p2' }), 5, 2));
    expect(hub.lag()).toBe(4 + 3);
  });

  it('a reset partition continues at the new offset with an empty window', () => {
    const hub = newHub();
    const st = hub.ensurePartition(ARRESTS, 0, 0);
    hub.ingest(st, 0, entryOf(updateOf('arrests', { id: 'old' }), 0));
    expect(hub.windowBytes).toBeGreaterThan(0);
    hub.resetPartition(st, 0);
    expect(st.next).toBe(0);
    expect(st.window.length).toBe(0);
    expect(hub.windowBytes).toBe(0);
    const rec = new Recorder([ARRESTS]);
    hub.add(rec);
    hub.ingest(st, 0, entryOf(updateOf('arrests', { id: 'new' }), 0));
    expect(rec.ids()).toEqual(['new']);
  });
});

describe('FanoutHub corked writers', () => {
  const turn = () => new Promise<void>((r) => setImmediate(r));

  it('uncorks every writer held during a turn once, after the turn, even when one of them throws', async () => {
    const hub = newHub();
    const uncorked: string[] = [];
    hub.holdUntilBatchEnd({ uncork: () => uncorked.push('a') });
    hub.holdUntilBatchEnd({
      uncork: () => {
        throw new Error('socket gone');
      },
    });
    hub.holdUntilBatchEnd({ uncork: () => uncorked.push('c') });
    expect(uncorked).toEqual([]);
    await turn();
    expect(uncorked).toEqual(['a', 'c']);
    await turn();
    expect(uncorked).toEqual(['a', 'c']);
  });

  it('flush() uncorks at once, and the pending turn then finds nothing left', async () => {
    const hub = newHub();
    const uncorked: string[] = [];
    hub.holdUntilBatchEnd({ uncork: () => uncorked.push('a') });
    hub.flush();
    expect(uncorked).toEqual(['a']);
    await turn();
    expect(uncorked).toEqual(['a']);
    hub.holdUntilBatchEnd({ uncork: () => uncorked.push('b') });
    await turn();
    expect(uncorked).toEqual(['a', 'b']);
  });
});
