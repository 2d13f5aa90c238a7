/**
 * kafkajs's own protocol encoders and decoders, used as test vectors: the
 * request bytes a real kafkajs client sends, and the decoder a real client
 * applies to our responses.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}
type RequestFactory = (args?: Record<string, unknown>) => KafkajsRequest;
interface ResponseCodec {
  decode(payload: Buffer): Promise<Record<string, unknown>>;
  parse(decoded: Record<string, unknown>): Promise<Record<string, unknown>>;
}

const frameRequest = require('kafkajs/src/protocol/request.js') as (a: {
  correlationId: number;
  clientId: string;
  request: KafkajsRequest;
}) => Promise<{ buffer: Buffer }>;

/** Directory names under kafkajs/src/protocol/requests. */
export type KafkajsApi =
  | 'produce' | 'fetch' | 'listOffsets' | 'metadata' | 'offsetCommit' | 'offsetFetch' | 'findCoordinator'
  | 'joinGroup' | 'heartbeat' | 'leaveGroup' | 'syncGroup' | 'describeGroups' | 'listGroups' | 'apiVersions'
  | 'createTopics' | 'deleteTopics' | 'initProducerId';

/** A whole request frame (size prefix included) exactly as kafkajs writes it. */
export async function kafkajsRequestFrame(
  api: KafkajsApi,
  version: number,
  args: Record<string, unknown> = {},
  correlationId = 7,
  clientId = 'codec-test',
): Promise<Buffer> {
  const factory = require(`kafkajs/src/protocol/requests/${api}/v${version}/request.js`) as RequestFactory;
  const encoded = await frameRequest({ correlationId, clientId, request: factory(args) });
  return encoded.buffer;
}

/** Decode a response body (after the correlation id) the way kafkajs does. */
export async function kafkajsDecodeResponse(api: KafkajsApi, version: number, payload: Buffer): Promise<Record<string, unknown>> {
  const codec = require(`kafkajs/src/protocol/requests/${api}/v${version}/response.js`) as ResponseCodec;
  return codec.decode(payload);
}

/** Decode and then parse (parse throws on error codes, as the client does). */
export async function kafkajsParseResponse(api: KafkajsApi, version: number, payload: Buffer): Promise<Record<string, unknown>> {
  const codec = require(`kafkajs/src/protocol/requests/${api}/v${version}/response.js`) as ResponseCodec;
  return codec.parse(await codec.decode(payload));
}

/** A RecordBatch v2 as the kafkajs producer builds it. */
export async function kafkajsRecordBatch(opts: {
  messages: { key?: string | null; value: string | null; timestamp?: number; headers?: Record<string, string> }[];
  compression?: number;
  firstOffset?: number;
}): Promise<Buffer> {
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
    RecordBatch: (a: Record<string, unknown>) => Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (a: Record<string, unknown>) => unknown;
  const ts = opts.messages[0]?.timestamp ?? Date.now();
  const records = opts.messages.map((m, i) =>
    Record({ offsetDelta: i, timestampDelta: (m.timestamp ?? ts) - ts, key: m.key ?? null, value: m.value, headers: m.headers ?? {} }),
  );
  const batch = await RecordBatch({
    compression: opts.compression ?? 0,
    firstOffset: opts.firstOffset ?? 0,
    firstTimestamp: ts,
    maxTimestamp: Math.max(...opts.messages.map((m) => m.timestamp ?? ts)),
    lastOffsetDelta: records.length - 1,
    records,
  });
  return batch.buffer;
}
