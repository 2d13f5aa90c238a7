/**
 * One consumer group's in-memory state: its members, generation, chosen
 * protocol and leader. Pure bookkeeping: the GroupCoordinator drives the
 * state transitions, timers and pending requests.
 */
import type { JoinGroupResponse, SyncGroupResponse } from './types.ts';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface MemberProtocol {
  name: string;
  metadata: Buffer;
}

const EMPTY = Buffer.alloc(0);

export class Member {
  assignment: Buffer = EMPTY;
  /** Set while the member's JoinGroup waits for the rebalance to complete. */
  awaitingJoin: ((res: JoinGroupResponse) => void) | null = null;
  /** Set while the member's SyncGroup waits for the leader's assignments. */
  awaitingSync: ((res: SyncGroupResponse) => void) | null = null;
  sessionTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly memberId: string,
    readonly clientId: string,
    readonly clientHost: string,
    public sessionTimeoutMs: number,
    public rebalanceTimeoutMs: number,
    public protocols: MemberProtocol[],
  ) {}

  metadataFor(protocol: string): Buffer {
    return this.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY;
  }

  /** Same protocols, in the same order, with the same metadata: a rejoin that changes nothing. */
  matches(protocols: MemberProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => {
      const mine = this.protocols[i]!;
      return mine.name === p.name && mine.metadata.equals(p.metadata);
    });
  }

  /** A member waiting on a JoinGroup or SyncGroup is alive even without heartbeats (as in Kafka). */
  isAwaiting(): boolean {
    return this.awaitingJoin !== null || this.awaitingSync !== null;
  }
}

export class Group {
  state: GroupState = 'Empty';
  protocol = '';
  leaderId = '';
  /** Members in join order; the first remaining one becomes leader when the leader goes. */
  readonly members = new Map<string, Member>();
  /** Forces join completion when the rebalance timeout passes. */
  joinTimer: NodeJS.Timeout | null = null;
  /** Set while the initial rebalance delay of a group that was Empty runs: join completion waits for it. */
  delayTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly groupId: string,
    public generationId: number,
    public protocolType: string,
  ) {}

  add(member: Member, protocolType: string): void {
    // The first member fixes the group's protocol type (e.g. "consumer").
    if (this.members.size === 0) this.protocolType = protocolType;
    this.members.set(member.memberId, member);
    if (!this.leaderId) this.leaderId = member.memberId;
  }

  remove(memberId: string): void {
    this.members.delete(memberId);
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? '';
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  /** Protocol names every member offers. */
  candidateProtocols(): Set<string> {
    let common: string[] | null = null;
    for (const m of this.members.values()) {
      const names = m.protocols.map((p) => p.name);
      common = common === null ? names : common.filter((n) => names.includes(n));
    }
    return new Set(common ?? []);
  }

  /**
   * Whether a (new or rejoining) member with these protocols can be in the group:
   * the first member sets the protocol type; later ones must share it and offer
   * at least one protocol every current member offers.
   */
  supportsProtocols(protocolType: string, names: string[]): boolean {
    if (this.members.size === 0) return protocolType !== '' && names.length > 0;
    if (protocolType !== this.protocolType) return false;
    const candidates = this.candidateProtocols();
    return names.some((n) => candidates.has(n));
  }

  /**
   * Kafka's selection: among protocols every member supports, each member votes
   * for the first one in its own preference order; most votes wins (ties go to
   * the candidate listed first by the earliest member).
   */
  selectProtocol(): string {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      for (const p of m.protocols) if (candidates.has(p.name) && !votes.has(p.name)) votes.set(p.name, 0);
    }
    for (const m of this.members.values()) {
      const choice = m.protocols.find((p) => candidates.has(p.name));
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [name, n] of votes) {
      if (n > bestVotes) {
        best = name;
        bestVotes = n;
      }
    }
    return best;
  }

  allRejoined(): boolean {
    for (const m of this.members.values()) if (m.awaitingJoin === null) return false;
    return true;
  }

  maxRebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }
}
