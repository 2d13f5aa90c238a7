/**
 * The progress journal of `publish --file --journal <path>`: which input
 * lines Kafka has acknowledged, so that re-running the same command after a
 * failure (a broker crash, a killed CLI) publishes only the rest.
 *
 * NDJSON, append-only, one record per acknowledged batch:
 *
 *   {"newswireJournal":1,"input":"updates.ndjson","sha256":"…","lines":N,"valid":V,"created":"…"}
 *   {"base":{"newswire.arrests:0":"120",…}}       end offsets when a run started, before it sent anything
 *   {"acked":[[1,2000]]}                           input lines Kafka acknowledged (inclusive ranges)
 *   {"found":[[2001,2040]]}                        lines a resumed run found stored in Kafka, unacknowledged
 *   {"done":true}                                  every valid line is stored
 *
 * Records are written only after Kafka acknowledged them, so the journal is
 * never ahead of Kafka; it may be behind (records are fsync'd once a second,
 * and updates in flight when a run died were never acknowledged). A resumed
 * run therefore reads the log from the last `base` to the end and skips the
 * ids of the file it finds there (`found`): whatever Kafka stored is skipped,
 * whatever it did not is published, and nothing twice.
 *
 * The journal belongs to one input: its sha256 is checked on every run. It
 * stays small (ranges of line numbers; compacted when it grows past
 * COMPACT_AT records) and is locked (<path>.lock) while a run uses it.
 */
import { constants } from 'node:fs';
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../command.ts';
import { RangeSet, type Range } from './ranges.ts';

const COMPACT_AT = 1000;
const FSYNC_EVERY_MS = 1000;

export interface InputIdentity {
  /** As given on the command line ('-' for stdin). */
  input: string;
  sha256: string;
  lines: number;
  valid: number;
}

const range = z.tuple([z.number().int().min(1), z.number().int().min(1)]).refine(([a, b]) => a <= b, 'range end before its start');
const offsets = z.record(z.string().regex(/^.+:\d+$/), z.string().regex(/^\d+$/));
const header = z.object({
  newswireJournal: z.literal(1),
  input: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  lines: z.number().int().min(0),
  valid: z.number().int().min(0),
  created: z.string(),
});
const record = z.union([
  z.object({ base: offsets }).strict(),
  z.object({ acked: z.array(range) }).strict(),
  z.object({ found: z.array(range) }).strict(),
  z.object({ done: z.literal(true) }).strict(),
]);

export interface JournalState {
  /** Lines known stored: acknowledged, or found in Kafka by a resumed run. */
  stored: RangeSet;
  /** End offsets when the last run started: nothing of ours was sent before them since. */
  base: Record<string, string> | undefined;
  done: boolean;
}

export class Journal {
  private fh: FileHandle | undefined;
  private records = 0;
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();
  /** The first write that failed (disk full, ...): close() reports it. */
  private error: unknown;
  private syncTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly path: string,
    private readonly identity: InputIdentity,
    readonly state: JournalState,
    /** True when the file existed: this run resumes an earlier one. */
    readonly resumed: boolean,
  ) {}

  /** Locks and reads the journal (or prepares a new one); refuses one that belongs to another input. */
  static async open(path: string, identity: InputIdentity): Promise<Journal> {
    await lock(path);
    try {
      const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      const state: JournalState = { stored: new RangeSet(), base: undefined, done: false };
      const journal = new Journal(path, identity, state, text !== undefined);
      if (text !== undefined) journal.records = read(path, text, identity, state);
      return journal;
    } catch (err) {
      await unlock(path);
      throw err;
    }
  }

  /** Starts a run: records where the log ends now (before anything is sent), creating the file if new. */
  async begin(base: Record<string, string>): Promise<void> {
    this.state.base = base;
    if (!this.resumed || this.records >= COMPACT_AT) {
      await this.rewrite();
    } else {
      // What was found stored must be durable before the new base: past it, the next resume
      // would no longer look for those lines in the log.
      await this.sync();
      await this.append({ base });
      await this.sync();
    }
    // A failed periodic sync is reported by close().
    this.syncTimer = setInterval(() => void this.sync().catch(() => {}), FSYNC_EVERY_MS);
    this.syncTimer.unref();
  }

  /** Lines Kafka acknowledged (`acked`), or that a resumed run found stored (`found`). */
  record(kind: 'acked' | 'found', lines: readonly Range[]): void {
    if (lines.length === 0) return;
    for (const [a, b] of lines) this.state.stored.add(a, b);
    void this.append(kind === 'acked' ? { acked: [...lines] } : { found: [...lines] });
  }

  /** Flushes and fsyncs what was recorded, marks the input done when it is, and unlocks. */
  async close(done: boolean): Promise<void> {
    clearInterval(this.syncTimer);
    if (done) {
      this.state.done = true;
      await this.append({ done: true });
    }
    try {
      await this.writing;
      if (done && this.records >= COMPACT_AT && !this.error) await this.rewrite();
      await this.sync();
    } finally {
      await this.fh?.close();
      this.fh = undefined;
      await unlock(this.path);
    }
  }

  private append(rec: z.infer<typeof record>): Promise<void> {
    const line = JSON.stringify(rec) + '\n';
    this.records++;
    this.writing = this.writing
      .then(async () => {
        if (this.error) return;
        this.fh ??= await open(this.path, 'a');
        await this.fh.write(line);
        this.dirty = true;
      })
      .catch((err: unknown) => {
        this.error ??= err;
      });
    return this.writing;
  }

  private async sync(): Promise<void> {
    await this.writing;
    if (this.error) throw new Error(`cannot write journal ${this.path}: ${(this.error as Error).message}`);
    if (!this.dirty || !this.fh) return;
    this.dirty = false;
    await this.fh.datasync();
  }

  /** Writes header, base and one merged record to a temp file, fsyncs it, and renames it over the journal. */
  private async rewrite(): Promise<void> {
    await this.writing;
    await this.fh?.close();
    const lines = [
      JSON.stringify({ newswireJournal: 1, ...this.identity, created: new Date().toISOString() }),
      ...(this.state.base ? [JSON.stringify({ base: this.state.base })] : []),
      ...(this.state.stored.size ? [JSON.stringify({ acked: this.state.stored.ranges() })] : []),
      ...(this.state.done ? [JSON.stringify({ done: true })] : []),
    ];
    const tmp = `${this.path}.tmp`;
    const fh = await open(tmp, 'w');
    await fh.write(lines.join('\n') + '\n');
    await fh.sync();
    await fh.close();
    await rename(tmp, this.path);
    await syncDir(dirname(this.path));
    this.records = lines.length - 1;
    this.fh = await open(this.path, 'a');
  }
}

/** Parses an existing journal into `state`; returns its record count. */
function read(path: string, text: string, identity: InputIdentity, state: JournalState): number {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  // A crash can tear the last record being appended (it was never fsync'd whole): it is skipped below.
  const damaged = (n: number, why: string) => new UsageError(`journal ${path} is damaged at line ${n}: ${why}; delete it to publish the whole input again`);
  let first: unknown;
  try {
    first = JSON.parse(lines[0] ?? '');
  } catch {
    throw damaged(1, 'not a newswire journal header');
  }
  const h = header.safeParse(first);
  if (!h.success) throw damaged(1, 'not a newswire journal header');
  if (h.data.sha256 !== identity.sha256 || h.data.lines !== identity.lines) {
    throw new UsageError(
      `journal ${path} belongs to another input (${h.data.input}, ${h.data.lines} line(s), sha256 ${h.data.sha256.slice(0, 12)}…), ` +
        `not ${identity.input} (${identity.lines} line(s), sha256 ${identity.sha256.slice(0, 12)}…); give another --journal or delete it`,
    );
  }
  for (let i = 1; i < lines.length; i++) {
    let parsed;
    try {
      parsed = record.safeParse(JSON.parse(lines[i]!));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      if (i === lines.length - 1) break; // torn last record
      throw damaged(i + 1, 'not a journal record');
    }
    const r = parsed.data;
    if ('base' in r) state.base = r.base;
    else if ('acked' in r) for (const [a, b] of r.acked) state.stored.add(a, b);
    else if ('found' in r) for (const [a, b] of r.found) state.stored.add(a, b);
    else state.done = true;
  }
  return lines.length - 1;
}

/** `<journal>.lock` holds the pid of the run using the journal; a lock left by a dead process is taken over. */
async function lock(path: string): Promise<void> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
      await fh.write(String(process.pid));
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UsageError(`journal ${path} is in use by process ${pid} (lock ${lockPath}); one run per journal at a time`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new UsageError(`could not lock journal ${path} (${lockPath})`);
}

async function unlock(path: string): Promise<void> {
  await rm(`${path}.lock`, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
