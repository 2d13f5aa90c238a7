/**
 * The slice of the WebSocket API the SDK uses: the browser's WebSocket and
 * the `ws` package (node) both provide it, so either can be injected.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export const OPEN = 1;

/** The injected constructor, else the global one (browsers, node >= 22), else a clear error. */
export function resolveWebSocket(injected: WebSocketConstructor | undefined): WebSocketConstructor {
  if (injected) return injected;
  const global = (globalThis as { WebSocket?: unknown }).WebSocket;
  if (typeof global === 'function') return global as WebSocketConstructor;
  throw new Error(
    "no WebSocket implementation: pass connect({ WebSocket }) (e.g. the 'ws' package) or import connect from '@newswire/client/node'",
  );
}

/** Text of a message event: browsers give strings; other shapes are decoded as UTF-8. */
export function messageText(data: unknown): string | null {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return null;
}
