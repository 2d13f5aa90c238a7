import type { Writer } from '../../writer.ts';
import type { MetadataResponse } from './types.ts';

/** The parts every version 1..4 shares, written in wire order around the version-specific fields. */
export function writeBrokers(w: Writer, res: MetadataResponse): void {
  w.array(res.brokers, (w, b) => w.int32(b.nodeId).string(b.host).int32(b.port).nullableString(b.rack));
}

export function writeTopics(w: Writer, res: MetadataResponse): void {
  w.array(res.topics, (w, t) => {
    w.int16(t.errorCode).string(t.name).bool(t.isInternal);
    w.array(t.partitions, (w, p) => {
      w.int16(p.errorCode).int32(p.partition).int32(p.leader);
      w.array(p.replicas, (w, n) => w.int32(n));
      w.array(p.isr, (w, n) => w.int32(n));
    });
  });
}
