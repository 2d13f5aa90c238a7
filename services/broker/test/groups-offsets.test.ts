/**
 * Committed offsets: generation checks, negative offsets, persistence across
 * a coordinator restart on the same data dir, torn-tail recovery and
 * compaction of the offsets log. Drives the real GroupCoordinator and files.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCoordinator } from '../src/groups/group-coordinator.ts';
import { OFFSETS_FILE } from '../src/groups/offset-store.ts';

let dir: string;
let gc: GroupCoordinator;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'groups-offsets-'));
  gc = new GroupCoordinator({ dataDir: dir });
});
afterEach(() => {
  gc.close();
  rmSync(dir, { recursive: true, force: true });
});

function restart(fsync = true): void {
  gc.close();
  gc = new GroupCoordinator({ dataDir: dir, fsync });
}

const o = (topic: string, partition: number, offset: number, metadata: string | null = null) => ({ topic, partition, offset, metadata });

async function stableMember(groupId: string) {
  const j = await gc.join({
    groupId,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 30_000,
    memberId: '',
    clientId: 'c',
    clientHost: '/127.0.0.1',
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
  });
  await gc.sync({ groupId, generationId: j.generationId, memberId: j.memberId, assignments: [] });
  return j;
}

describe('commits', () => {
  it('simple commits (generation -1, no member) are stored; unknown partitions fetch as undefined', () => {
    expect(gc.commitOffsets('simple', -1, '', [o('t', 0, 42, 'meta'), o('t', 1, 7)])).toEqual([0, 0]);
    expect(gc.fetchOffset('simple', 't', 0)).toEqual({ offset: 42, metadata: 'meta' });
    expect(gc.fetchOffset('simple', 't', 1)).toEqual({ offset: 7, metadata: null });
    expect(gc.fetchOffset('simple', 't', 2)).toBeUndefined();
    expect(gc.fetchOffset('other', 't', 0)).toBeUndefined();
    expect(gc.fetchAllOffsets('simple').sort((a, b) => a.partition - b.partition)).toEqual([
      { topic: 't', partition: 0, offset: { offset: 42, metadata: 'meta' } },
      { topic: 't', partition: 1, offset: { offset: 7, metadata: null } },
    ]);
    expect(gc.listGroups()).toEqual([{ groupId: 'simple', protocolType: '' }]);
    expect(gc.describe('simple').state).toBe('Empty');
  });

  it('stores negative offsets (-1/-2) as given, as kafkajs commits them', () => {
    expect(gc.commitOffsets('neg', -1, '', [o('t', 0, -1), o('t', 1, -2)])).toEqual([0, 0]);
    expect(gc.fetchOffset('neg', 't', 0)?.offset).toBe(-1);
    expect(gc.fetchOffset('neg', 't', 1)?.offset).toBe(-2);
  });

  it('checks member and generation of group-managed commits', async () => {
    const m = await stableMember('g');
    expect(gc.commitOffsets('g', m.generationId, m.memberId, [o('t', 0, 10)])).toEqual([0]);
    expect(gc.commitOffsets('g', m.generationId + 1, m.memberId, [o('t', 0, 11)])).toEqual([22]);
    expect(gc.commitOffsets('g', m.generationId, 'stranger', [o('t', 0, 12)])).toEqual([25]);
    // A simple commit to a group with live members is not allowed to bypass them.
    expect(gc.commitOffsets('g', -1, '', [o('t', 0, 13)])).toEqual([25]);
    // A group-managed commit to a group nobody joined comes from a dead generation.
    expect(gc.commitOffsets('ghost', 3, 'x', [o('t', 0, 1)])).toEqual([22]);
    expect(gc.fetchOffset('g', 't', 0)?.offset).toBe(10);
  });

  it('refuses commits while the group waits for the leader, and accepts them while members rejoin', async () => {
    const a = await stableMember('g');
    const bJoin = gc.join({
      groupId: 'g', sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: '', clientId: 'b', clientHost: '/127.0.0.1',
      protocolType: 'consumer', protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    });
    // PreparingRebalance: a may still commit what it processed in its generation.
    expect(gc.stateOf('g')).toBe('PreparingRebalance');
    expect(gc.commitOffsets('g', a.generationId, a.memberId, [o('t', 0, 5)])).toEqual([0]);
    const aJoin = gc.join({
      groupId: 'g', sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 30_000, memberId: a.memberId, clientId: 'c', clientHost: '/127.0.0.1',
      protocolType: 'consumer', protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
    });
    const [a2] = await Promise.all([aJoin, bJoin]);
    expect(gc.stateOf('g')).toBe('CompletingRebalance');
    expect(gc.commitOffsets('g', a2.generationId, a.memberId, [o('t', 0, 6)])).toEqual([27]);
    expect(gc.fetchOffset('g', 't', 0)?.offset).toBe(5);
  });

  it('refuses oversized metadata per partition and keeps the rest', () => {
    expect(gc.commitOffsets('g', -1, '', [o('t', 0, 1, 'x'.repeat(5000)), o('t', 1, 2, 'ok')])).toEqual([12, 0]);
    expect(gc.fetchOffset('g', 't', 0)).toBeUndefined();
    expect(gc.fetchOffset('g', 't', 1)).toEqual({ offset: 2, metadata: 'ok' });
  });

  it('onTopicDeleted drops that topic’s offsets only', () => {
    gc.commitOffsets('g', -1, '', [o('gone', 0, 1), o('kept', 0, 2)]);
    gc.onTopicDeleted('gone');
    expect(gc.fetchOffset('g', 'gone', 0)).toBeUndefined();
    expect(gc.fetchOffset('g', 'kept', 0)?.offset).toBe(2);
    restart();
    expect(gc.fetchOffset('g', 'gone', 0)).toBeUndefined();
    expect(gc.fetchOffset('g', 'kept', 0)?.offset).toBe(2);
  });
});

describe('persistence', () => {
  it('commits survive a restart; the group comes back Empty with its protocol type and generation', async () => {
    const m = await stableMember('g');
    gc.commitOffsets('g', m.generationId, m.memberId, [o('t', 0, 100, 'm0'), o('t', 1, -1)]);
    gc.commitOffsets('g', m.generationId, m.memberId, [o('t', 0, 150, 'm1')]);
    gc.commitOffsets('s', -1, '', [o('u', 3, 9)]);
    restart();
    expect(gc.fetchOffset('g', 't', 0)).toEqual({ offset: 150, metadata: 'm1' });
    expect(gc.fetchOffset('g', 't', 1)).toEqual({ offset: -1, metadata: null });
    expect(gc.fetchOffset('s', 'u', 3)).toEqual({ offset: 9, metadata: null });
    expect(gc.listGroups().sort((a, b) => a.groupId.localeCompare(b.groupId))).toEqual([
      { groupId: 'g', protocolType: 'consumer' },
      { groupId: 's', protocolType: '' },
    ]);
    expect(gc.describe('g').state).toBe('Empty');
    // The old member is unknown now (its client rejoins), and generations keep counting up.
    expect(gc.heartbeat('g', m.generationId, m.memberId)).toBe(25);
    expect(gc.commitOffsets('g', m.generationId, m.memberId, [o('t', 0, 1)])).toEqual([25]);
    const again = await stableMember('g');
    expect(again.generationId).toBeGreaterThan(m.generationId);
  });

  it('drops a torn last line and unreadable lines, keeping every complete record', () => {
    gc.commitOffsets('g', -1, '', [o('t', 0, 1)]);
    gc.commitOffsets('g', -1, '', [o('t', 1, 2)]);
    gc.close();
    const file = join(dir, OFFSETS_FILE);
    appendFileSync(file, 'not json\n{"t":"o","g":"g","c":[["t",0,"NaN",null]]}\n{"t":"o","g":"g","c":[["t",0,99');
    gc = new GroupCoordinator({ dataDir: dir });
    expect(gc.fetchOffset('g', 't', 0)?.offset).toBe(1);
    expect(gc.fetchOffset('g', 't', 1)?.offset).toBe(2);
    // The rewrite on open left a clean file that takes new commits.
    expect(readFileSync(file, 'utf8')).not.toContain('not json');
    gc.commitOffsets('g', -1, '', [o('t', 0, 3)]);
    restart();
    expect(gc.fetchOffset('g', 't', 0)?.offset).toBe(3);
  });

  it('compacts superseded commits on open and while running', () => {
    gc.close();
    gc = new GroupCoordinator({ dataDir: dir, fsync: false });
    const file = join(dir, OFFSETS_FILE);
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    for (let i = 0; i < 500; i++) gc.commitOffsets('g', -1, '', [o('t', i % 3, i)]);
    expect(lines()).toBe(500);
    restart(false);
    expect(lines()).toBe(1); // one line holds the group's live offsets
    expect([0, 1, 2].map((p) => gc.fetchOffset('g', 't', p)?.offset)).toEqual([498, 499, 497]);
    // Past the slack the log is rewritten at runtime too, without losing anything.
    for (let i = 0; i < 12_000; i++) gc.commitOffsets('g', -1, '', [o('t', i % 3, 1000 + i)]);
    expect(lines()).toBeLessThan(11_000);
    restart();
    expect([0, 1, 2].map((p) => gc.fetchOffset('g', 't', p)?.offset)).toEqual([12_997, 12_998, 12_999]);
  });
});
