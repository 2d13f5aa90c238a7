/**
 * The broker's data directory: one directory per partition, named
 * `<topic>-<partition>` like Kafka's, each holding that partition's segment
 * files. Other entries of the data dir (broker-meta.json, the group offsets
 * file) are left alone. Opening recovers every partition; retention and
 * interval flushing run on unref'd timers.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { KafkaErrorCode } from '@newswire/kafka/error-codes';
import { FilePartitionLog, fsyncDir, type OpenPartitionOptions } from './partition-log.ts';
import { LogDamagedError, type Damage } from './damage.ts';
import type { RecoveryMode } from './recovery.ts';
import type { LogConfig, LogManager, TopicInfo } from './types.ts';
import type { TopicConfig } from './topic-config.ts';
import { DEFAULT_CLEANER_OPTIONS, LogCleaner, type CleanerOptions, type PartitionCleanReport } from './log-cleaner.ts';
import { DEFAULT_MAX_INFLATED_BYTES } from './partition-log.ts';

export const DEFAULT_LOG_CONFIG: LogConfig = {
  segmentBytes: 64 * 1024 * 1024,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  flush: 1000,
  indexIntervalBytes: 4096,
};

/** Written on a clean close, removed on open: its absence means the tail must be CRC-checked. */
const CLEAN_SHUTDOWN_FILE = '.clean-shutdown';
/** Holds the pid of the process using the data dir: two brokers on one dir would corrupt it. */
const LOCK_FILE = '.lock';
const PARTITION_DIR = /^(.+)-(\d+)$/;
const DELETING_DIR = /\.[0-9a-f]{8}-delete$/;
const LEGAL_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's topic name rule: [a-zA-Z0-9._-], 1..249 characters, not "." or "..". */
export function isLegalTopicName(name: string): boolean {
  return LEGAL_TOPIC.test(name) && name !== '.' && name !== '..';
}

/** A refused topic operation, with the Kafka error code that describes it. */
export class TopicOperationError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenLogManagerOptions {
  logger?: Logger;
  /**
   * What to do with damage outside a log's tail (see recovery.ts): 'strict'
   * (default) refuses to open, naming every damaged place; 'truncate-damaged'
   * moves only the damaged bytes aside and opens.
   */
  recovery?: RecoveryMode;
  /**
   * Check the CRC-32C of every stored batch on open (default true). false
   * checks only the last segment after an unclean stop (the benchmark's
   * baseline); batches are checked again whenever they are served.
   */
  verifyAll?: boolean;
  /** How often retention runs (default 60 s). */
  retentionCheckMs?: number;
  /** The log cleaner of compacted topics (log-cleaner.ts; defaults as Kafka's). */
  cleaner?: Partial<CleanerOptions>;
}

export function openLogManager(dataDir: string, config: Partial<LogConfig> = {}, opts: OpenLogManagerOptions = {}): FileLogManager {
  return new FileLogManager(dataDir, { ...DEFAULT_LOG_CONFIG, ...config }, opts);
}

export class FileLogManager implements LogManager {
  private readonly logs = new Map<string, FilePartitionLog[]>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly logger: Logger | undefined;
  private closed = false;
  private readonly cleaner: LogCleaner;
  /** Whether the previous run closed cleanly (no CRC pass was needed). */
  readonly recoveredFromCleanShutdown: boolean;

  constructor(
    readonly dataDir: string,
    readonly config: LogConfig,
    opts: OpenLogManagerOptions = {},
  ) {
    validateConfig(config);
    this.logger = opts.logger;
    mkdirSync(dataDir, { recursive: true });
    acquireLock(dataDir);
    const marker = join(dataDir, CLEAN_SHUTDOWN_FILE);
    this.recoveredFromCleanShutdown = existsSync(marker);
    try {
      this.openAll({ cleanShutdown: this.recoveredFromCleanShutdown, recovery: opts.recovery ?? 'strict', verifyAll: opts.verifyAll ?? true, logger: this.logger });
    } catch (err) {
      // Refused (or failed): leave the dir as it was, unlocked, for the operator or a repair run.
      for (const logs of this.logs.values()) for (const log of logs) log.close();
      this.logs.clear();
      releaseLock(dataDir);
      throw err;
    }
    if (this.recoveredFromCleanShutdown) {
      unlinkSync(marker);
      fsyncDir(dataDir);
    }
    const retentionEvery = opts.retentionCheckMs ?? 60_000;
    this.timers.push(setInterval(() => this.enforceRetention(Date.now()), retentionEvery).unref());
    if (typeof config.flush === 'number') {
      this.timers.push(setInterval(() => this.flushInBackground(), config.flush).unref());
    }
    const cleanerOptions = { ...DEFAULT_CLEANER_OPTIONS, ...opts.cleaner };
    validateCleanerOptions(cleanerOptions);
    this.cleaner = new LogCleaner(() => [...this.logs.values()].flat(), config.segmentBytes, config.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, cleanerOptions, this.logger);
    this.cleaner.start();
  }

  /**
   * Run a log-cleaner pass now (after any pass already running) over every
   * compacted partition whose dirty ratio is reached. The timer runs the same.
   */
  runCleaner(now?: number): Promise<PartitionCleanReport[]> {
    return this.cleaner.runPass(now);
  }

  private openAll(opts: OpenPartitionOptions): void {
    const found = new Map<string, number>();
    for (const entry of readdirSync(this.dataDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (DELETING_DIR.test(entry.name)) {
        // A deleteTopic interrupted by a crash: finish it.
        rmSync(join(this.dataDir, entry.name), { recursive: true, force: true });
        continue;
      }
      const m = PARTITION_DIR.exec(entry.name);
      if (!m || !isLegalTopicName(m[1]!)) continue;
      const p = Number(m[2]);
      found.set(m[1]!, Math.max(found.get(m[1]!) ?? 0, p + 1));
    }
    const started = Date.now();
    // Every partition is scanned even after a refusal, so one run reports all the damage.
    const damages: Damage[] = [];
    for (const [topic, partitions] of found) {
      const logs: FilePartitionLog[] = [];
      this.logs.set(topic, logs);
      for (let p = 0; p < partitions; p++) {
        try {
          logs.push(FilePartitionLog.open(this.partitionDir(topic, p), topic, p, this.config, opts));
        } catch (err) {
          if (!(err instanceof LogDamagedError)) throw err;
          damages.push(...err.damages);
        }
      }
    }
    if (damages.length > 0) throw new LogDamagedError(damages);
    const { cleanShutdown, verifyAll, recovery } = opts;
    this.logger?.info({ dataDir: this.dataDir, topics: found.size, cleanShutdown, verifyAll, recovery, ms: Date.now() - started }, 'opened logs');
  }

  private partitionDir(topic: string, partition: number): string {
    return join(this.dataDir, `${topic}-${partition}`);
  }

  topics(): TopicInfo[] {
    return [...this.logs].map(([name, logs]) => ({ name, partitions: logs.length })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  hasTopic(name: string): boolean {
    return this.logs.has(name);
  }

  createTopic(name: string, partitions: number, topicConfig?: TopicConfig): void {
    if (!isLegalTopicName(name)) throw new TopicOperationError(KafkaErrorCode.INVALID_TOPIC_EXCEPTION, `illegal topic name ${JSON.stringify(name)}`);
    if (this.logs.has(name)) throw new TopicOperationError(KafkaErrorCode.TOPIC_ALREADY_EXISTS, `topic ${name} already exists`);
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
      throw new TopicOperationError(KafkaErrorCode.INVALID_PARTITIONS, `invalid partition count ${partitions}`);
    }
    const logs: FilePartitionLog[] = [];
    for (let p = 0; p < partitions; p++) {
      logs.push(FilePartitionLog.open(this.partitionDir(name, p), name, p, this.config, { cleanShutdown: true, logger: this.logger, ...(topicConfig && { topicConfig }) }));
    }
    fsyncDir(this.dataDir);
    this.logs.set(name, logs);
  }

  /** Closes the partitions and removes their files (renamed first, so a crash midway finishes on restart). */
  deleteTopic(name: string): void {
    const logs = this.logs.get(name);
    if (!logs) throw new TopicOperationError(KafkaErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `unknown topic ${name}`);
    this.logs.delete(name);
    const tag = randomBytes(4).toString('hex');
    const doomed: string[] = [];
    for (const log of logs) {
      log.close();
      const target = `${log.dir}.${tag}-delete`;
      renameSync(log.dir, target);
      doomed.push(target);
    }
    fsyncDir(this.dataDir);
    for (const d of doomed) rmSync(d, { recursive: true, force: true });
  }

  partition(topic: string, partition: number): FilePartitionLog | undefined {
    return this.logs.get(topic)?.[partition];
  }

  enforceRetention(now: number): void {
    for (const logs of this.logs.values()) {
      for (const log of logs) {
        try {
          log.enforceRetention(now);
        } catch (err) {
          this.logger?.error({ err, topic: log.topic, partition: log.partition }, 'retention failed');
        }
      }
    }
  }

  flush(): void {
    for (const logs of this.logs.values()) {
      for (const log of logs) {
        try {
          log.flush();
        } catch (err) {
          this.logger?.error({ err, topic: log.topic, partition: log.partition }, 'flush failed');
        }
      }
    }
  }

  /** Start a background fdatasync of every partition written since its last flush. */
  flushInBackground(): void {
    for (const logs of this.logs.values()) for (const log of logs) log.flushInBackground();
  }

  /** Bytes of index memory over all partitions. */
  indexMemoryBytes(): number {
    let total = 0;
    for (const logs of this.logs.values()) for (const log of logs) total += log.indexMemoryBytes();
    return total;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cleaner.stop();
    for (const t of this.timers) clearInterval(t);
    for (const logs of this.logs.values()) for (const log of logs) log.close();
    writeFileSync(join(this.dataDir, CLEAN_SHUTDOWN_FILE), '');
    releaseLock(this.dataDir);
    fsyncDir(this.dataDir);
  }
}

/**
 * Take the data dir's pid lock. A lock left by a dead process (kill -9) is
 * taken over; one held by a live other process refuses to open. The same
 * process may reopen its own dir (tests simulate crashes that way).
 */
function acquireLock(dataDir: string): void {
  const file = join(dataDir, LOCK_FILE);
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
    throw new Error(`data dir ${dataDir} is in use by process ${holder} (another broker?)`);
  }
  writeFileSync(file, String(process.pid));
}

function releaseLock(dataDir: string): void {
  const file = join(dataDir, LOCK_FILE);
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function validateCleanerOptions(c: CleanerOptions): void {
  if (!Number.isInteger(c.intervalMs) || c.intervalMs < 1) throw new Error(`invalid cleaner option: intervalMs ${c.intervalMs}`);
  if (!(c.minCleanableDirtyRatio >= 0 && c.minCleanableDirtyRatio <= 1)) throw new Error(`invalid cleaner option: minCleanableDirtyRatio ${c.minCleanableDirtyRatio} (0..1)`);
  if (!Number.isInteger(c.deleteRetentionMs) || c.deleteRetentionMs < 0) throw new Error(`invalid cleaner option: deleteRetentionMs ${c.deleteRetentionMs}`);
  if (!Number.isInteger(c.maxKeys) || c.maxKeys < 1) throw new Error(`invalid cleaner option: maxKeys ${c.maxKeys}`);
}

function validateConfig(c: LogConfig): void {
  const bad = (what: string): never => {
    throw new Error(`invalid log config: ${what}`);
  };
  if (!Number.isInteger(c.segmentBytes) || c.segmentBytes < 64 || c.segmentBytes > 0x7fffffff) bad(`segmentBytes ${c.segmentBytes} (64 B..2 GiB)`);
  if (!Number.isInteger(c.indexIntervalBytes) || c.indexIntervalBytes < 1) bad(`indexIntervalBytes ${c.indexIntervalBytes}`);
  if (c.flush !== 'always' && !(Number.isInteger(c.flush) && c.flush > 0)) bad(`flush ${String(c.flush)}`);
  if (!Number.isInteger(c.retentionMs) || c.retentionMs < -1) bad(`retentionMs ${c.retentionMs}`);
  if (!Number.isInteger(c.retentionBytes) || c.retentionBytes < -1) bad(`retentionBytes ${c.retentionBytes}`);
}
