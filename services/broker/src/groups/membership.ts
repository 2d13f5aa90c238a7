/**
 * Group membership for a single-node broker, following Apache Kafka 2.1's
 * GroupCoordinator: Empty -> PreparingRebalance -> CompletingRebalance ->
 * Stable, with session and rebalance timeouts.
 *
 * Every call runs to completion on the event loop; JoinGroup and SyncGroup
 * return promises that resolve when the rebalance reaches them. All timers
 * are unref'd so an idle broker never stays alive because of a group.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { GroupError } from './errors.ts';
import { Group, Member } from './group.ts';
import type { OffsetStore } from './offset-store.ts';
import type { JoinGroupRequest, JoinGroupResponse, SyncGroupRequest, SyncGroupResponse } from './types.ts';

export interface MembershipOptions {
  store: OffsetStore;
  logger: Logger | undefined;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initialRebalanceDelayMs: number;
}

const EMPTY = Buffer.alloc(0);

export class Membership {
  private readonly groups = new Map<string, Group>();
  private readonly store: OffsetStore;
  private readonly logger: Logger | undefined;
  private readonly minSession: number;
  private readonly maxSession: number;
  private readonly initialDelay: number;
  private closed = false;

  constructor(opts: MembershipOptions) {
    this.store = opts.store;
    this.logger = opts.logger;
    this.minSession = opts.minSessionTimeoutMs;
    this.maxSession = opts.maxSessionTimeoutMs;
    this.initialDelay = opts.initialRebalanceDelayMs;
  }

  // ---- JoinGroup ---------------------------------------------------------

  join(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    const fail = (errorCode: number) => Promise.resolve(joinError(req.memberId, errorCode));
    if (this.closed) return fail(GroupError.COORDINATOR_NOT_AVAILABLE);
    if (!req.groupId) return fail(GroupError.INVALID_GROUP_ID);
    if (req.sessionTimeoutMs < this.minSession || req.sessionTimeoutMs > this.maxSession) return fail(GroupError.INVALID_SESSION_TIMEOUT);

    let group = this.groups.get(req.groupId);
    if (!group) {
      // A member id for a group we do not know (e.g. after a restart): make the client start over.
      if (req.memberId !== '') return fail(GroupError.UNKNOWN_MEMBER_ID);
      group = this.newGroup(req.groupId);
      this.groups.set(req.groupId, group);
    }
    const names = req.protocols.map((p) => p.name);
    if (!group.supportsProtocols(req.protocolType, names)) {
      this.forgetIfUnused(group);
      return fail(GroupError.INCONSISTENT_GROUP_PROTOCOL);
    }
    if (req.memberId !== '' && !group.members.has(req.memberId)) return fail(GroupError.UNKNOWN_MEMBER_ID);

    const g = group;
    return new Promise((resolve) => {
      if (req.memberId === '') {
        this.addMemberAndRebalance(g, req, resolve);
        return;
      }
      const member = g.members.get(req.memberId)!;
      switch (g.state) {
        case 'PreparingRebalance':
          this.updateMemberAndRebalance(g, member, req, resolve);
          break;
        case 'CompletingRebalance':
          // A resent join with nothing changed gets this generation's answer again.
          if (member.matches(req.protocols)) resolve(this.joinResult(g, member));
          else this.updateMemberAndRebalance(g, member, req, resolve);
          break;
        case 'Stable':
          // The leader rejoining, or a member with new metadata (e.g. new subscriptions), forces a rebalance;
          // a follower rejoining unchanged just gets the current generation (as Kafka does).
          if (g.isLeader(member.memberId) || !member.matches(req.protocols)) this.updateMemberAndRebalance(g, member, req, resolve);
          else resolve(this.joinResult(g, member));
          break;
        default:
          resolve(joinError(req.memberId, GroupError.UNKNOWN_MEMBER_ID));
      }
    });
  }

  private addMemberAndRebalance(group: Group, req: JoinGroupRequest, resolve: (r: JoinGroupResponse) => void): void {
    const memberId = `${req.clientId}-${randomUUID()}`;
    const member = new Member(memberId, req.clientId, req.clientHost, req.sessionTimeoutMs, req.rebalanceTimeoutMs, req.protocols);
    group.add(member, req.protocolType);
    member.awaitingJoin = resolve;
    this.touchSession(group, member);
    this.logger?.debug({ groupId: group.groupId, memberId, state: group.state }, 'member joined');
    this.rebalanceOrTryComplete(group);
  }

  private updateMemberAndRebalance(group: Group, member: Member, req: JoinGroupRequest, resolve: (r: JoinGroupResponse) => void): void {
    member.protocols = req.protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    if (member.sessionTimeoutMs !== req.sessionTimeoutMs) {
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      this.clearSession(member);
    }
    // A retried join replaces the earlier one; answer the earlier so nothing dangles.
    member.awaitingJoin?.(joinError(member.memberId, GroupError.REBALANCE_IN_PROGRESS));
    member.awaitingJoin = resolve;
    this.touchSession(group, member);
    this.rebalanceOrTryComplete(group);
  }

  private rebalanceOrTryComplete(group: Group): void {
    if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
    else this.prepareRebalance(group);
  }

  private prepareRebalance(group: Group): void {
    if (group.state === 'CompletingRebalance') this.propagateSyncError(group, GroupError.REBALANCE_IN_PROGRESS);
    const wasEmpty = group.state === 'Empty';
    group.state = 'PreparingRebalance';
    this.logger?.info({ groupId: group.groupId, generationId: group.generationId, members: group.members.size }, 'preparing rebalance');
    this.clearJoinTimers(group);
    // Members that have not rejoined when the rebalance timeout passes are dropped.
    group.joinTimer = setTimeout(() => this.completeJoin(group), Math.max(1, group.maxRebalanceTimeoutMs())).unref();
    if (wasEmpty && this.initialDelay > 0) {
      // The delay is over when its timer fires, not when Date.now() says so: a timer can fire a
      // millisecond early by the wall clock, and a join checked then waited out the rebalance timeout.
      group.delayTimer = setTimeout(() => {
        group.delayTimer = null;
        this.tryCompleteJoin(group);
      }, this.initialDelay).unref();
    }
    this.tryCompleteJoin(group);
  }

  private tryCompleteJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance') return;
    if (group.allRejoined() && !group.delayTimer) this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    if (group.state !== 'PreparingRebalance' || this.groups.get(group.groupId) !== group) return;
    this.clearJoinTimers(group);
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin) continue;
      this.logger?.info({ groupId: group.groupId, memberId: m.memberId }, 'member did not rejoin in time: removed');
      this.clearSession(m);
      m.awaitingSync?.(syncError(GroupError.REBALANCE_IN_PROGRESS));
      m.awaitingSync = null;
      group.remove(m.memberId);
    }
    group.generationId++;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocol = '';
      this.persistGeneration(group);
      this.forgetIfUnused(group);
      return;
    }
    group.protocol = group.selectProtocol();
    group.state = 'CompletingRebalance';
    for (const m of group.members.values()) m.assignment = EMPTY;
    this.persistGeneration(group);
    this.logger?.info(
      { groupId: group.groupId, generationId: group.generationId, protocol: group.protocol, leader: group.leaderId, members: group.members.size },
      'rebalance: join complete',
    );
    for (const m of group.members.values()) {
      const reply = m.awaitingJoin!;
      m.awaitingJoin = null;
      this.touchSession(group, m);
      reply(this.joinResult(group, m));
    }
  }

  private joinResult(group: Group, member: Member): JoinGroupResponse {
    const leader = group.isLeader(member.memberId);
    return {
      errorCode: GroupError.NONE,
      generationId: group.generationId,
      protocolName: group.protocol,
      leaderId: group.leaderId,
      memberId: member.memberId,
      members: leader ? [...group.members.values()].map((m) => ({ memberId: m.memberId, metadata: m.metadataFor(group.protocol) })) : [],
    };
  }

  // ---- SyncGroup / Heartbeat / LeaveGroup ------------------------------

  sync(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    const fail = (code: number) => Promise.resolve(syncError(code));
    if (this.closed) return fail(GroupError.COORDINATOR_NOT_AVAILABLE);
    if (!req.groupId) return fail(GroupError.INVALID_GROUP_ID);
    const group = this.groups.get(req.groupId);
    const member = group?.members.get(req.memberId);
    if (!group || !member) return fail(GroupError.UNKNOWN_MEMBER_ID);
    if (req.generationId !== group.generationId) return fail(GroupError.ILLEGAL_GENERATION);
    if (group.state === 'PreparingRebalance') return fail(GroupError.REBALANCE_IN_PROGRESS);
    this.touchSession(group, member);
    if (group.state === 'Stable') return Promise.resolve({ errorCode: GroupError.NONE, assignment: member.assignment });
    if (group.state !== 'CompletingRebalance') return fail(GroupError.UNKNOWN_MEMBER_ID);

    return new Promise((resolve) => {
      member.awaitingSync?.(syncError(GroupError.REBALANCE_IN_PROGRESS));
      member.awaitingSync = resolve;
      if (!group.isLeader(member.memberId)) return;
      // The leader's assignments complete the rebalance; members it left out get an empty one.
      const given = new Map(req.assignments.map((a) => [a.memberId, a.assignment]));
      for (const m of group.members.values()) m.assignment = given.get(m.memberId) ?? EMPTY;
      group.state = 'Stable';
      this.logger?.info({ groupId: group.groupId, generationId: group.generationId }, 'rebalance: group stable');
      for (const m of group.members.values()) {
        const reply = m.awaitingSync;
        m.awaitingSync = null;
        reply?.({ errorCode: GroupError.NONE, assignment: m.assignment });
      }
    });
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    if (this.closed) return GroupError.COORDINATOR_NOT_AVAILABLE;
    if (!groupId) return GroupError.INVALID_GROUP_ID;
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return GroupError.UNKNOWN_MEMBER_ID;
    if (group.state === 'PreparingRebalance' || group.state === 'CompletingRebalance') {
      this.touchSession(group, member);
      return GroupError.REBALANCE_IN_PROGRESS;
    }
    if (generationId !== group.generationId) return GroupError.ILLEGAL_GENERATION;
    this.touchSession(group, member);
    return GroupError.NONE;
  }

  leave(groupId: string, memberId: string): number {
    if (this.closed) return GroupError.COORDINATOR_NOT_AVAILABLE;
    if (!groupId) return GroupError.INVALID_GROUP_ID;
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) return GroupError.UNKNOWN_MEMBER_ID;
    this.logger?.info({ groupId, memberId }, 'member left');
    this.removeMemberAndUpdateGroup(group, member);
    return GroupError.NONE;
  }

  private removeMemberAndUpdateGroup(group: Group, member: Member): void {
    this.clearSession(member);
    member.awaitingJoin?.(joinError(member.memberId, GroupError.UNKNOWN_MEMBER_ID));
    member.awaitingSync?.(syncError(GroupError.UNKNOWN_MEMBER_ID));
    member.awaitingJoin = null;
    member.awaitingSync = null;
    group.remove(member.memberId);
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') this.prepareRebalance(group);
    else if (group.state === 'PreparingRebalance') this.tryCompleteJoin(group);
  }

  /** (Re)starts a member's session timer: a heartbeat, join, sync or commit proves it alive. */
  touchSession(group: Group, member: Member): void {
    if (member.sessionTimer) {
      member.sessionTimer.refresh();
      return;
    }
    member.sessionTimer = setTimeout(() => {
      if (group.members.get(member.memberId) !== member) return;
      // A member blocked in JoinGroup/SyncGroup is waiting on us, not dead.
      if (member.isAwaiting()) {
        member.sessionTimer?.refresh();
        return;
      }
      this.logger?.info({ groupId: group.groupId, memberId: member.memberId }, 'member session expired');
      this.removeMemberAndUpdateGroup(group, member);
    }, member.sessionTimeoutMs).unref();
  }

  private clearSession(member: Member): void {
    if (member.sessionTimer) clearTimeout(member.sessionTimer);
    member.sessionTimer = null;
  }

  private clearJoinTimers(group: Group): void {
    if (group.joinTimer) clearTimeout(group.joinTimer);
    if (group.delayTimer) clearTimeout(group.delayTimer);
    group.joinTimer = null;
    group.delayTimer = null;
  }

  private propagateSyncError(group: Group, code: number): void {
    for (const m of group.members.values()) {
      m.assignment = EMPTY;
      const reply = m.awaitingSync;
      m.awaitingSync = null;
      reply?.(syncError(code));
    }
  }

  /** Answers every pending join/sync and stops all timers. */
  close(): void {
    this.closed = true;
    for (const group of this.groups.values()) {
      this.clearJoinTimers(group);
      for (const m of group.members.values()) {
        this.clearSession(m);
        m.awaitingJoin?.(joinError(m.memberId, GroupError.COORDINATOR_NOT_AVAILABLE));
        m.awaitingSync?.(syncError(GroupError.COORDINATOR_NOT_AVAILABLE));
        m.awaitingJoin = null;
        m.awaitingSync = null;
      }
    }
    this.groups.clear();
  }


  // ---- group lookup -------------------------------------------------------

  get(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  add(group: Group): void {
    this.groups.set(group.groupId, group);
  }

  all(): IterableIterator<Group> {
    return this.groups.values();
  }

  newGroup(groupId: string): Group {
    const meta = this.store.groupMeta(groupId);
    return new Group(groupId, meta?.generationId ?? 0, meta?.protocolType ?? '');
  }

  private persistGeneration(group: Group): void {
    try {
      this.store.recordGeneration(group.groupId, group.protocolType, group.generationId);
    } catch (err) {
      // Losing a generation record only risks reusing generation numbers after a restart.
      this.logger?.warn({ err, groupId: group.groupId }, 'could not persist group generation');
    }
  }

  /** Empty groups without committed offsets disappear (Kafka marks them Dead and drops them). */
  forgetIfUnused(group: Group): void {
    if (group.state === 'Empty' && group.members.size === 0 && !this.store.hasOffsets(group.groupId)) {
      this.clearJoinTimers(group);
      if (this.groups.get(group.groupId) === group) this.groups.delete(group.groupId);
    }
  }
}

export function joinError(memberId: string, errorCode: number): JoinGroupResponse {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}

export function syncError(errorCode: number): SyncGroupResponse {
  return { errorCode, assignment: EMPTY };
}
