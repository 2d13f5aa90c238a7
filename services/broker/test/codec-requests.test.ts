/**
 * Request decoding against the bytes real clients send: every version of
 * every API this broker implements is decoded from a request another
 * implementation encoded (kafkajs for the classic versions, @platformatic/kafka
 * for the flexible ones), must consume exactly the body, and must yield what
 * was put in. Versions no client library here encodes are built from the
 * nearest one Kafka's definitions call identical, or field by field with
 * platformatic's writer.
 *
 * The cases live in one module per family of versions (codec-requests/): a
 * module each rather than a test file each, because the last test below checks
 * the versions all of them decoded together, which only one file's run sees.
 */
import { describe, expect, it } from 'vitest';
import * as pk from '@platformatic/kafka';
import { Reader } from '../src/protocol/reader.ts';
import { decodeRequestHeader } from '../src/protocol/header.ts';
import { API_BY_KEY } from '../src/protocol/apis/index.ts';
import { kafkajsRecordBatch, kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { flexibleRequestFrame, platformaticBody } from './support/platformatic-wire.ts';
import { covered } from './support/request-decoding.ts';
import { classicVersions } from './codec-requests/classic.ts';
import { flexibleVersions } from './codec-requests/flexible.ts';
import { unencodedVersions } from './codec-requests/unencoded.ts';

describe('classic versions, from kafkajs', classicVersions);

describe('flexible versions, from @platformatic/kafka', flexibleVersions);

describe('versions neither client library encodes', unencodedVersions);

describe('robustness', () => {
  it('truncated frames fail with DecodeError, never read past the end', async () => {
    const frames = [
      await kafkajsRequestFrame('produce', 3, { acks: 1, timeout: 1000, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [{ value: 'x' }] }] }] }),
      flexibleRequestFrame(3, 12, 5, platformaticBody(pk.metadataV12, ['abc', 'def'], true, true)),
    ];
    expect((await kafkajsRecordBatch({ messages: [{ value: 'x' }] })).length).toBeGreaterThan(0);
    for (const frame of frames) {
      for (let cut = 4; cut < frame.length; cut++) {
        const r = new Reader(frame.subarray(0, cut), 4);
        expect(() => {
          const h = decodeRequestHeader(r);
          const codec = API_BY_KEY.get(h.apiKey)!.codec(h.apiVersion)!;
          if (codec.flexible) r.skipTaggedFields();
          codec.decodeRequest(r);
        }).toThrow();
      }
    }
  });

  it('every implemented version of every API was decoded from client bytes above', () => {
    const missing: string[] = [];
    for (const e of API_BY_KEY.values()) {
      for (let v = e.minVersion; v <= e.maxVersion; v++) if (!covered.has(`${e.name}:${v}`)) missing.push(`${e.name} v${v}`);
    }
    expect(missing).toEqual([]);
  });
});
