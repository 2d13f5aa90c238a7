/** The client's options, states and events (see client.ts). */
import type { ReconnectOptions } from './backoff.ts';
import type { WebSocketConstructor } from './socket.ts';
import type { ServerFrame } from './wire.ts';

export interface ConnectOptions {
  /** ws:// or wss:// URL of the gateway, e.g. ws://127.0.0.1:8080. */
  url: string;
  /** A token (JWT) to present in the hello frame. */
  token?: string;
  /** Called for a fresh token when the gateway closes with 4001 (token expired), or 4103 for a token that was not just fetched. */
  getToken?: () => string | Promise<string>;
  /** Backoff settings, or false to never reconnect. */
  reconnect?: Partial<ReconnectOptions> | boolean;
  /** WebSocket implementation; defaults to globalThis.WebSocket. */
  WebSocket?: WebSocketConstructor;
  /** Sends a ping after this long without any frame and gives the connection up after twice that. Default 20 s; 0 disables. */
  heartbeatMs?: number;
  /** Also validate every update against the full update schema (default false: frames are always checked, updates only for shape). */
  validateUpdates?: boolean;
}

export type ClientState = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface StateChange {
  state: ClientState;
  /** Reconnect attempt number ('connecting'/'reconnecting'). */
  attempt?: number;
  /** Delay before the next attempt ('reconnecting'). */
  delayMs?: number;
  /** Close code and reason of the connection that ended ('reconnecting'/'closed'). */
  code?: number;
  reason?: string;
  /** 'live' after a reconnect: true when every subscription resumed without a gap. */
  recovered?: boolean;
  /** 'live': updates missed across all subscriptions (gaps), as counted by the gateway. */
  missed?: number;
  /** 'live': true when this followed a reconnect. */
  resumed?: boolean;
}

export interface ClientError {
  /** The gateway's error code (any string: a newer gateway may send codes this SDK does not know), or 'bad_frame'. */
  code: string;
  message: string;
  ref?: string;
  /** From the gateway's error frame: true when the same request may succeed later (absent from gateways before 0.2). */
  temporary?: boolean;
}

export interface ClientEvents {
  state: StateChange;
  /** Error frames not tied to a subscription, and protocol problems. */
  error: ClientError;
  /** The gateway's welcome (server version, epoch, limits) on every (re)connect. */
  welcome: Extract<ServerFrame, { op: 'welcome' }>;
}
