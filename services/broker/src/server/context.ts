import type { Logger } from 'pino';
import type { LogManager } from '../storage/types.ts';
import type { GroupCoordinatorApi } from '../groups/types.ts';
import type { PersistentMeta } from './persistent-meta.ts';
import type { FetchWaiters } from './fetch-waiters.ts';
import type { SlabPool } from '../storage/read-buffers.ts';
import type { TopicIds } from './topic-ids.ts';
import type { FetchBudget } from './fetch-budget.ts';

/** The single node's id: it is leader, controller and coordinator for everything. */
export const NODE_ID = 0;

/** Everything a request handler may touch, shared by all connections. */
export interface BrokerContext {
  logs: LogManager;
  groups: GroupCoordinatorApi;
  meta: PersistentMeta;
  /** Topic ids (KIP-516) for Metadata v10+, Fetch v13+, Produce v13 and the admin APIs. */
  topicIds: TopicIds;
  waiters: FetchWaiters;
  logger: Logger;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  /** Upper bound for partitions per topic (CreateTopics / auto-create). */
  maxPartitions: number;
  /** Longest a Fetch may be held, whatever max_wait_ms asks. */
  maxFetchWaitMs: number;
  /** Kafka's fetch.max.bytes: the most record bytes one Fetch response carries, whatever max_bytes asks. */
  fetchMaxBytes: number;
  /** Record bytes of Fetch responses not yet sent, across all connections (see fetch-budget.ts). */
  fetchBudget: FetchBudget;
  /** Reused buffers Fetch reads record batches into (see storage/read-buffers.ts). */
  readSlabs: SlabPool;
  /** Set when the broker stops: long-polls return at once. */
  closing: boolean;
}

/** Per-request facts the connection knows and the request body does not. */
export interface RequestInfo {
  clientId: string;
  /** The request's API version: some answers depend on it (Metadata v0's empty list, CreateTopics' -1 before v4). */
  apiVersion: number;
  /** Client address as Kafka reports it ("/127.0.0.1"). */
  clientHost: string;
  /** The address and port this connection reached: what Metadata advertises. */
  advertisedHost: string;
  advertisedPort: number;
  /** Aborted when the connection closes: waiting handlers (long-polls) give up early. */
  signal: AbortSignal;
  /**
   * Run `fn` once the socket no longer needs this request's response bytes:
   * after they were written, or when the response is dropped unsent. Not
   * run after a failed write (the GC takes those buffers instead), so a
   * buffer handed back here is never still queued in the socket.
   */
  afterSend(fn: () => void): void;
}

/** Returned by a handler when the request gets no response (Produce with acks=0). */
export const NO_RESPONSE = Symbol('no-response');

/**
 * Returned instead of a response when the connection must close after the
 * responses before it are sent: what Kafka does when an acks=0 produce
 * fails, since the client gets no response to learn it from.
 */
export const CLOSE_CONNECTION = Symbol('close-connection');
