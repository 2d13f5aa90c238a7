/**
 * The file under one segment: its descriptor, synchronous reads and writes
 * at explicit positions, and fdatasync (blocking, or on the libuv
 * threadpool). What the bytes mean is segment.ts's business.
 */
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';

/**
 * Sealed (non-active) segments share a bounded pool of open file
 * descriptors: tiny segment sizes or long retention could otherwise open
 * thousands. Least recently read segments give theirs back first and reopen
 * on demand. The active segment of each partition always stays open.
 */
const MAX_OPEN_SEALED = 512;
const openSealed = new Map<SegmentFile, true>();

function touchSealed(file: SegmentFile): void {
  openSealed.delete(file);
  openSealed.set(file, true);
  if (openSealed.size > MAX_OPEN_SEALED) {
    const oldest = openSealed.keys().next().value;
    if (oldest) oldest.releaseFd();
  }
}

export class SegmentFile {
  private dirty = false;
  /** No more appends: the file is complete and fsynced, its fd may be pooled. */
  private sealed = false;
  /** A background fdatasync is running on the libuv threadpool. */
  private syncing = false;

  private constructor(
    readonly path: string,
    /** -1 while closed (sealed segments reopen on demand). */
    private fd: number,
  ) {}

  /** A new, empty file; fails when one exists. */
  static create(path: string): SegmentFile {
    return new SegmentFile(path, openSync(path, 'wx+'));
  }

  static open(path: string): SegmentFile {
    return new SegmentFile(path, openSync(path, 'r+'));
  }

  /** The file's length on disk (on open: torn or damaged bytes included). */
  byteLength(): number {
    return fstatSync(this.fd).size;
  }

  /** Fill `buf` from `position`; throws at the end of the file. */
  read(buf: Buffer, position: number): void {
    readFully(this.handle(), buf, position);
  }

  write(buf: Buffer, position: number): void {
    writeFully(this.fd, buf, position);
    this.dirty = true;
  }

  truncate(size: number, sync: boolean): void {
    ftruncateSync(this.fd, size);
    if (sync) fdatasyncSync(this.fd);
  }

  /** fdatasync (blocking) if anything was written since the last completed flush. */
  flush(): void {
    // A background sync in flight may not have finished: sync again rather than wait.
    if ((!this.dirty && !this.syncing) || this.fd < 0) return;
    fdatasyncSync(this.fd);
    this.dirty = false;
  }

  /**
   * The interval flush policy: fdatasync on the libuv threadpool, so the
   * event loop (every client's requests) never waits for the disk. Appends
   * made meanwhile stay dirty and go with the next flush.
   */
  flushInBackground(onError: (err: Error) => void): void {
    if (!this.dirty || this.syncing || this.fd < 0) return;
    this.dirty = false;
    this.syncing = true;
    fdatasync(this.fd, (err) => {
      this.syncing = false;
      if (!err) return;
      if (this.fd >= 0) {
        this.dirty = true;
        onError(err);
      } // else: the segment was closed (and synced) meanwhile; nothing lost
    });
  }

  /** Stop appending: fsync the file and let its descriptor join the bounded pool. */
  seal(): void {
    this.flush();
    this.sealed = true;
    if (this.fd >= 0) touchSealed(this);
  }

  /** The file descriptor, reopened (read-only) if the pool took it. */
  private handle(): number {
    if (this.fd < 0) {
      if (!this.sealed) throw new Error(`segment ${this.path} is closed`);
      this.fd = openSync(this.path, 'r');
    }
    if (this.sealed) touchSealed(this);
    return this.fd;
  }

  /** Called by the pool: close the descriptor of a sealed segment until it is read again. */
  releaseFd(): void {
    openSealed.delete(this);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  close(): void {
    this.flush();
    this.releaseFd();
    this.sealed = false; // closed for good: no reopening
  }

  delete(): void {
    this.releaseFd();
    this.sealed = false;
    unlinkSync(this.path);
  }
}

function readFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of segment file at ${position + done}`);
    done += n;
  }
}

function writeFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}
