/**
 * The partitioner, Kafka's error-code table and the topic-partition key:
 * pure units. murmur2 is checked against the Java client's own test vectors
 * (org.apache.kafka.common.utils.UtilsTest.testMurmur2) and, for random keys
 * and partition counts, against kafkajs's Java-compatible DefaultPartitioner
 * (the partitioner newswire producers used before, so no story moves).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Partitioners } from 'kafkajs';
import { partitionKey } from '@newswire/schema';
import { describeKafkaError, KafkaErrorCode, kafkaErrorName, murmur2, partitionForKey } from '@newswire/kafka';

describe('murmur2', () => {
  it('matches the Java client on its test vectors', () => {
    const cases: [string | number[], number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      [[0x61, 0x62, 0x63], 479470107],
    ];
    for (const [input, expected] of cases) {
      const bytes = typeof input === 'string' ? Buffer.from(input) : Uint8Array.from(input);
      expect(murmur2(bytes), String(input)).toBe(expected);
    }
  });

  it('puts every key on the partition kafkajs\'s DefaultPartitioner picks', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 1, max: 64 }), (key, n) => {
        const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
        expect(partitionForKey(key, n)).toBe(kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } }));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a partition count below 1', () => {
    expect(() => partitionForKey('story', 0)).toThrow(/partition count/);
    expect(() => partitionForKey('story', 1.5)).toThrow(/partition count/);
  });
});

describe('Kafka error codes', () => {
  it('names codes and says why', () => {
    expect(KafkaErrorCode.INVALID_REPLICATION_FACTOR).toBe(38);
    expect(kafkaErrorName(38)).toBe('INVALID_REPLICATION_FACTOR');
    expect(describeKafkaError(38)).toMatch(/^INVALID_REPLICATION_FACTOR \(38\): the replication factor is below 1, larger than the number of brokers/);
    expect(describeKafkaError(36)).toBe('TOPIC_ALREADY_EXISTS (36): the topic already exists');
    expect(kafkaErrorName(9999)).toBe('KAFKA_ERROR_9999');
    expect(describeKafkaError(9999)).toBe('unknown error (9999)');
  });

  it('has one name per code', () => {
    const codes = Object.values(KafkaErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('partitionKey', () => {
  it('tells apart topic-partitions that a ":" join would not', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.string(), fc.nat(), (t1, p1, t2, p2) => {
        fc.pre(!t1.includes('\u0000') && !t2.includes('\u0000'));
        expect(partitionKey(t1, p1) === partitionKey(t2, p2)).toBe(t1 === t2 && p1 === p2);
      }),
    );
  });
});
