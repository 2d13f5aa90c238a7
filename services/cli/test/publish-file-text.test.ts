/**
 * Issue 13, risk "text that can deceive a reader", in `newswire publish --file`:
 * a line of invalid UTF-8 used to be decoded with U+FFFD replacements and
 * published; text is now refused with its line and byte offset, and what is
 * stored is the NFC form the schema validated, not the file's own bytes.
 * The CLI as a spawned process against a real broker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEWSWIRE_TOPICS } from '@newswire/schema';
import { endOffsets, makeUpdates, openAdmin, readAll, runCli, startKafka, type TestKafka } from '@newswire/test-support';

let kafka: TestKafka;
let admin: Awaited<ReturnType<typeof openAdmin>>;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  dir = await mkdtemp(join(tmpdir(), 'newswire-cli-text-'));
  env = { KAFKA_BROKERS: kafka.brokers.join(',') };
  const created = await runCli(['topics', 'create', '--partitions', '3'], { env });
  expect(created.code, created.stderr).toBe(0);
});

afterAll(async () => {
  await admin?.close();
  await kafka?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('newswire publish --file and text', { timeout: 120_000 }, () => {
  it('refuses a line that is not valid UTF-8, naming line and byte offset, and publishes nothing', async () => {
    const [a, b, c] = makeUpdates(3);
    const [head, tail] = JSON.stringify({ ...b, headline: 'Protests @@ in Almaty' }).split('@@') as [string, string];
    const bad = Buffer.concat([Buffer.from(head), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(tail)]);
    const file = join(dir, 'latin.ndjson');
    await writeFile(file, Buffer.concat([Buffer.from(`${JSON.stringify(a)}\n`), bad, Buffer.from(`\n${JSON.stringify(c)}\n`)]));
    const before = await endOffsets(admin, NEWSWIRE_TOPICS);
    const r = await runCli(['publish', '--file', file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:2: (root): not valid UTF-8 at byte ${Buffer.byteLength(head)} of the line`);
    expect(await endOffsets(admin, NEWSWIRE_TOPICS)).toEqual(before);
  });

  it('refuses deceptive text with the field and code point', async () => {
    const [a] = makeUpdates(1);
    const file = join(dir, 'bidi.ndjson');
    await writeFile(file, `${JSON.stringify({ ...a, headline: 'Official \u2066statement\u2069' })}\n`);
    const r = await runCli(['publish', '--file', file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: headline: must not contain U+2066 LEFT-TO-RIGHT ISOLATE`);
  });

  it('stores the NFC form of decomposed text, not the file bytes', async () => {
    const [a, b] = makeUpdates(2);
    const file = join(dir, 'nfd.ndjson');
    await writeFile(file, `${JSON.stringify({ ...a, headline: 'Cafe\u0301 owners detained' })}\n${JSON.stringify(b)}\n`);
    const r = await runCli(['publish', '--file', file, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const stored = (await readAll(kafka.brokers, NEWSWIRE_TOPICS)).filter((x) => x.update.id === a!.id || x.update.id === b!.id);
    expect(stored).toHaveLength(2);
    expect(stored.find((x) => x.update.id === a!.id)!.update.headline).toBe('Caf\u00e9 owners detained');
    expect(stored.find((x) => x.update.id === b!.id)!.update).toEqual(b);
  });
});
