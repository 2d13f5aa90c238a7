/**
 * Property tests (fast-check) for the group coordinator:
 * - random interleavings of join / sync / heartbeat / leave / commit from
 *   several members keep the group's invariants and never leave a request
 *   unanswered after close();
 * - random commits, restarts and topic deletions read back exactly what a
 *   plain in-memory model says, across restarts on the same data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCoordinator } from '../src/groups/group-coordinator.ts';
import type { JoinGroupResponse } from '../src/groups/types.ts';

const settle = () => new Promise((r) => setImmediate(r));

type Op =
  | { t: 'join'; who: number; proto: 'range' | 'rr' }
  | { t: 'sync'; who: number }
  | { t: 'heartbeat'; who: number }
  | { t: 'leave'; who: number }
  | { t: 'commit'; who: number; offset: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('join' as const), who: fc.nat(3), proto: fc.constantFrom('range' as const, 'rr' as const) }),
  fc.record({ t: fc.constant('sync' as const), who: fc.nat(3) }),
  fc.record({ t: fc.constant('heartbeat' as const), who: fc.nat(3) }),
  fc.record({ t: fc.constant('leave' as const), who: fc.nat(3) }),
  fc.record({ t: fc.constant('commit' as const), who: fc.nat(3), offset: fc.integer({ min: -2, max: 1000 }) }),
);

describe('group state machine under random operations', () => {
  it('keeps its invariants and answers every request', async () => {
    let stableSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'groups-prop-'));
        const gc = new GroupCoordinator({ dataDir: dir, fsync: false });
        // What each simulated client believes: its member id and generation.
        const clients = [0, 1, 2, 3].map(() => ({ memberId: '', generation: -1 }));
        const pending = new Set<Promise<unknown>>();
        const failures: unknown[] = [];
        // Checks on late answers are collected and re-thrown at the end, so fast-check sees (and shrinks) them.
        const track = <T>(p: Promise<T>, then: (v: T) => void) => {
          const q = p.then(then).catch((err: unknown) => {
            failures.push(err);
          });
          pending.add(q);
          void q.finally(() => pending.delete(q));
        };
        try {
          for (const op of ops) {
            const c = clients[op.who]!;
            if (op.t === 'join') {
              track(
                gc.join({
                  groupId: 'g', sessionTimeoutMs: 60_000, rebalanceTimeoutMs: 60_000, memberId: c.memberId, clientId: `c${op.who}`,
                  clientHost: '/127.0.0.1', protocolType: 'consumer', protocols: [{ name: op.proto, metadata: Buffer.from([op.who]) }],
                }),
                (r: JoinGroupResponse) => {
                  if (r.errorCode === 0) {
                    Object.assign(c, { memberId: r.memberId, generation: r.generationId });
                    expect(r.members.length > 0).toBe(r.memberId === r.leaderId);
                  } else if (r.errorCode === 25) c.memberId = '';
                  else expect([15, 23, 27]).toContain(r.errorCode); // 15: answered by close()
                },
              );
            } else if (op.t === 'sync') {
              const assignments = clients.filter((x) => x.memberId).map((x) => ({ memberId: x.memberId, assignment: Buffer.from(x.memberId) }));
              track(gc.sync({ groupId: 'g', generationId: c.generation, memberId: c.memberId, assignments }), (r) => {
                // Whatever a member is handed is exactly what the leader assigned to it.
                if (r.errorCode === 0 && r.assignment.length > 0) expect(r.assignment.toString()).toBe(c.memberId);
                else expect([0, 15, 22, 25, 27]).toContain(r.errorCode);
              });
            } else if (op.t === 'heartbeat') {
              expect([0, 22, 25, 27]).toContain(gc.heartbeat('g', c.generation, c.memberId));
            } else if (op.t === 'leave') {
              const code = gc.leave('g', c.memberId);
              expect([0, 25]).toContain(code);
              if (code === 0) c.memberId = '';
            } else {
              const [code] = gc.commitOffsets('g', c.generation, c.memberId, [{ topic: 't', partition: 0, offset: op.offset, metadata: null }]);
              expect([0, 22, 25, 27]).toContain(code);
            }
            await settle();

            const d = gc.describe('g');
            const ids = d.members.map((m) => m.memberId);
            expect(new Set(ids).size).toBe(ids.length);
            if (d.state !== 'Dead' && d.state !== 'Empty') expect(ids.length).toBeGreaterThan(0);
            if (d.state === 'Empty' || d.state === 'Dead') expect(ids).toEqual([]);
            if (d.state === 'Stable') {
              expect(d.protocol).not.toBe('');
              // Each member holds the assignment the leader gave it (empty if the leader did not know it).
              for (const m of d.members) expect(['', m.memberId]).toContain(m.assignment.toString());
              stableSeen++;
            }
          }
        } finally {
          gc.close();
          await settle();
          // close() answers every join and sync still waiting.
          expect(pending.size).toBe(0);
          rmSync(dir, { recursive: true, force: true });
        }
        if (failures.length > 0) throw failures[0];
      }),
      { numRuns: 150 },
    );
    // The random walks did reach Stable groups, so the checks above ran on them too.
    expect(stableSeen).toBeGreaterThan(0);
  });
});

type StoreOp =
  | { t: 'commit'; group: string; partition: number; offset: number; metadata: string | null }
  | { t: 'restart' }
  | { t: 'deleteTopic'; topic: string };

describe('committed offsets across restarts', () => {
  it('always read back what the model says', () => {
    const storeOp: fc.Arbitrary<StoreOp> = fc.oneof(
      { weight: 6, arbitrary: fc.record({
        t: fc.constant('commit' as const),
        group: fc.constantFrom('a', 'b', 'ümlaut-grp', 'g\nnl'),
        partition: fc.nat(4),
        offset: fc.integer({ min: -2, max: 2 ** 40 }),
        metadata: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      }) },
      { weight: 2, arbitrary: fc.constant({ t: 'restart' as const }) },
      { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteTopic' as const), topic: fc.constantFrom('t0', 't1') }) },
    );
    fc.assert(
      fc.property(fc.array(storeOp, { maxLength: 60 }), (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'groups-prop-store-'));
        // A tiny slack makes the log compact every few commits, so compaction is exercised too.
        const open = () => new GroupCoordinator({ dataDir: dir, fsync: false, compactSlackLines: 3 });
        let gc = open();
        const model = new Map<string, { offset: number; metadata: string | null }>();
        const key = (g: string, t: string, p: number) => `${g}|${t}|${p}`;
        try {
          for (const op of ops) {
            if (op.t === 'commit') {
              const topic = `t${op.partition % 2}`;
              expect(gc.commitOffsets(op.group, -1, '', [{ topic, partition: op.partition, offset: op.offset, metadata: op.metadata }])).toEqual([0]);
              model.set(key(op.group, topic, op.partition), { offset: op.offset, metadata: op.metadata });
            } else if (op.t === 'restart') {
              gc.close();
              gc = open();
            } else {
              gc.onTopicDeleted(op.topic);
              for (const k of [...model.keys()]) if (k.split('|')[1] === op.topic) model.delete(k);
            }
          }
          for (const g of ['a', 'b', 'ümlaut-grp', 'g\nnl']) {
            for (const t of ['t0', 't1']) {
              for (let p = 0; p < 5; p++) expect(gc.fetchOffset(g, t, p)).toEqual(model.get(key(g, t, p)));
            }
          }
        } finally {
          gc.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});
