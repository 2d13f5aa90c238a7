/**
 * Builds the AsyncAPI 3.0 document of the gateway protocol from the zod
 * schemas in shared/protocol/src, so docs/asyncapi.yaml cannot drift from the
 * code (a test regenerates and compares). Run:
 *   node --import tsx services/gateway/src/asyncapi.ts > docs/asyncapi.yaml
 */
import { z } from 'zod';
import { CLOSE_CODES, CLOSE_RANGES, ERROR_CODES, ERROR_TEMPORARY, LEGACY_CLOSE_CODES, PROTOCOL_VERSION, closeAction, errorSchema, gapSchema, helloSchema, laggedSchema, liveSchema, pingSchema, pongSchema, shutdownSchema, subscribeSchema, subscribedSchema, snapshotFrameSchema, storiesFrameSchema, storiesSchema, unsubscribeSchema, unsubscribedSchema, updateFrameSchema, welcomeSchema } from '@newswire/protocol';
import { GATEWAY_VERSION } from './version.ts';

const CLIENT = { hello: helloSchema, subscribe: subscribeSchema, unsubscribe: unsubscribeSchema, ping: pingSchema, stories: storiesSchema } as const;
const SERVER = {
  welcome: welcomeSchema,
  subscribed: subscribedSchema,
  update: updateFrameSchema,
  live: liveSchema,
  gap: gapSchema,
  lagged: laggedSchema,
  shutdown: shutdownSchema,
  unsubscribed: unsubscribedSchema,
  error: errorSchema,
  pong: pongSchema,
  snapshot: snapshotFrameSchema,
  // The answer's op is `stories` too; named apart here because a client op already has that name.
  storyListing: storiesFrameSchema,
} as const;

const SUMMARIES: Record<string, string> = {
  hello: 'Opens the session (protocol version, optional JWT); answered by welcome.',
  subscribe: 'Starts a subscription: topics and/or filters, starting live, at earliest, at a time or at positions; or with a story\'s snapshot (`snapshot.view`: `board`, the default, or `full`).',
  unsubscribe: 'Ends a subscription.',
  ping: 'Application-level ping; answered by pong.',
  welcome: 'Server version, epoch, limits and (with auth) what the token grants.',
  subscribed: 'Subscription accepted, with its start position on every partition.',
  update: 'One update with its Kafka position and epoch. Live frames have no `sub` and are the same bytes for every connection.',
  live: 'Catch-up/replay of a subscription is complete; live from here.',
  gap: 'Positions asked for are no longer available (retention, epoch, reset); delivery continues at `available`.',
  lagged: 'The client read too slowly; resume positions follow, then close 4008.',
  shutdown: 'The gateway is restarting; resume positions follow, then close 1012.',
  unsubscribed: 'Subscription ended.',
  error: `An error with a code (${ERROR_CODES.join(', ')}; clients must accept codes they do not know) and \`temporary\`: true when the same request may succeed later (${ERROR_CODES.filter((c) => ERROR_TEMPORARY[c]).join(', ')}), false when it fails the same way until changed. rate_limited errors carry \`dropped\`.`,
  pong: 'Answer to ping.',
  stories: 'Asks which stories the gateway holds state for; answered by a `stories` frame (storyListing) or an error with the same `ref` (state_unavailable without state, forbidden for a token limited to some topics or kinds, unauthorized before a token).',
  storyListing: 'The `stories` frame: the stories the gateway holds state for, most recently active first, each with its folded update count and newest Kafka timestamp; at most the gateway\'s bound (500 by default), `truncated` when it holds more.',
  snapshot: 'Answer to a subscribe with `snapshot`, before any update of it: the story\'s state at `positions` — by default its board (every toll, incident sum and conflict shown; the newest 30 entries of each long list with `counts` of the whole; no figure series), with `snapshot.view: full` its whole view — and its `recent` most recent updates. See docs/story-state.md.',
};

/** Client messages are described as the gateway accepts them (io 'input': e.g. an offset as a string or, deprecated, a number). */
function payload(schema: z.ZodType, io: 'input' | 'output'): unknown {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', target: 'draft-7', io }) as Record<string, unknown>;
  delete json.$schema;
  const props = json.properties as Record<string, unknown> | undefined;
  if (props && 'update' in props)
    props.update = { type: 'object', description: 'The update, schema v2 (v1 records are upcast by the gateway): see docs/updates.md and docs/schema/v2/*.schema.json.' };
  return json;
}

export function buildAsyncApiDocument(): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  for (const [name, schema] of [...Object.entries(CLIENT), ...Object.entries(SERVER)])
    messages[name] = { name, title: name, summary: SUMMARIES[name], contentType: 'application/json', payload: payload(schema, name in CLIENT ? 'input' : 'output') };
  const ref = (names: string[]) => names.map((n) => ({ $ref: `#/channels/stream/messages/${n}` }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'newswire gateway',
      version: `${GATEWAY_VERSION} (protocol v${PROTOCOL_VERSION})`,
      description: [
        'Real-time news-wire updates over WebSocket, with filters, lossless resume by Kafka position, replay and back-pressure.',
        'JSON text frames. Send hello first, then subscribe. See docs/gateway.md for the resume rules.',
        'Offsets are decimal strings (Kafka offsets are int64); a client may still send numbers in subscribe.from.positions (deprecated).',
        `Close codes by range: ${CLOSE_RANGES.reconnect.min}-${CLOSE_RANGES.reconnect.max} reconnect (with backoff, resuming from your positions), ${CLOSE_RANGES.terminal.min}-${CLOSE_RANGES.terminal.max} terminal (do not reconnect unchanged); standard codes as RFC 6455 (1002, 1003, 1007, 1008, 1009, 1010, 1015 terminal, the others reconnect); any other code reconnect.`,
        `Close codes sent: ${Object.entries(CLOSE_CODES).map(([k, v]) => `${v} ${k} (${closeAction(v)})`).join(', ')}. Until the next version also read ${Object.entries(LEGACY_CLOSE_CODES).map(([old, now]) => `${old} as ${now}`).join(', ')} (older gateways).`,
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:8080',
        protocol: 'ws',
        description: 'Default development gateway. A JWT may be given as Authorization: Bearer, ?token= or hello.token.',
      },
    },
    channels: {
      stream: {
        address: '/',
        title: 'The gateway WebSocket',
        messages,
        bindings: { ws: { method: 'GET', query: { type: 'object', properties: { token: { type: 'string', description: 'JWT (alternative to the Authorization header)' } } } } },
      },
    },
    operations: {
      sendClientMessages: { action: 'receive', channel: { $ref: '#/channels/stream' }, title: 'Client to gateway', messages: ref(Object.keys(CLIENT)) },
      sendServerMessages: { action: 'send', channel: { $ref: '#/channels/stream' }, title: 'Gateway to client', messages: ref(Object.keys(SERVER)) },
    },
  };
}

/** A small YAML emitter for plain JSON data (strings always quoted, so no YAML type surprises). */
export function toYaml(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent);
  const scalar = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === null || v === undefined ? 'null' : String(v));
  const isEmpty = (v: unknown) => (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        if (typeof item === 'object' && item !== null && !isEmpty(item)) {
          const body = toYaml(item, indent + 2);
          return `${pad}- ${body.slice(indent + 2)}`;
        }
        return `${pad}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}\n`;
      })
      .join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const key = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(k) ? k : JSON.stringify(k);
        if (typeof v === 'object' && v !== null && !isEmpty(v)) return `${pad}${key}:\n${toYaml(v, indent + 2)}`;
        return `${pad}${key}: ${isEmpty(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}

export function asyncApiYaml(): string {
  return '# Generated from shared/protocol/src by services/gateway/src/asyncapi.ts: do not edit by hand.\n' + toYaml(buildAsyncApiDocument());
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(asyncApiYaml());
