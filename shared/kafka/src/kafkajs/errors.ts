/**
 * Turns kafkajs errors into messages that name the broker's reason. kafkajs
 * wraps per-topic refusals in an aggregate ("Topic creation errors.") whose
 * message says nothing; the codes are in `errors[]` and `cause` chains.
 */
import { describeKafkaError, KafkaErrorCode } from '../error-codes.ts';
import { KafkaAdminError } from '../port.ts';

interface ProtocolErrorLike {
  message: string;
  code?: unknown;
  type?: unknown;
  topic?: unknown;
  errors?: unknown;
  cause?: unknown;
}

const isObject = (x: unknown): x is ProtocolErrorLike => typeof x === 'object' && x !== null && 'message' in x;

/** The Kafka protocol error code a kafkajs error carries, if any. */
export function kafkaErrorCode(err: unknown): number | undefined {
  if (!isObject(err)) return undefined;
  if (typeof err.code === 'number') return err.code;
  return err.cause !== undefined ? kafkaErrorCode(err.cause) : undefined;
}

/** Every (topic, code) refusal inside a kafkajs error, aggregate or single. */
function refusals(err: unknown): { topic?: string; code: number }[] {
  if (!isObject(err)) return [];
  if (Array.isArray(err.errors)) return err.errors.flatMap(refusals);
  if (typeof err.code === 'number') return [{ ...(typeof err.topic === 'string' ? { topic: err.topic } : {}), code: err.code }];
  // kafkajs wraps the broker's error in `cause` when its retries run out.
  return err.cause !== undefined && err.cause !== err ? refusals(err.cause) : [];
}

/**
 * An admin failure as KafkaAdminError: "<what>: <topic>: NAME (code): reason; ...".
 * Errors without a Kafka code (connection errors, timeouts) keep their message.
 */
export function adminError(what: string, err: unknown): KafkaAdminError {
  const found = refusals(err);
  const codes = new Map<string, number>();
  for (const r of found) if (r.topic !== undefined) codes.set(r.topic, r.code);
  const detail = found.length
    ? found.map((r) => `${r.topic !== undefined ? `${r.topic}: ` : ''}${describeKafkaError(r.code)}`).join('; ')
    : err instanceof Error
      ? err.message
      : String(err);
  return new KafkaAdminError(`${what}: ${detail}`, codes, { cause: err });
}

/** True when every refusal in `err` is TOPIC_ALREADY_EXISTS (a concurrent creator won the race). */
export function onlyAlreadyExists(err: unknown): boolean {
  const found = refusals(err);
  return found.length > 0 && found.every((r) => r.code === KafkaErrorCode.TOPIC_ALREADY_EXISTS);
}
