/**
 * The gateway's WebSocket protocol, version 1 (see docs/gateway.md and
 * docs/asyncapi.yaml). Shared by the gateway, the client SDK and the dashboard.
 */
export * from './client.ts';
export * from './codes.ts';
export * from './server.ts';
