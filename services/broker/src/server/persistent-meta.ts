import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Broker-level state that must survive restarts and is not a log: the
 * cluster id (clients cache it) and the producer-id counter (a reused
 * producer id would make idempotent dedupe drop a new producer's batches).
 */
const metaSchema = z.object({
  clusterId: z.string().min(1).max(64),
  nextProducerId: z.number().int().min(0),
});
type Meta = z.infer<typeof metaSchema>;

/** Producer ids are reserved in blocks so the file is rewritten once per block, not per id. */
const PRODUCER_ID_BLOCK = 1000;

export class PersistentMeta {
  private meta: Meta;
  private nextId: number;
  private readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'broker-meta.json');
    this.meta = existsSync(this.file)
      ? metaSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')))
      : { clusterId: randomBytes(16).toString('base64url').slice(0, 22), nextProducerId: 0 };
    // Ids below the persisted mark may have been handed out before a crash; start above it.
    this.nextId = this.meta.nextProducerId;
    this.meta.nextProducerId = this.nextId;
    this.save();
  }

  get clusterId(): string {
    return this.meta.clusterId;
  }

  allocateProducerId(): number {
    if (this.nextId >= this.meta.nextProducerId) {
      this.meta.nextProducerId = this.nextId + PRODUCER_ID_BLOCK;
      this.save();
    }
    return this.nextId++;
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.meta));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
