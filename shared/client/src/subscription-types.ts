/**
 * What a subscription hands the application and what it is asked with: its
 * deliveries, notices, events, states and options (see subscription.ts for
 * the object itself).
 */
import type { Update } from '@newswire/schema/v2';
import type { CursorPosition } from './cursor.ts';
import type { Position, SubscriptionFilter } from './wire.ts';

/** One update as handed to the application, with where it sits in the log. */
export interface Delivery {
  update: Update;
  topic: string;
  partition: number;
  /** The update's offset: a decimal string (Kafka offsets are int64). */
  offset: string;
  epoch: string;
  /** Kafka timestamp of the record (ms since the epoch). */
  ts: number;
  /** True when it came from catch-up/replay rather than the live stream. */
  replay: boolean;
}

export interface GapNotice {
  topic: string;
  partition: number;
  /** The next offset the subscription asked for (null when the gateway could not tell). */
  requested: string | null;
  /** Where delivery resumes; updates in [requested, available) are gone. Offsets are decimal strings. */
  available: string;
  /** 'retention': deleted from the log; 'epoch': our positions belong to another log; 'reset': the log was replaced. */
  reason: 'retention' | 'epoch' | 'reset';
}

export interface LaggedNotice {
  /** 'server': the gateway cut us (send buffer full); 'client': this SDK's iterator buffer filled up. */
  source: 'server' | 'client';
  /** Where delivery will resume. */
  positions: CursorPosition[];
}

export interface LiveNotice {
  /** True when every update since the resume point was delivered (no gap). */
  recovered: boolean;
  /** How many updates the catch-up delivered (what happened while we were away), as counted by the gateway. */
  missed: number;
  /** True when this followed a resume (reconnect or local resync), false on the first subscribe. */
  resumed: boolean;
}

export interface SubscriptionError {
  code: string;
  message: string;
  /** true: the gateway's refusal is temporary and the SDK subscribes again from the cursor after a backoff. */
  temporary?: boolean;
}

export interface SubscriptionEvents {
  update: Delivery;
  gap: GapNotice;
  lagged: LaggedNotice;
  live: LiveNotice;
  snapshot: StorySnapshot;
  error: SubscriptionError;
  /** The subscription ended: closed by the application, the client closed, or refused by the gateway. */
  end: { reason: string };
}

export type From = 'live' | 'earliest' | Date | { time: string | Date } | { positions: Position[]; epoch?: string };

export interface SubscribeOptions {
  /** Kafka topics; default: every topic the gateway serves (or those of `filter.kinds`). */
  topics?: string[];
  filter?: SubscriptionFilter;
  /** Where to start; default 'live'. */
  from?: From;
  /**
   * Capacity of the async-iterator buffer (deliveries). When the application
   * iterates slower than updates arrive and the buffer is full, the SDK
   * unsubscribes, emits 'lagged' {source:'client'}, waits until the buffer is
   * half empty and resubscribes from the last buffered position: nothing is
   * lost or duplicated and memory stays bounded. Default 10,000.
   */
  bufferSize?: number;
  /** How many recent update ids are remembered for dedupe. Default 10,000. */
  dedupeWindow?: number;
  /**
   * Start with a story's state: the subscription emits 'snapshot' (and
   * `sub.snapshot` resolves) before any update, then delivers that story's
   * updates from exactly the snapshot's positions. Leave out topics, filter
   * and from. A reconnect resumes from the cursor, without a new snapshot.
   */
  snapshot?: SnapshotRequest;
}

/** What a snapshot subscription asks for (docs/gateway.md#snapshot-then-live). */
export interface SnapshotRequest {
  story: string;
  /** Most recent updates wanted with the state (default 0). */
  recent?: number;
  /** `board` (default): the lists a dashboard draws, cut to their newest with counts, no figure series; `full`: the whole view. */
  view?: 'board' | 'full';
}

export type SubscriptionState = 'pending' | 'catching-up' | 'live' | 'paused' | 'closed';

/** A story's state as the gateway holds it (docs/story-state.md), with the updates it reflects last. */
export interface StorySnapshot {
  story: string;
  epoch: string;
  /**
   * The state, null when the gateway holds nothing for the story yet: a
   * StoryBoard of @newswire/story-state (lists cut to their newest, with
   * `counts`), or with `view: 'full'` the whole StoryView.
   */
  state: Record<string, unknown> | null;
  /** The most recent updates the state reflects, oldest first. */
  recent: Delivery[];
  /** Cursors the state reflects: live updates follow from exactly here. */
  positions: Position[];
  /** complete false: built from a log retention had cut; building true: the gateway is still catching up after a restart. */
  history: { complete: boolean; building: boolean };
}
