/**
 * Group membership semantics, driving the real GroupCoordinator with real
 * timers (no fakes): joins, syncs, heartbeats, leaves, session and rebalance
 * timeouts. The wire-level behaviour is covered by groups-kafkajs.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@newswire/test-support/wait';
import { GroupCoordinator } from '../src/groups/group-coordinator.ts';
import type { JoinGroupRequest, JoinGroupResponse } from '../src/groups/types.ts';

const RANGE = { name: 'range', metadata: Buffer.from('range-meta') };
const RR = { name: 'roundrobin', metadata: Buffer.from('rr-meta') };

function joinReq(over: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 10_000,
    memberId: '',
    clientId: 'client',
    clientHost: '/127.0.0.1',
    protocolType: 'consumer',
    protocols: [RANGE],
    ...over,
  };
}

/** Resolves with the promise's value, or 'pending' if it has not settled after a few event-loop turns. */
async function peek<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 50))]);
}

let dir: string;
let gc: GroupCoordinator;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'groups-membership-'));
  gc = new GroupCoordinator({ dataDir: dir });
});
afterEach(() => {
  gc.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One member joins an empty group and completes the sync: generation 1, Stable. */
async function stableSingle(over: Partial<JoinGroupRequest> = {}): Promise<JoinGroupResponse> {
  const j = await gc.join(joinReq(over));
  expect(j.errorCode).toBe(0);
  const s = await gc.sync({ groupId: over.groupId ?? 'g', generationId: j.generationId, memberId: j.memberId, assignments: [{ memberId: j.memberId, assignment: Buffer.from('all') }] });
  expect(s.errorCode).toBe(0);
  return j;
}

describe('join and sync', () => {
  it('a first member gets a generated id, leads generation 1 and gets its own assignment', async () => {
    const j = await gc.join(joinReq({ clientId: 'app-1' }));
    expect(j.errorCode).toBe(0);
    expect(j.memberId).toMatch(/^app-1-[0-9a-f-]{36}$/);
    expect(j.generationId).toBe(1);
    expect(j.leaderId).toBe(j.memberId);
    expect(j.protocolName).toBe('range');
    expect(j.members).toEqual([{ memberId: j.memberId, metadata: RANGE.metadata }]);
    expect(gc.stateOf('g')).toBe('CompletingRebalance');

    const s = await gc.sync({ groupId: 'g', generationId: 1, memberId: j.memberId, assignments: [{ memberId: j.memberId, assignment: Buffer.from('p0,p1') }] });
    expect(s).toEqual({ errorCode: 0, assignment: Buffer.from('p0,p1') });
    expect(gc.heartbeat('g', 1, j.memberId)).toBe(0);

    const d = gc.describe('g');
    expect(d).toMatchObject({ errorCode: 0, state: 'Stable', protocolType: 'consumer', protocol: 'range' });
    expect(d.members).toEqual([{ memberId: j.memberId, clientId: 'app-1', clientHost: '/127.0.0.1', metadata: RANGE.metadata, assignment: Buffer.from('p0,p1') }]);
    expect(gc.listGroups()).toEqual([{ groupId: 'g', protocolType: 'consumer' }]);
  });

  it('a second member blocks until the first rejoins; the leader gets the member list and followers wait for its assignments', async () => {
    const a = await stableSingle();
    const bJoin = gc.join(joinReq({ clientId: 'b' }));
    expect(await peek(bJoin)).toBe('pending');
    expect(gc.stateOf('g')).toBe('PreparingRebalance');
    expect(gc.heartbeat('g', a.generationId, a.memberId)).toBe(27);

    const aJoin = gc.join(joinReq({ memberId: a.memberId }));
    const [a2, b2] = await Promise.all([aJoin, bJoin]);
    expect(a2.generationId).toBe(2);
    expect(b2.generationId).toBe(2);
    expect(a2.leaderId).toBe(a.memberId);
    expect(b2.leaderId).toBe(a.memberId);
    expect(a2.members.map((m) => m.memberId).sort()).toEqual([a.memberId, b2.memberId].sort());
    expect(b2.members).toEqual([]);

    const bSync = gc.sync({ groupId: 'g', generationId: 2, memberId: b2.memberId, assignments: [] });
    expect(await peek(bSync)).toBe('pending');
    const aSync = await gc.sync({
      groupId: 'g',
      generationId: 2,
      memberId: a.memberId,
      assignments: [
        { memberId: a.memberId, assignment: Buffer.from('A') },
        { memberId: b2.memberId, assignment: Buffer.from('B') },
      ],
    });
    expect(aSync.assignment.toString()).toBe('A');
    expect((await bSync).assignment.toString()).toBe('B');
    expect(gc.stateOf('g')).toBe('Stable');
    expect(gc.heartbeat('g', 2, b2.memberId)).toBe(0);
    expect(gc.heartbeat('g', 1, b2.memberId)).toBe(22);
  });

  it('members that do not rejoin within the rebalance timeout are removed', async () => {
    const a = await stableSingle({ rebalanceTimeoutMs: 300 });
    const b = await gc.join(joinReq({ clientId: 'b', rebalanceTimeoutMs: 300 })); // resolves once the timeout drops a
    expect(b.errorCode).toBe(0);
    expect(b.generationId).toBe(2);
    expect(b.leaderId).toBe(b.memberId);
    expect(b.members.map((m) => m.memberId)).toEqual([b.memberId]);
    expect(gc.heartbeat('g', 1, a.memberId)).toBe(25);
  });

  it('a session that expires removes the member and rebalances the rest', async () => {
    const a = await stableSingle({ sessionTimeoutMs: 1000 });
    expect(gc.describe('g').members).toHaveLength(1);
    // Nobody heartbeats: the session runs out and the group empties.
    await waitFor(() => gc.stateOf('g') !== 'Stable', 'the session to expire', 15_000);
    expect(gc.heartbeat('g', a.generationId, a.memberId)).toBe(25);
    expect(gc.describe('g').state).toBe('Dead'); // no members, no offsets: forgotten, as Kafka does
  });

  it('a silent member expires while the others keep heartbeating, then they rebalance without it', async () => {
    const a = await stableSingle({ sessionTimeoutMs: 1000, rebalanceTimeoutMs: 30_000 });
    const bJoin = gc.join(joinReq({ clientId: 'b', sessionTimeoutMs: 1000 }));
    const aJoin = gc.join(joinReq({ memberId: a.memberId, sessionTimeoutMs: 1000 }));
    const [a2, b2] = await Promise.all([aJoin, bJoin]);
    await gc.sync({ groupId: 'g', generationId: a2.generationId, memberId: a.memberId, assignments: [] });
    await gc.sync({ groupId: 'g', generationId: b2.generationId, memberId: b2.memberId, assignments: [] });
    // b heartbeats, a stays silent until its session ends.
    let bCode = 0;
    await waitFor(() => {
      bCode = gc.heartbeat('g', b2.generationId, b2.memberId);
      return bCode !== 0;
    }, "a's session to expire while b heartbeats", 15_000);
    expect(bCode).toBe(27);
    const b3 = await gc.join(joinReq({ memberId: b2.memberId, sessionTimeoutMs: 1000 }));
    expect(b3.generationId).toBe(a2.generationId + 1);
    expect(b3.leaderId).toBe(b2.memberId);
    expect(b3.members.map((m) => m.memberId)).toEqual([b2.memberId]);
  });

  it('LeaveGroup triggers a rebalance and the remaining member leads the next generation', async () => {
    const a = await stableSingle();
    const bJoin = gc.join(joinReq({ clientId: 'b' }));
    const [a2, b2] = await Promise.all([gc.join(joinReq({ memberId: a.memberId })), bJoin]);
    await Promise.all([
      gc.sync({ groupId: 'g', generationId: 2, memberId: b2.memberId, assignments: [] }),
      gc.sync({ groupId: 'g', generationId: 2, memberId: a2.memberId, assignments: [] }),
    ]);
    expect(gc.leave('g', a.memberId)).toBe(0);
    expect(gc.leave('g', a.memberId)).toBe(25);
    expect(gc.heartbeat('g', 2, b2.memberId)).toBe(27);
    const b3 = await gc.join(joinReq({ memberId: b2.memberId }));
    expect(b3).toMatchObject({ errorCode: 0, generationId: 3, leaderId: b2.memberId });
    expect(b3.members.map((m) => m.memberId)).toEqual([b2.memberId]);
  });

  it('the leader rejoining a Stable group triggers a new generation', async () => {
    const a = await stableSingle();
    const again = await gc.join(joinReq({ memberId: a.memberId }));
    expect(again.generationId).toBe(2);
    expect(gc.stateOf('g')).toBe('CompletingRebalance');
  });

  it('a member leaving during CompletingRebalance fails pending syncs with 27', async () => {
    const a = await stableSingle();
    const bJoin = gc.join(joinReq({ clientId: 'b' })); // first, so a's rejoin completes the round for both
    const [a2, b2] = await Promise.all([gc.join(joinReq({ memberId: a.memberId })), bJoin]);
    const bSync = gc.sync({ groupId: 'g', generationId: b2.generationId, memberId: b2.memberId, assignments: [] });
    expect(gc.leave('g', a2.memberId)).toBe(0);
    expect((await bSync).errorCode).toBe(27);
    expect(gc.stateOf('g')).not.toBe('Stable');
    // SyncGroup during PreparingRebalance is refused the same way.
    const stale = await gc.sync({ groupId: 'g', generationId: b2.generationId, memberId: b2.memberId, assignments: [] });
    expect(stale.errorCode).toBe(27);
  });
});

describe('protocols', () => {
  it('a member without a protocol every member supports is refused with 23', async () => {
    await stableSingle({ protocols: [RANGE] });
    expect((await gc.join(joinReq({ protocols: [RR] }))).errorCode).toBe(23);
    expect((await gc.join(joinReq({ protocolType: 'connect', protocols: [RANGE] }))).errorCode).toBe(23);
    expect((await gc.join(joinReq({ groupId: 'other', protocols: [] }))).errorCode).toBe(23);
    expect(gc.describe('g').members).toHaveLength(1);
  });

  it('chooses the protocol most members prefer among those all support', async () => {
    const a = await gc.join(joinReq({ clientId: 'a', protocols: [RR, RANGE] }));
    expect(a.protocolName).toBe('roundrobin');
    await gc.sync({ groupId: 'g', generationId: a.generationId, memberId: a.memberId, assignments: [] });
    // Newcomers first: they wait for a, whose rejoin then completes the round for all three.
    const b = gc.join(joinReq({ clientId: 'b', protocols: [RANGE, RR] }));
    const c = gc.join(joinReq({ clientId: 'c', protocols: [RANGE] }));
    const res = await Promise.all([gc.join(joinReq({ memberId: a.memberId, protocols: [RR, RANGE] })), b, c]);
    for (const r of res) expect(r.protocolName).toBe('range');
    const leader = res.find((r) => r.memberId === r.leaderId)!;
    // The leader sees each member's metadata for the chosen protocol.
    expect(leader.members.map((m) => m.metadata.toString())).toEqual(['range-meta', 'range-meta', 'range-meta']);
  });
});

describe('errors', () => {
  it('answers unknown members, wrong generations and invalid input with Kafka error codes', async () => {
    expect(gc.heartbeat('nope', 1, 'x')).toBe(25);
    expect(gc.leave('nope', 'x')).toBe(25);
    expect((await gc.join(joinReq({ groupId: 'nope', memberId: 'x' }))).errorCode).toBe(25);
    expect((await gc.sync({ groupId: 'nope', generationId: 1, memberId: 'x', assignments: [] })).errorCode).toBe(25);
    expect((await gc.join(joinReq({ groupId: '' }))).errorCode).toBe(24);
    expect(gc.heartbeat('', 1, 'x')).toBe(24);
    expect((await gc.join(joinReq({ sessionTimeoutMs: 10 }))).errorCode).toBe(26);
    expect((await gc.join(joinReq({ sessionTimeoutMs: 10_000_000 }))).errorCode).toBe(26);

    const a = await stableSingle();
    expect((await gc.sync({ groupId: 'g', generationId: 7, memberId: a.memberId, assignments: [] })).errorCode).toBe(22);
    expect(gc.heartbeat('g', 7, a.memberId)).toBe(22);
    expect(gc.heartbeat('g', 1, 'someone-else')).toBe(25);
    expect((await gc.join(joinReq({ memberId: 'someone-else' }))).errorCode).toBe(25);
    expect(gc.describe('unknown')).toEqual({ errorCode: 0, groupId: 'unknown', state: 'Dead', protocolType: '', protocol: '', members: [] });
  });

  it('close() answers pending joins and syncs instead of leaving them hanging', async () => {
    const a = await stableSingle();
    const bJoin = gc.join(joinReq({ clientId: 'b' }));
    expect(await peek(bJoin)).toBe('pending');
    gc.close();
    expect((await bJoin).errorCode).toBe(15);
    expect(gc.heartbeat('g', 1, a.memberId)).toBe(15);
  });
});
