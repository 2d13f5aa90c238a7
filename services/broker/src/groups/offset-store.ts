/**
 * Committed offsets and group generations, kept in memory and persisted to an
 * append-only JSON-lines file (`<dataDir>/__consumer_offsets.log`) so they
 * survive a broker restart. Every change is written (and by default
 * fdatasync'd) before the commit is acknowledged. On open the file is read,
 * a torn last line is dropped, and the live state is rewritten compacted
 * (temp file + rename). It is compacted again at runtime once superseded
 * lines dominate.
 */
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { CommittedOffset } from './types.ts';

export const OFFSETS_FILE = '__consumer_offsets.log';

/** One line of the file. Short keys: the file is written on every commit. */
const offsetLine = z.object({
  t: z.literal('o'),
  g: z.string(),
  /** [topic, partition, offset, metadata]; offsets may be negative (-1/-2), stored as given. */
  c: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.number().int(), z.string().nullable()])),
});
const groupLine = z.object({ t: z.literal('g'), g: z.string(), pt: z.string(), gen: z.number().int().nonnegative() });
const topicDeletedLine = z.object({ t: z.literal('x'), topic: z.string() });
const line = z.discriminatedUnion('t', [offsetLine, groupLine, topicDeletedLine]);
type Line = z.infer<typeof line>;

export interface OffsetEntry {
  topic: string;
  partition: number;
  offset: number;
  metadata: string | null;
}

export interface GroupMeta {
  protocolType: string;
  generationId: number;
}

export interface OffsetStoreOptions {
  dataDir: string;
  /** fdatasync after every write (default true; ~0.3 ms on a local disk). */
  fsync?: boolean;
  logger?: Logger;
  /** Compact once the file has this many lines more than the live state needs (default 10 000). */
  compactSlackLines?: number;
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

const key = (topic: string, partition: number) => `${partition}\u0000${topic}`;
const OFFSETS_PER_LINE = 1000;

export class OffsetStore {
  private readonly offsets = new Map<string, Map<string, OffsetEntry>>();
  private readonly meta = new Map<string, GroupMeta>();
  private readonly file: string;
  private readonly fsync: boolean;
  private readonly slack: number;
  private readonly logger: Logger | undefined;
  private fd = -1;
  private linesInFile = 0;
  private torn = false;

  constructor(opts: OffsetStoreOptions) {
    this.file = join(opts.dataDir, OFFSETS_FILE);
    this.fsync = opts.fsync ?? true;
    this.slack = opts.compactSlackLines ?? 10_000;
    this.logger = opts.logger;
    mkdirSync(opts.dataDir, { recursive: true });
    this.load();
    this.compact();
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    const e = this.offsets.get(groupId)?.get(key(topic, partition));
    return e ? { offset: e.offset, metadata: e.metadata } : undefined;
  }

  all(groupId: string): OffsetEntry[] {
    return [...(this.offsets.get(groupId)?.values() ?? [])];
  }

  hasOffsets(groupId: string): boolean {
    return (this.offsets.get(groupId)?.size ?? 0) > 0;
  }

  /** Groups that have committed offsets (they outlive their members, as in Kafka). */
  groupsWithOffsets(): string[] {
    return [...this.offsets.keys()];
  }

  groupMeta(groupId: string): GroupMeta | undefined {
    return this.meta.get(groupId);
  }

  /** Persists then applies; throws (and applies nothing) when the write fails. */
  commit(groupId: string, entries: OffsetEntry[]): void {
    if (entries.length === 0) return;
    this.persist({ t: 'o', g: groupId, c: entries.map((e) => [e.topic, e.partition, e.offset, e.metadata]) });
  }

  /** Remembers a group's generation so generations stay monotonic across restarts. */
  recordGeneration(groupId: string, protocolType: string, generationId: number): void {
    this.persist({ t: 'g', g: groupId, pt: protocolType, gen: generationId });
  }

  /** Drops every group's offsets for a deleted topic. */
  deleteTopic(topic: string): void {
    let found = false;
    for (const m of this.offsets.values()) for (const e of m.values()) if (e.topic === topic) found = true;
    if (!found) return;
    this.persist({ t: 'x', topic });
  }

  close(): void {
    if (this.fd >= 0) {
      try {
        fsyncSync(this.fd);
      } finally {
        closeSync(this.fd);
        this.fd = -1;
      }
    }
  }

  private apply(rec: Line): void {
    if (rec.t === 'o') {
      let m = this.offsets.get(rec.g);
      if (!m) this.offsets.set(rec.g, (m = new Map()));
      for (const [topic, partition, offset, metadata] of rec.c) m.set(key(topic, partition), { topic, partition, offset, metadata });
    } else if (rec.t === 'g') {
      this.meta.set(rec.g, { protocolType: rec.pt, generationId: rec.gen });
    } else {
      for (const [g, m] of this.offsets) {
        for (const [k, e] of m) if (e.topic === rec.topic) m.delete(k);
        if (m.size === 0) this.offsets.delete(g);
      }
    }
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    const lines = text.split('\n');
    // Every record ends with '\n': whatever follows the last one is a torn write.
    const torn = lines.pop();
    if (torn) this.logger?.warn({ file: this.file, bytes: torn.length }, 'dropping torn tail of the offsets log');
    let bad = 0;
    for (const raw of lines) {
      if (!raw) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        bad++;
        continue;
      }
      const r = line.safeParse(parsed);
      if (r.success) this.apply(r.data);
      else bad++;
    }
    if (bad > 0) this.logger?.warn({ file: this.file, bad }, 'skipped unreadable lines in the offsets log');
  }

  /** Rewrites the live state to a temp file and swaps it in atomically. */
  private compact(): void {
    const recs: Line[] = [];
    for (const [g, m] of this.meta) if (this.offsets.has(g)) recs.push({ t: 'g', g, pt: m.protocolType, gen: m.generationId });
    for (const [g, m] of this.offsets) {
      const entries = [...m.values()];
      for (let i = 0; i < entries.length; i += OFFSETS_PER_LINE) {
        const c = entries.slice(i, i + OFFSETS_PER_LINE).map((e) => [e.topic, e.partition, e.offset, e.metadata] as [string, number, number, string | null]);
        recs.push({ t: 'o', g, c });
      }
    }
    const tmp = `${this.file}.compacting`;
    const tmpFd = openSync(tmp, 'w');
    try {
      writeAll(tmpFd, recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      fsyncSync(tmpFd);
    } finally {
      closeSync(tmpFd);
    }
    renameSync(tmp, this.file);
    this.fsyncDir();
    const appendFd = openSync(this.file, 'a');
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = appendFd;
    this.linesInFile = recs.length;
  }

  /**
   * Appends a record, then applies it to memory. Compaction comes last: it
   * rewrites the file from memory, which must already hold this record.
   */
  private persist(rec: Line): void {
    // After a failed write the file may end in a partial line; rewrite it from memory before appending again.
    if (this.torn) {
      this.compact();
      this.torn = false;
    }
    try {
      writeAll(this.fd, `${JSON.stringify(rec)}\n`);
      if (this.fsync) fdatasyncSync(this.fd);
    } catch (err) {
      this.torn = true;
      throw err;
    }
    this.linesInFile++;
    this.apply(rec);
    if (this.linesInFile > this.liveLines() + this.slack) {
      try {
        this.compact();
      } catch (err) {
        // The appended log is still complete; compaction is retried on the next write or open.
        this.logger?.warn({ err, file: this.file }, 'could not compact the offsets log');
      }
    }
  }

  private liveLines(): number {
    let n = 0;
    for (const m of this.offsets.values()) n += 1 + Math.ceil(m.size / OFFSETS_PER_LINE);
    return n;
  }

  private fsyncDir(): void {
    const dirFd = openSync(join(this.file, '..'), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}
