/**
 * The gateway protocol as the SDK uses it: the shared zod schemas and types
 * from shared/src/protocol (the gateway's own definition), plus parsing of
 * server frames at the SDK's edge.
 */
import {
  CLOSE_CODES,
  closeAction,
  LEGACY_CLOSE_CODES,
  PROTOCOL_VERSION,
  serverMessageSchemaForClients,
  type ClientMessage,
  type CloseAction,
  type ServerMessageForClients as ServerMessage,
  type StoryListEntry,
  type StreamPosition,
  type SubscriptionFilter,
  type SubscriptionStart,
  type UpdateFrame,
} from '@newswire/protocol';
import { parseAnyUpdate, updateSchema } from '@newswire/schema/v2';

export { PROTOCOL_VERSION, closeAction, type CloseAction };
/** The gateway's close codes plus the normal closure the SDK sends itself. */
export const CLOSE = { ...CLOSE_CODES, normal: 1000 } as const;

/** The gateway refused the token (4103, or 4003 from a gateway before 0.2). */
export function isForbiddenClose(code: number): boolean {
  return (LEGACY_CLOSE_CODES[code] ?? code) === CLOSE.forbidden;
}
export type { ClientMessage as ClientFrame, ServerMessage as ServerFrame, StoryListEntry, StreamPosition as Position, SubscriptionFilter, SubscriptionStart as StartFrom, UpdateFrame };

export type FrameResult = { ok: true; frame: ServerMessage } | { ok: false; error: string };

/**
 * Parses and validates one server text frame (open error codes: an `error`
 * with a code this SDK does not know is still an error frame). Updates inside update frames are
 * checked against the full (v2) update schema only when `validateUpdates` is
 * set: the gateway forwards only updates validated at publish time, and the
 * full check costs far more than the envelope's.
 *
 * The application always gets schema v2. A gateway upcasts v1 records itself;
 * a frame still carrying a v1 update (`schema: 1`, from a gateway older than
 * schema v2) is validated as v1 and upcast here, so v1 and v2 read side by side.
 */
export function parseServerFrame(text: string, validateUpdates: boolean): FrameResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = serverMessageSchemaForClients.safeParse(value);
  if (!parsed.success) {
    const op = typeof (value as { op?: unknown } | null)?.op === 'string' ? (value as { op: string }).op : '?';
    return { ok: false, error: `invalid '${op}' frame: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}` };
  }
  const frame = parsed.data;
  if (frame.op === 'update' && (frame.update as { schema?: unknown }).schema === 1) {
    const u = parseAnyUpdate(frame.update);
    if (!u.ok) return { ok: false, error: `invalid v1 update at ${frame.topic}/${frame.partition}@${frame.offset}: ${u.errors[0]?.path}: ${u.errors[0]?.message}` };
    return { ok: true, frame: { ...frame, update: u.update } };
  }
  if (validateUpdates && frame.op === 'update') {
    const u = updateSchema.safeParse(frame.update);
    if (!u.success) return { ok: false, error: `invalid update at ${frame.topic}/${frame.partition}@${frame.offset}` };
  }
  return { ok: true, frame };
}
