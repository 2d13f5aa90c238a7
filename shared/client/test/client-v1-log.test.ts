/**
 * The SDK reads v1 and v2 side by side and hands the application v2 only:
 * the v1 fixture log written raw into the topics (with its v1 headers) comes
 * through a real gateway and the SDK as v2 updates with the upcast meaning,
 * beside v2 updates; and a frame that still carries a v1 update (a gateway
 * from before v2) is upcast by the SDK itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connect, type Delivery, type NewswireClient, type WebSocketConstructor } from '@newswire/client';
import { expectedV2, makeUpdates, readV1Log, v1MeaningProblems, writeV1Log, type WrittenV1Record } from '@newswire/test-support';
import type { Update } from '@newswire/schema/v2';
import { parseServerFrame } from '../src/wire.ts';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const WS = WebSocket as unknown as WebSocketConstructor;
let env: SdkEnv;
let client: NewswireClient | undefined;
let written: WrittenV1Record[];
const v2 = makeUpdates(20, { prefix: 'v2-beside-v1', stories: 7 });

beforeAll(async () => {
  env = await startSdkEnv();
  written = await writeV1Log(env.kafka.brokers, env.kafka.prefix);
  await env.publisher.publishValidated(v2);
}, 120_000);

afterAll(async () => {
  await client?.close();
  await env?.stop();
});

describe('the SDK on a log of v1 and v2 updates', () => {
  it('delivers every v1 record as v2 with the upcast meaning, at its position, beside the v2 updates', async () => {
    client = connect({ url: env.url, WebSocket: WS, validateUpdates: true });
    const sub = client.subscribe({ from: 'earliest' });
    const got: Delivery[] = [];
    for await (const d of sub) {
      got.push(d);
      if (got.length === written.length + v2.length) break;
    }
    const byId = new Map<string, Update>(got.map((d) => [d.update.id, d.update]));
    const expected = expectedV2(written);
    for (const r of written) {
      const id = JSON.parse(r.value).id as string;
      const d = got.find((x) => x.update.id === id);
      expect(d, id).toBeDefined();
      expect({ topic: d!.topic, partition: d!.partition, offset: d!.offset }, id).toEqual(r.at);
      expect(d!.update, id).toEqual(expected.get(id));
    }
    expect(v1MeaningProblems(byId)).toEqual([]);
    for (const u of v2) expect(byId.get(u.id)).toEqual(u);
  }, 60_000);

  it('upcasts a v1 update still carried by a frame (a gateway from before v2)', () => {
    const [record] = readV1Log();
    const v1 = JSON.parse(record!.value) as { id: string; schema: number };
    const frame = { op: 'update', topic: 'newswire.arrests', partition: 1, offset: '0', epoch: 'e', ts: 1, update: v1 };
    for (const validate of [false, true]) {
      const r = parseServerFrame(JSON.stringify(frame), validate);
      expect(r.ok).toBe(true);
      const update = r.ok && r.frame.op === 'update' ? r.frame.update : undefined;
      expect(update).toEqual(expectedV2().get(v1.id));
    }
    const broken = parseServerFrame(JSON.stringify({ ...frame, update: { ...v1, reportedAt: 'yesterday' } }), false);
    expect(broken).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid v1 update at newswire\.arrests\/1@0: reportedAt: /) });
  });
});
