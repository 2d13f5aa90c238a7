/** Helpers shared by the ingest tests: a quiet logger and raw HTTP posts that keep the response size. */
import { createLogger } from '@newswire/config';

export const quietLogger = () => createLogger('ingest-test', { level: 'warn' });

export interface Posted {
  status: number;
  /** Bytes of the response body as received. */
  bytes: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export async function post(url: string, body: string | Buffer | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }, timeoutMs = 60_000): Promise<Posted> {
  // Buffers are sent as they are (invalid UTF-8 included); the cast only bridges Node's and undici's typings.
  const res = await fetch(`${url}/v1/updates`, { method: 'POST', headers, body: body as RequestInit['body'], signal: AbortSignal.timeout(timeoutMs) });
  const raw = Buffer.from(await res.arrayBuffer());
  const text = raw.toString('utf8');
  let parsed: Record<string, unknown> = {};
  if (text) {
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
  }
  return { status: res.status, bytes: raw.length, headers: res.headers, body: parsed };
}
