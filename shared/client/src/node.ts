/**
 * Node entry of the SDK: the same client with the `ws` package as its
 * WebSocket (node 20 has no global one). Not for browser bundles.
 */
import WebSocket from 'ws';
import { connect as connectWith, type ConnectOptions, type NewswireClient } from './client.ts';
import type { WebSocketConstructor } from './socket.ts';

export * from './index.ts';

export function connect(options: ConnectOptions): NewswireClient {
  return connectWith({
    ...options,
    WebSocket: options.WebSocket ?? (WebSocket as unknown as WebSocketConstructor),
  });
}
