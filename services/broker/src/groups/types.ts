/**
 * Contract between the request handlers and consumer-group coordination.
 * Handlers decode a request, call one of these, and encode whatever it
 * resolves to. Calls that must wait (JoinGroup until every member rejoined,
 * SyncGroup until the leader sent assignments) return promises.
 */

export interface JoinGroupRequest {
  groupId: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  memberId: string; // '' for a new member
  clientId: string;
  clientHost: string;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

export interface JoinGroupResponse {
  errorCode: number;
  generationId: number;
  protocolName: string;
  leaderId: string;
  memberId: string;
  /** Non-empty only for the leader. */
  members: { memberId: string; metadata: Buffer }[];
}

export interface SyncGroupRequest {
  groupId: string;
  generationId: number;
  memberId: string;
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResponse {
  errorCode: number;
  assignment: Buffer;
}

export interface DescribedGroup {
  errorCode: number;
  groupId: string;
  state: string; // Empty | PreparingRebalance | CompletingRebalance | Stable | Dead
  protocolType: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; metadata: Buffer; assignment: Buffer }[];
}

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}

export interface GroupCoordinatorApi {
  join(req: JoinGroupRequest): Promise<JoinGroupResponse>;
  sync(req: SyncGroupRequest): Promise<SyncGroupResponse>;
  heartbeat(groupId: string, generationId: number, memberId: string): number; // error code
  leave(groupId: string, memberId: string): number;
  describe(groupId: string): DescribedGroup;
  listGroups(): { groupId: string; protocolType: string }[];
  /** generationId -1 / memberId '' = simple (non-group) commit. Returns an error code per partition. */
  commitOffsets(
    groupId: string,
    generationId: number,
    memberId: string,
    offsets: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): number[];
  fetchOffset(groupId: string, topic: string, partition: number): CommittedOffset | undefined;
  /** All committed partitions of a group (OffsetFetch with topics = null). */
  fetchAllOffsets(groupId: string): { topic: string; partition: number; offset: CommittedOffset }[];
  /** Optional: a deleted topic's committed offsets are dropped (as Kafka does). */
  onTopicDeleted?(topic: string): void;
  close(): void;
}
