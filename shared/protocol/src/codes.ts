/**
 * What the gateway's errors and closes mean to a client: the stable error
 * codes and whether each is temporary, and the WebSocket close codes grouped
 * by what to do next (reconnect, or stop). Used by the frame schemas
 * (server.ts), the gateway and the client SDK.
 */

/** Stable error codes of `error` frames (never renamed; new ones may be added, so clients accept any code). */
export const ERROR_CODES = [
  'bad_message', // not JSON, or fails the schema of its op
  'unknown_op', // `op` missing or not one of CLIENT_OPS
  'unauthorized', // no / invalid token where auth is required
  'forbidden', // subscription asks for topics or kinds the token does not allow
  'rate_limited', // message rate above the token bucket; the message was dropped
  'too_many_subscriptions',
  'unknown_subscription', // unsubscribe of an id that is not subscribed
  'duplicate_subscription', // subscribe with an id already in use on this connection
  'unknown_topic', // a topic the gateway does not serve
  'frame_too_large', // reserved: today an oversized frame is refused by the WebSocket layer with close 1009
  'internal', // the gateway failed to serve the request (e.g. Kafka unavailable for a replay)
  'state_unavailable', // a snapshot or a story listing was asked of a gateway without story state, or a snapshot of a story past its GATEWAY_STATE_MAX_STORIES
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Whether each error is temporary, sent as the error frame's `temporary`:
 * true when the same request may succeed later unchanged (retry it with
 * backoff), false when it will fail the same way until the client changes it
 * (its message, its token, its subscriptions). One table, on the gateway
 * side only: a client reads the flag, so it needs no table of its own.
 */
export const ERROR_TEMPORARY: Readonly<Record<ErrorCode, boolean>> = {
  bad_message: false,
  unknown_op: false,
  unauthorized: false,
  forbidden: false,
  rate_limited: true,
  too_many_subscriptions: false,
  unknown_subscription: false,
  duplicate_subscription: false,
  unknown_topic: false,
  frame_too_large: false,
  internal: true,
  state_unavailable: false,
};

/**
 * Private close codes by range, so a client decides from the number alone:
 * `reconnect`: reconnect with backoff and resume from your positions;
 * `terminal`: do not reconnect unchanged (fix the token, the messages, the
 * configuration first). A future gateway adds codes inside these ranges.
 */
export const CLOSE_RANGES = {
  reconnect: { min: 4000, max: 4099 },
  terminal: { min: 4100, max: 4199 },
} as const;

/** WebSocket close codes the gateway uses (the 4xxx ones inside CLOSE_RANGES). */
export const CLOSE_CODES = {
  /** Policy violation: repeated invalid messages / rate abuse. Terminal (RFC 6455). */
  policy: 1008,
  /** A frame above the gateway's maxPayload. Terminal (RFC 6455). */
  tooLarge: 1009,
  /** Gateway restarting: resume from the positions in the preceding `shutdown` frame. Reconnect (RFC 6455). */
  restart: 1012,
  /** Token expired: reconnect with a fresh token and resume (the same token is refused with `forbidden`). Reconnect range. */
  tokenExpired: 4001,
  /** Lagged: the client read too slowly; resume from the positions in the preceding `lagged` frame. Reconnect range. */
  lagged: 4008,
  /** Forbidden: invalid token in hello, or no token in time (an upgrade is refused with HTTP 401/403 instead). Terminal range; was 4003. */
  forbidden: 4103,
} as const;

/**
 * Codes an older gateway sent, with the code they are now. Clients keep
 * reading them with their old meaning for one version (gateway 0.2 sends
 * 4103 where 0.1 sent 4003); this table goes in the next one.
 */
export const LEGACY_CLOSE_CODES: Readonly<Record<number, number>> = { 4003: CLOSE_CODES.forbidden };

/**
 * Standard codes (RFC 6455 / IANA) that mean retrying unchanged is pointless:
 * a protocol error, unsupported or invalid data, a policy violation, a
 * message too big, a missing extension, a TLS failure. Every other standard
 * code (1000 normal, 1001 going away, 1006 abnormal, 1011 server error, 1012
 * restart, 1013 try again later, ...) is worth a reconnect.
 */
const STANDARD_TERMINAL = new Set([1002, 1003, 1007, 1008, 1009, 1010, 1015]);

export type CloseAction = 'reconnect' | 'terminal';

/**
 * What a client should do after a close with `code`. Codes outside the
 * standard set and CLOSE_RANGES (3000-3999, 4200-4999) are unknown: reconnect
 * with backoff, the safe default for a stream.
 */
export function closeAction(code: number): CloseAction {
  const c = LEGACY_CLOSE_CODES[code] ?? code;
  if (c >= CLOSE_RANGES.terminal.min && c <= CLOSE_RANGES.terminal.max) return 'terminal';
  if (c >= CLOSE_RANGES.reconnect.min && c <= CLOSE_RANGES.reconnect.max) return 'reconnect';
  return STANDARD_TERMINAL.has(c) ? 'terminal' : 'reconnect';
}
