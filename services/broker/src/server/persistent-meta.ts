import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
    this.meta = existsSync(this.file) ? load(this.file) : { clusterId: randomBytes(16).toString('base64url').slice(0, 22), nextProducerId: 0 };
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
    fsyncDir(dirname(this.file));
  }
}

/** The file, validated; any problem names the file and says what to do. */
function load(file: string): Meta {
  const fail = (problem: string): never => {
    throw new Error(
      `${file}: ${problem}. It holds the cluster id and the producer-id counter: restore it from a backup, or remove it ` +
        'to start with a new cluster id and producer ids from 0 (ids still in the logs may then be refused with error 45).',
    );
  };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(`not valid JSON (truncated?): ${(err as Error).message}`);
  }
  const parsed = metaSchema.safeParse(json);
  if (!parsed.success) return fail(`unexpected contents: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
