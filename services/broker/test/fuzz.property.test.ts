/**
 * Property tests over the request decoder, through real sockets: random
 * frames and mutated real client frames (kafkajs for classic versions,
 * @platformatic/kafka for flexible ones). For every input that expects an
 * answer the broker answers (echoing the request's correlation id) or closes
 * the connection; an acks=0 Produce gets no answer (as on Kafka) and leaves
 * the connection serving or closed. The broker keeps serving everyone else:
 * a kafkajs admin call works after each run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import type { Admin } from 'kafkajs';
import { needsDevBroker, startKafka, type TestKafka } from '@newswire/test-support';
import { testKafka } from './support/kafkajs-client.ts';
import { RawConnection } from './support/raw-connection.ts';
import { kafkajsDecodeResponse, kafkajsRecordBatch, kafkajsRequestFrame } from './support/kafkajs-wire.ts';
import { gzipBombBatch, produceFrame } from './support/wire-frames.ts';
import { flexibleRequestFrame, platformaticBody } from './support/platformatic-wire.ts';
import * as pk from '@platformatic/kafka';

let kafka: TestKafka;
let admin: Admin;
let host: string;
let port: number;
let seeds: Buffer[] = [];

beforeAll(async () => {
  // Short long-polls so mutated Fetch requests answer quickly (ignored on real Kafka).
  kafka = await startKafka({ broker: { maxFetchWaitMs: 200 } });
  const [h, p] = kafka.brokers[0]!.split(':');
  host = h!;
  port = Number(p);
  admin = testKafka(kafka.brokers).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'fuzz', numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
  const batch = await kafkajsRecordBatch({ messages: [{ key: 'k', value: 'v', headers: { h: 'x' } }, { value: 'w' }] });
  const gz = await kafkajsRecordBatch({ messages: [{ value: 'gz'.repeat(100) }], compression: 1 });
  // Real client bytes for a spread of APIs: the mutation seeds.
  seeds = [
    produceFrame(11, 'fuzz', 0, batch),
    produceFrame(12, 'fuzz', 1, gz),
    await kafkajsRequestFrame('fetch', 4, { replicaId: -1, maxWaitTime: 100, minBytes: 1, maxBytes: 1 << 20, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }] }, 13),
    await kafkajsRequestFrame('metadata', 4, { topics: ['fuzz'] }, 14),
    await kafkajsRequestFrame('listOffsets', 1, { replicaId: -1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, timestamp: -1 }] }] }, 15),
    await kafkajsRequestFrame('apiVersions', 2, {}, 16),
    await kafkajsRequestFrame('findCoordinator', 0, { groupId: 'fz' }, 17),
    await kafkajsRequestFrame('offsetCommit', 2, { groupId: 'fz', groupGenerationId: -1, memberId: '', retentionTime: -1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, offset: '1' }] }] }, 18),
    await kafkajsRequestFrame('offsetFetch', 1, { groupId: 'fz', topics: [{ topic: 'fuzz', partitions: [{ partition: 0 }] }] }, 19),
    await kafkajsRequestFrame('heartbeat', 0, { groupId: 'fz', groupGenerationId: 1, memberId: 'm' }, 20),
    await kafkajsRequestFrame('describeGroups', 0, { groupIds: ['fz'] }, 21),
    await kafkajsRequestFrame('listGroups', 0, {}, 22),
    await kafkajsRequestFrame('createTopics', 0, { topics: [{ topic: 'fuzz-created', numPartitions: 1, replicationFactor: 1 }] }, 23),
    await kafkajsRequestFrame('initProducerId', 0, { transactionalId: null, transactionTimeout: 1000 }, 24),
    await kafkajsRequestFrame('syncGroup', 0, { groupId: 'fz', generationId: 1, memberId: 'm', groupAssignment: [] }, 25),
    await kafkajsRequestFrame('leaveGroup', 0, { groupId: 'fz', memberId: 'm' }, 26),
    produceFrame(27, 'fuzz', 0, batch, 0),
    await kafkajsRequestFrame('produce', 2, { acks: 0, timeout: 1000, topicData: [{ topic: 'fuzz', partitions: [{ partition: 0, messages: [{ value: 'old' }] }] }] }, 28),
    await kafkajsRequestFrame('produce', 0, { acks: 1, timeout: 1000, topicData: [{ topic: 'fuzz', partitions: [{ partition: 1, messages: [{ key: 'k', value: 'older' }] }] }] }, 29),
    await kafkajsRequestFrame('fetch', 2, { replicaId: -1, maxWaitTime: 100, minBytes: 1, topics: [{ topic: 'fuzz', partitions: [{ partition: 0, fetchOffset: '0', maxBytes: 1 << 20 }] }] }, 30),
    // Flexible versions (compact fields, tagged fields, request header v2), as @platformatic/kafka writes them.
    flexibleRequestFrame(0, 11, 40, platformaticBody(pk.produceV11, 1, 1000, [{ topic: 'fuzz', partition: 1, value: Buffer.from('flex') }], {})),
    flexibleRequestFrame(0, 9, 41, platformaticBody(pk.produceV9, 0, 1000, [{ topic: 'fuzz', partition: 0, value: Buffer.from('flex0') }], {})),
    flexibleRequestFrame(1, 12, 42, platformaticBody(pk.fetchV12, 100, 1, 1 << 20, 0, 0, -1, [{ topicId: 'fuzz', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, lastFetchedEpoch: -1, partitionMaxBytes: 1 << 20 }] }], [], '')),
    flexibleRequestFrame(3, 12, 43, platformaticBody(pk.metadataV12, ['fuzz'], false, false)),
    flexibleRequestFrame(2, 9, 44, platformaticBody(pk.listOffsetsV9, -1, 0, [{ name: 'fuzz', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }])),
    flexibleRequestFrame(10, 6, 45, platformaticBody(pk.findCoordinatorV6, 0, ['fz'])),
    flexibleRequestFrame(11, 9, 46, platformaticBody(pk.joinGroupV9, 'fz', 6000, 6000, 'm', null, 'consumer', [{ name: 'range', metadata: Buffer.from([0]) }], null)),
    flexibleRequestFrame(9, 9, 47, platformaticBody(pk.offsetFetchV9, [{ groupId: 'fz', memberId: null, memberEpoch: -1, topics: null }], false)),
    flexibleRequestFrame(8, 9, 48, platformaticBody(pk.offsetCommitV9, 'fz', -1, '', null, [{ name: 'fuzz', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedLeaderEpoch: -1, committedMetadata: null }] }])),
    flexibleRequestFrame(19, 7, 49, platformaticBody(pk.createTopicsV7, [{ name: 'fuzz-flex', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] }], 1000, false)),
    flexibleRequestFrame(15, 5, 50, platformaticBody(pk.describeGroupsV5, ['fz'], true)),
    flexibleRequestFrame(18, 4, 51, platformaticBody(pk.apiVersionsV4, 'fuzz', '1.0')),
  ];
});

afterAll(async () => {
  console.log('[fuzz] outcomes', outcomes);
  await admin?.disconnect();
  await kafka?.stop();
});

/** Fix the size prefix to the real length, as a well-framed but lying client would. */
function reframe(body: Buffer): Buffer {
  const out = Buffer.alloc(4 + body.length);
  out.writeInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

const outcomes = { answered: 0, closed: 0, unanswered: 0, incomplete: 0 };

/**
 * Whether a frame is a Produce whose acks field reads 0: Kafka sends no
 * answer to those (not even an error: a failure closes the connection).
 * Read here independently of the broker's decoder, in Kafka's layout:
 * header v1 (v2 with tagged fields from Produce v9), transactional id (from
 * v3), acks.
 * Anything that does not parse that far is owed an answer or a close.
 */
function isAcksZeroProduce(frame: Buffer): boolean {
  let at = 4;
  const need = (n: number): boolean => n >= 0 && at + n <= frame.length;
  const uvarint = (): number => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (!need(1)) return -1;
      const b = frame[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return v;
    }
    return -1;
  };
  if (!need(10) || frame.readInt16BE(4) !== 0) return false;
  const version = frame.readInt16BE(6);
  if (version < 0 || version > 13) return false; // not a Produce version the broker speaks: it must close
  at = 12;
  const clientId = frame.readInt16BE(at);
  at += 2;
  if (clientId < -1 || !need(Math.max(clientId, 0))) return false;
  at += Math.max(clientId, 0);
  if (version >= 9) {
    const tags = uvarint();
    for (let i = 0; i < tags; i++) {
      if (uvarint() < 0) return false;
      const size = uvarint();
      if (size < 0 || !need(size)) return false;
      at += size;
    }
    if (tags < 0) return false;
    const txn = uvarint();
    if (txn < 0 || !need(Math.max(txn - 1, 0))) return false;
    at += Math.max(txn - 1, 0);
  } else if (version >= 3) {
    if (!need(2)) return false;
    const txn = frame.readInt16BE(at);
    at += 2;
    if (txn < -1 || !need(Math.max(txn, 0))) return false;
    at += Math.max(txn, 0);
  } // v0-v2 have no transactional id: acks comes first
  return need(2) && frame.readInt16BE(at) === 0;
}

/**
 * Send the bytes on a fresh connection. A complete frame must be answered
 * (with its own correlation id) or the connection closed, except an acks=0
 * Produce, which Kafka never answers: after one, a follow-up request on the
 * same connection must be answered (and be the first answer: the produce got
 * none) or the connection closed. An incomplete frame (size prefix larger
 * than what was sent) may also just wait for more bytes.
 */
async function sendAndObserve(bytes: Buffer): Promise<void> {
  const conn = await RawConnection.open(port, host);
  try {
    const size = bytes.length >= 4 ? bytes.readInt32BE(0) : -1;
    const complete = bytes.length >= 4 && size >= 0 && size <= bytes.length - 4;
    // One frame per connection: bytes past a complete frame would start another, never finished.
    conn.send(complete ? bytes.subarray(0, 4 + size) : bytes);
    if (complete && isAcksZeroProduce(bytes.subarray(0, 4 + size))) {
      const followUp = (bytes.readInt32BE(8) + 1) | 0;
      conn.send(await kafkajsRequestFrame('apiVersions', 0, {}, followUp));
      const res = await conn.next(10_000).catch(() => undefined);
      if (res) {
        expect(res.correlationId, 'an acks=0 produce got an answer').toBe(followUp);
        outcomes.unanswered++;
      } else {
        expect(conn.closed, 'after an acks=0 produce the connection neither answered a follow-up nor closed').toBe(true);
        outcomes.closed++;
      }
      return;
    }
    const res = await conn.next(complete ? 10_000 : 150).catch(() => undefined);
    if (res) {
      expect(res.correlationId).toBe(bytes.readInt32BE(8));
      outcomes.answered++;
    } else if (conn.closed) {
      outcomes.closed++;
    } else {
      expect(complete, 'a complete frame got neither an answer nor a close').toBe(false);
      outcomes.incomplete++;
    }
  } finally {
    conn.destroy();
  }
}

/** A random or mutated Fetch may ask for any long poll: only the dev broker here caps it (200 ms) below the 10 s the test waits. */
const LONG_POLLS = 'a 200 ms cap on Fetch long polls, set per test';

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('int32' as const), at: fc.nat(), value: fc.constantFrom(-2, -1, 0, 1, 0x7fffffff, -0x80000000, 65536) }),
  fc.record({ kind: fc.constant('int16' as const), at: fc.nat(), value: fc.constantFrom(-2, -1, 0, 0x7fff, -0x8000) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function applyMutation(body: Buffer, m: Mutation): Buffer {
  const at = body.length === 0 ? 0 : m.at % body.length;
  const b = Buffer.from(body);
  switch (m.kind) {
    case 'flip':
      if (b.length) b[at] = b[at]! ^ m.xor;
      return b;
    case 'truncate':
      return b.subarray(0, at);
    case 'insert':
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    case 'int32':
      if (at + 4 <= b.length) b.writeInt32BE(m.value, at);
      return b;
    case 'int16':
      if (at + 2 <= b.length) b.writeInt16BE(m.value, at);
      return b;
  }
}

async function stillServing(): Promise<void> {
  const topics = await admin.listTopics();
  expect(topics).toContain('fuzz');
}

describe('request decoder fuzzing over real sockets', () => {
  it('an acks=0 produce gets no answer, as on Kafka; the connection keeps serving, or closes when the produce fails', async () => {
    const batch = await kafkajsRecordBatch({ messages: [{ value: 'fire-and-forget' }] });
    const before = outcomes.unanswered;
    await sendAndObserve(produceFrame(31, 'fuzz', 0, batch, 0));
    expect(outcomes.unanswered).toBe(before + 1);
    const closedBefore = outcomes.closed;
    await sendAndObserve(produceFrame(32, 'fuzz', 0, Buffer.from('not a batch'), 0));
    expect(outcomes.closed).toBe(closedBefore + 1);
    // The old message formats too (Produce v2: no transactional id, acks first).
    await sendAndObserve(await kafkajsRequestFrame('produce', 2, { acks: 0, timeout: 1000, topicData: [{ topic: 'fuzz', partitions: [{ partition: 0, messages: [{ value: 'v2' }] }] }] }, 33));
    expect(outcomes.unanswered).toBe(before + 2);
  }, 30_000);

  it.skipIf(needsDevBroker(LONG_POLLS))('random frames: answered (unless acks=0) or closed, broker keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 0, maxLength: 600 }).map((a) => reframe(Buffer.from(a))),
          fc.uint8Array({ minLength: 0, maxLength: 600 }).map((a) => Buffer.from(a)),
          // A plausible header (known key, random version) then noise.
          fc
            .tuple(fc.constantFrom(0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22), fc.integer({ min: -1, max: 19 }), fc.uint8Array({ maxLength: 300 }))
            .map(([key, ver, noise]) => {
              const h = Buffer.alloc(10);
              h.writeInt16BE(key, 0);
              h.writeInt16BE(ver, 2);
              h.writeInt32BE(4242, 4);
              h.writeInt16BE(-1, 8);
              return reframe(Buffer.concat([h, Buffer.from(noise)]));
            }),
        ),
        async (bytes) => {
          await sendAndObserve(bytes);
          await stillServing();
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it.skipIf(needsDevBroker(LONG_POLLS))('mutated real client frames: answered (unless acks=0) or closed, broker keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (pick, mutations) => {
        const seed = seeds[pick % seeds.length]!;
        let body = seed.subarray(4);
        for (const m of mutations) body = applyMutation(body, m);
        await sendAndObserve(reframe(body));
        await stillServing();
      }),
      { numRuns: 300 },
    );
  }, 180_000);

  it('many frames pipelined on one connection, valid and mutated mixed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.option(mutation, { nil: undefined })), { minLength: 2, maxLength: 12 }), async (plan) => {
        const frames = plan.map(([pick, m]) => {
          const seed = seeds[pick % seeds.length]!;
          return m ? reframe(applyMutation(seed.subarray(4), m)) : seed;
        });
        const conn = await RawConnection.open(port, host);
        conn.send(Buffer.concat(frames));
        // Responses come in request order: their correlation ids are a prefix-ordered subsequence of the sent ones.
        const sentCids = frames.map((f) => (f.length >= 12 ? f.readInt32BE(8) : NaN));
        let cursor = 0;
        for (;;) {
          const res = await conn.next(1500).catch(() => undefined);
          if (!res) break;
          while (cursor < sentCids.length && sentCids[cursor] !== res.correlationId) cursor++;
          expect(cursor).toBeLessThan(sentCids.length);
          cursor++;
        }
        conn.destroy();
        await stillServing();
      }),
      { numRuns: 40 },
    );
  }, 180_000);

  it('a gzip bomb is refused (bounded inflation) and the broker keeps serving', async () => {
    const template = await kafkajsRecordBatch({ messages: [{ value: 'x' }], compression: 1 });
    // 96 MiB of zeros: ~100 KB compressed, beyond the broker's inflation bound.
    const bomb = gzipBombBatch(template, gzipSync(Buffer.alloc(96 * 1024 * 1024), { level: 9 }));
    const conn = await RawConnection.open(port, host);
    conn.send(produceFrame(99, 'fuzz', 0, bomb));
    const res = await conn.next(30_000);
    const decoded = (await kafkajsDecodeResponse('produce', 3, res.body)) as { topics: { partitions: { errorCode: number }[] }[] };
    expect(decoded.topics[0]!.partitions[0]!.errorCode).not.toBe(0);
    conn.destroy();
    await stillServing();
  }, 180_000);
});
