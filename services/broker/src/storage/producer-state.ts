/**
 * Idempotent-producer state of one partition: per producer id its epoch,
 * last sequence and the last few batches (sequence range -> base offset), so
 * a retried batch is recognised and answered with its original offset.
 * Rebuilt on open from the batch headers in the log (they carry producer id,
 * epoch and base sequence), so it survives restarts without its own file.
 */
import { type BatchHeader, ErrorCode } from './record-batch.ts';

/** Kafka keeps the last 5 batches per producer (max.in.flight for idempotence is 5). */
const CACHED_BATCHES = 5;
/** Bound on producers remembered per partition; the least recently active are forgotten first. */
const MAX_PRODUCERS = 10_000;
const INT32_MAX = 0x7fffffff;

interface CachedBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  lastSeq: number;
  lastOffset: number;
  batches: CachedBatch[];
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; errorCode: number; message: string };

/** Last sequence of a batch, wrapping at INT32_MAX like Kafka. */
function lastSequence(h: BatchHeader): number {
  const delta = h.lastOffsetDelta;
  return h.baseSequence > INT32_MAX - delta ? delta - (INT32_MAX - h.baseSequence) - 1 : h.baseSequence + delta;
}

function nextSequence(seq: number): number {
  return seq === INT32_MAX ? 0 : seq + 1;
}

export class ProducerStateTable {
  /** Map iteration order = least recently updated first (entries are re-inserted on update). */
  private readonly producers = new Map<number, ProducerEntry>();

  get size(): number {
    return this.producers.size;
  }

  /** What to do with a batch: append it, answer it as a duplicate, or refuse it. */
  check(h: BatchHeader): SequenceCheck {
    if (h.producerId < 0) return { kind: 'append' };
    const e = this.producers.get(h.producerId);
    // Unknown producer (new, or its state went with deleted segments): accept any sequence.
    if (!e) return { kind: 'append' };
    if (h.producerEpoch < e.epoch) {
      return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, message: `producer ${h.producerId} epoch ${h.producerEpoch} is older than ${e.epoch}` };
    }
    if (h.producerEpoch > e.epoch) {
      if (h.baseSequence === 0) return { kind: 'append' };
      return { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, message: `producer ${h.producerId} new epoch ${h.producerEpoch} must start at sequence 0, got ${h.baseSequence}` };
    }
    const last = lastSequence(h);
    for (const b of e.batches) {
      if (b.firstSeq === h.baseSequence && b.lastSeq === last) return { kind: 'duplicate', baseOffset: b.baseOffset };
    }
    if (h.baseSequence === nextSequence(e.lastSeq)) return { kind: 'append' };
    return {
      kind: 'error',
      errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
      message: `producer ${h.producerId} sequence ${h.baseSequence}, expected ${nextSequence(e.lastSeq)}`,
    };
  }

  /** Record a batch that was written at baseOffset (append path and recovery). */
  update(h: BatchHeader, baseOffset: number): void {
    if (h.producerId < 0) return;
    let e = this.producers.get(h.producerId);
    if (e) {
      this.producers.delete(h.producerId);
      if (h.producerEpoch !== e.epoch) e.batches = [];
    } else {
      e = { epoch: h.producerEpoch, lastSeq: -1, lastOffset: -1, batches: [] };
      if (this.producers.size >= MAX_PRODUCERS) {
        const oldest = this.producers.keys().next().value;
        if (oldest !== undefined) this.producers.delete(oldest);
      }
    }
    e.epoch = h.producerEpoch;
    e.lastSeq = lastSequence(h);
    e.lastOffset = baseOffset + h.lastOffsetDelta;
    e.batches.push({ firstSeq: h.baseSequence, lastSeq: e.lastSeq, baseOffset });
    if (e.batches.length > CACHED_BATCHES) e.batches.shift();
    this.producers.set(h.producerId, e);
  }

  /** Forget producers whose last write was deleted by retention (Kafka does the same). */
  expireBefore(logStartOffset: number): void {
    for (const [pid, e] of this.producers) {
      if (e.lastOffset < logStartOffset) this.producers.delete(pid);
    }
  }
}
