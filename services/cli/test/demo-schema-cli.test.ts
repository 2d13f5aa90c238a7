/**
 * `newswire demo` and `newswire schema` as spawned processes: exit codes,
 * output, and what reaches Kafka (checked by end offsets).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KINDS, jsonSchemaDocuments } from '@newswire/schema';
import { KINDS as KINDS_V2, jsonSchemaDocuments as jsonSchemaDocumentsV2 } from '@newswire/schema/v2';
import { KAZAKHSTAN_SEED_V2 as KAZAKHSTAN_SEED } from '@newswire/schema/v2/seed';
import { openAdmin, runCli, startKafka, totalMessages, type TestAdmin, type TestKafka } from '@newswire/test-support';

/** `newswire <args>` on this file's topics, with Kafka given by --brokers only (KAFKA_BROKERS cleared). */
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env: { KAFKA_BROKERS: '', ...(kafka ? { NEWSWIRE_TOPIC_PREFIX: kafka.prefix } : {}), ...env } });

let kafka: TestKafka;
let admin: TestAdmin;

/** Updates in this file's topics (its own prefix: nothing else writes there). */
const messagesInTopics = () => totalMessages(admin, kafka.topics);

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
});

afterAll(async () => {
  await admin?.close();
  await kafka?.stop();
});

describe('newswire demo', () => {
  it('refuses a bad pace with exit 2, publishing nothing', async () => {
    const r = await cli(['demo', '--pace', 'fast', '--brokers', kafka.brokers.join(',')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pace "fast" must be max, <N>x/);
    expect(await messagesInTopics()).toBe(0);
  });

  it('refuses --loop with --once', async () => {
    const r = await cli(['demo', '--loop', '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--loop or --once/);
  });

  it('publishes the story once at max pace and prints each position', async () => {
    const r = await cli(['demo', '--pace', 'max', '--json', '--brokers', kafka.brokers.join(',')]);
    expect(r.stderr).toMatch(new RegExp(`published ${KAZAKHSTAN_SEED.length} update\\(s\\) in 1 pass`));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; topic: string; kind: string });
    expect(lines.map((l) => l.id)).toEqual(KAZAKHSTAN_SEED.map((u) => u.id));
    expect(await messagesInTopics()).toBe(KAZAKHSTAN_SEED.length);
  });

  it('fails with exit 3 (Kafka unreachable) and a clear message when Kafka is unreachable', async () => {
    const r = await cli(['demo', '--pace', 'max', '--brokers', '127.0.0.1:1'], { KAFKA_CONNECT_TIMEOUT_MS: '1500' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unreachable/);
  });

  it('has help with an example', async () => {
    const r = await cli(['demo', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/newswire demo --pace 3600x --loop/);
  });
});

describe('newswire schema', () => {
  it('writes one JSON Schema for any update and one per kind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newswire-schema-'));
    try {
      const r = await cli(['schema', '--out', dir]);
      expect(r.code).toBe(0);
      // v1's documents at the top (v1 records are still read), v2's under v2/.
      const files = (await readdir(dir)).filter((f) => f !== 'v2').sort();
      expect(files).toEqual(['update.schema.json', ...KINDS.map((k) => `${k}.schema.json`)].sort());
      const docs = jsonSchemaDocuments();
      for (const f of files) expect(JSON.parse(await readFile(join(dir, f), 'utf8'))).toEqual(docs.get(f));
      const v2Files = (await readdir(join(dir, 'v2'))).sort();
      const v2Docs = jsonSchemaDocumentsV2();
      expect(v2Files).toEqual(['update.schema.json', ...KINDS_V2.map((k) => `${k}.schema.json`)].sort());
      for (const f of v2Files) expect(JSON.parse(await readFile(join(dir, 'v2', f), 'utf8'))).toEqual(v2Docs.get(f));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints the whole-update schema without --out, and refuses unknown flags', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$id).toMatch(/update\.schema\.json$/);
    const bad = await cli(['schema', '--outdir', 'x']);
    expect(bad.code).toBe(2);
  });
});
