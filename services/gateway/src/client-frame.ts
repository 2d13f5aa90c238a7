/**
 * The edge of the client protocol: one WebSocket frame in, a validated
 * client message or the error to answer with out. Pure, so every refusal
 * (binary frame, bad JSON, unknown op, schema violation) reads the same
 * wherever the frame came from.
 */
import { CLIENT_OPS, clientMessageSchema, type ClientMessage, type ErrorCode } from '@newswire/protocol';

const OPS: ReadonlySet<string> = new Set(CLIENT_OPS);

export type ParsedFrame = { ok: true; msg: ClientMessage } | { ok: false; code: ErrorCode; message: string; ref?: string };

export function parseClientFrame(data: Buffer, isBinary: boolean): ParsedFrame {
  if (isBinary) return { ok: false, code: 'bad_message', message: 'binary frames are not part of the protocol' };
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, code: 'bad_message', message: 'not valid JSON' };
  }
  const op = typeof json === 'object' && json !== null ? (json as { op?: unknown }).op : undefined;
  if (typeof op !== 'string' || !OPS.has(op)) return { ok: false, code: 'unknown_op', message: `op must be one of ${CLIENT_OPS.join(', ')}` };
  const parsed = clientMessageSchema.safeParse(json);
  if (parsed.success) return beyondServedOffsets(parsed.data) ?? { ok: true, msg: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue ? issue.path.join('.') || '(root)' : '(root)';
  return { ok: false, code: 'bad_message', message: `${op}: ${where}: ${issue?.message ?? 'invalid'}`.slice(0, 300), ref: refOf(json, op) };
}

/**
 * Offsets are decimal strings up to 2^63 - 1 on the wire (the protocol's
 * schema), but this gateway counts them in doubles: a resume position past
 * 2^53 - 1 is refused here rather than served from a rounded offset.
 */
function beyondServedOffsets(msg: ClientMessage): ParsedFrame | undefined {
  if (msg.op !== 'subscribe' || typeof msg.from !== 'object' || !('positions' in msg.from)) return undefined;
  const tooBig = msg.from.positions.find((p) => !Number.isSafeInteger(Number(p.offset)));
  if (!tooBig) return undefined;
  return { ok: false, code: 'bad_message', message: `offset ${tooBig.offset} is beyond 2^53 - 1, the largest this gateway serves`, ref: msg.id };
}

const SUB_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * What a refused message's error refers to: the subscription id (or a
 * `stories` request's ref) when the message carries a well-formed one (so a
 * client with several requests in flight knows which was refused), else the
 * op. An id that is itself malformed is not echoed back.
 */
function refOf(json: unknown, op: string): string {
  const { id, ref } = json as { id?: unknown; ref?: unknown };
  const given = op === 'stories' ? ref : id;
  return typeof given === 'string' && SUB_ID.test(given) ? given : op;
}
