/**
 * The broker's GroupCoordinatorApi: group membership (see membership.ts) plus
 * committed offsets persisted in `<dataDir>/__consumer_offsets.log` (see
 * offset-store.ts), so commits survive a broker restart.
 */
import type { Logger } from 'pino';
import { GroupError } from './errors.ts';
import type { GroupState } from './group.ts';
import { Membership } from './membership.ts';
import { OffsetStore } from './offset-store.ts';
import type {
  CommittedOffset,
  DescribedGroup,
  GroupCoordinatorApi,
  JoinGroupRequest,
  JoinGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from './types.ts';

export interface GroupCoordinatorOptions {
  /** Broker data dir; committed offsets live in `<dataDir>/__consumer_offsets.log`. */
  dataDir: string;
  logger?: Logger;
  /** Accepted session timeouts (Kafka: group.min/max.session.timeout.ms = 6000/300000; our min is 1000 for fast tests). */
  minSessionTimeoutMs?: number;
  maxSessionTimeoutMs?: number;
  /** Kafka's group.initial.rebalance.delay.ms: extra wait when an Empty group gets its first members (default 0). */
  initialRebalanceDelayMs?: number;
  /** fdatasync the offsets file on every commit (default true). */
  fsync?: boolean;
  /** Kafka's offset.metadata.max.bytes (default 4096). */
  maxMetadataBytes?: number;
  /** Rewrite the offsets log once it has this many superseded lines (default 10 000). */
  compactSlackLines?: number;
}

const EMPTY = Buffer.alloc(0);

export class GroupCoordinator implements GroupCoordinatorApi {
  private readonly store: OffsetStore;
  private readonly membership: Membership;
  private readonly logger: Logger | undefined;
  private readonly maxMetadataBytes: number;
  private closed = false;

  constructor(opts: GroupCoordinatorOptions) {
    this.logger = opts.logger;
    this.maxMetadataBytes = opts.maxMetadataBytes ?? 4096;
    this.store = new OffsetStore({
      dataDir: opts.dataDir,
      fsync: opts.fsync ?? true,
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.compactSlackLines !== undefined ? { compactSlackLines: opts.compactSlackLines } : {}),
    });
    this.membership = new Membership({
      store: this.store,
      logger: opts.logger,
      minSessionTimeoutMs: opts.minSessionTimeoutMs ?? 1000,
      maxSessionTimeoutMs: opts.maxSessionTimeoutMs ?? 300_000,
      initialRebalanceDelayMs: opts.initialRebalanceDelayMs ?? 0,
    });
    // Groups with committed offsets exist (Empty) after a restart, as in Kafka.
    for (const id of this.store.groupsWithOffsets()) this.membership.add(this.membership.newGroup(id));
  }

  join(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return this.membership.join(req);
  }

  sync(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.membership.sync(req);
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    return this.membership.heartbeat(groupId, generationId, memberId);
  }

  leave(groupId: string, memberId: string): number {
    return this.membership.leave(groupId, memberId);
  }

  // ---- Describe / List ---------------------------------------------------

  describe(groupId: string): DescribedGroup {
    const group = this.membership.get(groupId);
    if (!group) return { errorCode: GroupError.NONE, groupId, state: 'Dead', protocolType: '', protocol: '', members: [] };
    // Like Kafka: protocol, metadata and assignments are only shown once the group is Stable.
    const stable = group.state === 'Stable';
    return {
      errorCode: GroupError.NONE,
      groupId,
      state: group.state,
      protocolType: group.protocolType,
      protocol: stable ? group.protocol : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        metadata: stable ? m.metadataFor(group.protocol) : EMPTY,
        assignment: stable ? m.assignment : EMPTY,
      })),
    };
  }

  listGroups(): { groupId: string; protocolType: string }[] {
    return [...this.membership.all()].map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }));
  }

  /** For tests and diagnostics. */
  stateOf(groupId: string): GroupState {
    return this.membership.get(groupId)?.state ?? 'Dead';
  }

  // ---- Offsets -------------------------------------------------------------

  commitOffsets(
    groupId: string,
    generationId: number,
    memberId: string,
    offsets: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): number[] {
    const all = (code: number) => offsets.map(() => code);
    if (this.closed) return all(GroupError.COORDINATOR_NOT_AVAILABLE);
    let group = this.membership.get(groupId);
    if (!group) {
      // Only a simple (non-group-managed) commit may create a group; anything else is from a dead generation.
      if (generationId >= 0) return all(GroupError.ILLEGAL_GENERATION);
      group = this.membership.newGroup(groupId);
      this.membership.add(group);
    } else if (!(generationId < 0 && group.state === 'Empty')) {
      const member = group.members.get(memberId);
      if (group.state === 'CompletingRebalance') return all(GroupError.REBALANCE_IN_PROGRESS);
      if (!member) return all(GroupError.UNKNOWN_MEMBER_ID);
      if (generationId !== group.generationId) return all(GroupError.ILLEGAL_GENERATION);
      this.membership.touchSession(group, member);
    }
    const codes = offsets.map((o) =>
      o.metadata !== null && Buffer.byteLength(o.metadata) > this.maxMetadataBytes ? GroupError.OFFSET_METADATA_TOO_LARGE : GroupError.NONE,
    );
    const accepted = offsets.filter((_, i) => codes[i] === GroupError.NONE);
    try {
      this.store.commit(groupId, accepted);
    } catch (err) {
      this.logger?.error({ err, groupId }, 'could not persist committed offsets');
      this.membership.forgetIfUnused(group);
      return all(GroupError.COORDINATOR_NOT_AVAILABLE);
    }
    this.membership.forgetIfUnused(group);
    return codes;
  }

  fetchOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.store.get(groupId, topic, partition);
  }

  fetchAllOffsets(groupId: string): { topic: string; partition: number; offset: CommittedOffset }[] {
    return this.store.all(groupId).map((e) => ({ topic: e.topic, partition: e.partition, offset: { offset: e.offset, metadata: e.metadata } }));
  }

  /** Call when a topic is deleted: its committed offsets go with it (as in Kafka). */
  onTopicDeleted(topic: string): void {
    try {
      this.store.deleteTopic(topic);
    } catch (err) {
      this.logger?.error({ err, topic }, 'could not drop committed offsets of a deleted topic');
    }
    for (const g of [...this.membership.all()]) this.membership.forgetIfUnused(g);
  }

  /** Stops every timer, answers pending joins/syncs with COORDINATOR_NOT_AVAILABLE, closes the offsets file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.membership.close();
    this.store.close();
  }
}
