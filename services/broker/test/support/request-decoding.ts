/**
 * Request decoding for codec-requests.test.ts and the case modules it runs
 * (test/codec-requests/): bytes another implementation encoded go through our
 * header decoder and codec, which must consume exactly the body. Every
 * `name:version` decoded is recorded in `covered`, so the suite's last test can
 * check that no implemented version was left out.
 */
import { expect } from 'vitest';
import { Reader } from '../../src/protocol/reader.ts';
import { decodeRequestHeader } from '../../src/protocol/header.ts';
import { API, API_BY_KEY, type ApiName } from '../../src/protocol/apis/index.ts';
import { kafkajsRequestFrame, type KafkajsApi } from './kafkajs-wire.ts';
import { flexibleRequestFrame } from './platformatic-wire.ts';

export const TOPIC_ID = '0123456789abcdef0123456789abcdef';
export const TOPIC_ID_DASHED = '01234567-89ab-cdef-0123-456789abcdef';

/** `name:version` of every request decoded so far in this module's life (one test file imports it). */
export const covered = new Set<string>();

/** Decode a body with the codec of `name` v`version`: every byte must be consumed. */
export function decodeBody(name: ApiName, version: number, body: Buffer): Record<string, unknown> {
  const codec = API_BY_KEY.get(API[name].key)!.codec(version);
  expect(codec, `${name} v${version} has a codec`).toBeDefined();
  const r = new Reader(body);
  const req = codec!.decodeRequest(r) as Record<string, unknown>;
  expect(r.remaining(), `${name} v${version} consumed the whole body`).toBe(0);
  covered.add(`${name}:${version}`);
  return req;
}

/** A whole kafkajs frame (header v1) through the header decoder and the codec. */
export async function kafkajs(api: KafkajsApi, name: ApiName, version: number, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const frame = await kafkajsRequestFrame(api, version, args, 4242, 'client-x');
  expect(frame.readInt32BE(0)).toBe(frame.length - 4);
  const r = new Reader(frame, 4);
  expect(decodeRequestHeader(r)).toEqual({ apiKey: API[name].key, apiVersion: version, correlationId: 4242, clientId: 'client-x' });
  return decodeBody(name, version, frame.subarray(r.offset));
}

/** A header v2 frame around a platformatic body, through the header decoder, tag skip and codec. */
export function flexible(name: ApiName, version: number, body: Buffer): Record<string, unknown> {
  const frame = flexibleRequestFrame(API[name].key, version, 99, body);
  const r = new Reader(frame, 4);
  expect(decodeRequestHeader(r)).toMatchObject({ apiVersion: version, correlationId: 99, clientId: 'pk-test' });
  const codec = API_BY_KEY.get(API[name].key)!.codec(version)!;
  expect(codec.flexible).toBe(true);
  r.skipTaggedFields();
  return decodeBody(name, version, frame.subarray(r.offset));
}

export const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
