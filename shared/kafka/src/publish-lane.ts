/**
 * One sender and the queue in front of it: a "lane".
 *
 * Natural batching: while one produce request is in flight, new parts queue
 * up; the next request carries everything queued (up to maxRequestBytes).
 * Requests go out strictly one after another, in call order, which keeps each
 * partition in order and the idempotent producer's sequence numbers simple
 * (a Sender keeps one request in flight).
 *
 * A publisher may run several lanes, each owning a fixed set of partitions:
 * then one lane's request is encoded while another's is at the broker.
 */
import type { OutgoingRecord, Sender } from './port.ts';

export interface Position {
  id: string;
  topic: string;
  partition: number;
  /** Kafka offsets are int64: kept as decimal strings (exact, and JSON-safe). */
  offset: string;
}

/** A message ready to send, with where it goes and its approximate size. */
export interface Prepared {
  id: string;
  topic: string;
  partition: number;
  record: OutgoingRecord;
  bytes: number;
}

/** Shared by every part of one publish() call, across lanes: once failed, its unsent parts are dropped. */
export interface Call {
  failed?: unknown;
}

export interface Lane {
  /** Queues items (already split to fit requests) of one call; positions in item order. */
  enqueue(call: Call, items: Prepared[]): Promise<Position[]>;
  /** Resolves when nothing is queued or in flight. */
  flush(): Promise<void>;
}

interface Part {
  call: Call;
  items: Prepared[];
  bytes: number;
  resolve(positions: Position[]): void;
  reject(err: unknown): void;
}

/** One produce request; the sender returns every record's offset. */
async function send(sender: Sender, batch: Prepared[]): Promise<Position[]> {
  const offsets = await sender.send(batch.map((p) => p.record));
  return batch.map((p, i) => ({ id: p.id, topic: p.topic, partition: p.partition, offset: offsets[i]!.toString() }));
}

export function createLane(sender: Sender, opts: { maxRequestBytes: number; lingerMs: number }): Lane {
  const { maxRequestBytes, lingerMs } = opts;
  const queue: Part[] = [];
  let sending: Promise<void> | undefined;
  let lingering: NodeJS.Timeout | undefined;

  function queueBytes(): number {
    let n = 0;
    for (const p of queue) n += p.bytes;
    return n;
  }

  function drain(): void {
    if (sending || queue.length === 0 || lingering) return;
    if (lingerMs > 0 && queueBytes() < maxRequestBytes) {
      lingering = setTimeout(() => {
        lingering = undefined;
        send0();
      }, lingerMs);
      return;
    }
    send0();
  }

  function send0(): void {
    if (sending || queue.length === 0) return;
    const parts: Part[] = [];
    let bytes = 0;
    while (queue.length) {
      const next = queue[0]!;
      if (next.call.failed !== undefined) {
        queue.shift();
        next.reject(next.call.failed);
        continue;
      }
      if (parts.length > 0 && bytes + next.bytes > maxRequestBytes) break;
      parts.push(queue.shift()!);
      bytes += next.bytes;
    }
    if (parts.length === 0) return;
    sending = send(sender, parts.length === 1 ? parts[0]!.items : parts.flatMap((p) => p.items)).then(
      (positions) => {
        let i = 0;
        for (const p of parts) {
          p.resolve(positions.slice(i, i + p.items.length));
          i += p.items.length;
        }
      },
      (err: unknown) => {
        for (const p of parts) {
          p.call.failed = err;
          p.reject(err);
        }
      },
    );
    void sending.finally(() => {
      sending = undefined;
      // What queued up during this send has waited long enough: no linger.
      send0();
    });
  }

  return {
    enqueue(call, items) {
      let bytes = 0;
      for (const p of items) bytes += p.bytes;
      const promise = new Promise<Position[]>((resolve, reject) => queue.push({ call, items, bytes, resolve, reject }));
      drain();
      return promise;
    },
    async flush() {
      while (sending || queue.length) {
        if (lingering) {
          clearTimeout(lingering);
          lingering = undefined;
        }
        if (!sending) send0();
        await sending?.catch(() => {});
      }
    },
  };
}
