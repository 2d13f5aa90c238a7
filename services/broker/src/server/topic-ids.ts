import { existsSync, openSync, fsyncSync, closeSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Kafka's "no topic id" (Uuid.ZERO_UUID), as 32 hex digits like every id here. */
export const ZERO_UUID = '0'.repeat(32);

const fileSchema = z.record(z.string(), z.string().regex(/^[0-9a-f]{32}$/));

/**
 * Topic ids (KIP-516): a random 128-bit id per topic, new each time a topic
 * of that name is created. Clients that speak Metadata v10+, Fetch v13+ or
 * Produce v13 name topics by id, and cache them: an id that changed across a
 * broker restart would look like a deleted and recreated topic, so the ids
 * are kept in `topic-ids.json` next to the logs. A topic found without an id
 * (created by an older broker) gets one the first time it is asked for.
 */
export class TopicIds {
  private readonly byName = new Map<string, string>();
  private readonly byId = new Map<string, string>();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'topic-ids.json');
    if (existsSync(this.file)) {
      for (const [name, id] of Object.entries(fileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))))) this.remember(name, id);
    }
  }

  /** The topic's id, assigned (and persisted) on first use. */
  idOf(name: string): string {
    const known = this.byName.get(name);
    if (known) return known;
    let id: string;
    do id = randomBytes(16).toString('hex');
    while (id === ZERO_UUID || this.byId.has(id));
    this.remember(name, id);
    this.save();
    return id;
  }

  nameOf(id: string): string | undefined {
    return this.byId.get(id);
  }

  /** The topic was deleted: a topic created later under its name gets a new id. */
  forget(name: string): void {
    const id = this.byName.get(name);
    if (id === undefined) return;
    this.byName.delete(name);
    this.byId.delete(id);
    this.save();
  }

  private remember(name: string, id: string): void {
    this.byName.set(name, id);
    this.byId.set(id, name);
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.byName)));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
  }
}
