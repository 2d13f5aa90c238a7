import { openLogManager, type FileLogManager, type OpenLogManagerOptions } from '../../src/storage/log-manager.ts';
import type { FilePartitionLog } from '../../src/storage/partition-log.ts';
import type { LogConfig } from '../../src/storage/types.ts';
import { tempDir } from './kafkajs-batches.ts';

/** Opens managers on temp dirs and closes/removes everything in `cleanup()`. */
export class StorageFixture {
  private readonly managers: FileLogManager[] = [];
  private readonly dirs: (() => void)[] = [];

  newDir(): string {
    const t = tempDir();
    this.dirs.push(t.cleanup);
    return t.dir;
  }

  open(dir: string, config: Partial<LogConfig> = {}, opts: OpenLogManagerOptions = {}): FileLogManager {
    const m = openLogManager(dir, { flush: 'always', ...config }, opts);
    this.managers.push(m);
    return m;
  }

  /** A manager with topic "t" (1 partition) and its partition log. */
  openTopic(dir: string, config: Partial<LogConfig> = {}, opts: OpenLogManagerOptions = {}): { manager: FileLogManager; log: FilePartitionLog } {
    const manager = this.open(dir, config, opts);
    if (!manager.hasTopic('t')) manager.createTopic('t', 1);
    return { manager, log: manager.partition('t', 0)! };
  }

  /** Close every open manager (cleanly), keeping the dirs: a restart. */
  closeAll(): void {
    for (const m of this.managers.splice(0)) m.close();
  }

  cleanup(): void {
    this.closeAll();
    for (const d of this.dirs.splice(0)) d();
  }
}

export function appendOk(log: FilePartitionLog, batch: Buffer): number {
  const r = log.append(batch);
  if (!r.ok) throw new Error(`append failed: ${r.errorCode} ${r.message}`);
  return r.baseOffset;
}
