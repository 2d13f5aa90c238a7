/**
 * `newswire publish` and `newswire topics` as spawned processes against a
 * real broker: exit codes, messages, and nothing published on invalid input
 * (checked by end offsets before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKafka, type TestKafka } from '@newswire/test-support';
import { topicForKind } from '@newswire/schema/v2';
import { makeUpdates, toNdjson } from '@newswire/test-support';
import { endOffsets, openAdmin, readAll, runCli, totalMessages, type TestAdmin } from '@newswire/test-support';

let kafka: TestKafka;
let admin: TestAdmin;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  kafka = await startKafka();
  admin = await openAdmin(kafka.brokers);
  dir = await mkdtemp(join(tmpdir(), 'newswire-cli-test-'));
  env = kafka.env;
  const created = await runCli(['topics', 'create', '--partitions', '3'], { env });
  expect(created.code, created.stderr).toBe(0);
});

afterAll(async () => {
  await admin?.close();
  await kafka?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('newswire publish <kind>', { timeout: 120_000 }, () => {
  it('publishes the issue example and prints where it went', async () => {
    const r = await runCli(
      ['publish', 'arrests', '--story', 'kz-unrest-2022', '--count', 'more-than 4,400', '--count.scope', 'toll', '--country', 'KZ', '--extent', 'whole',
        '--source', 'Interior Ministry', '--source-role', 'ministry', '--via', 'state television', '--via-role', 'state-media',
        '--reported', '2022-01-08', '--zone', 'Asia/Almaty', '--id', 'cli-example-1'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^published arrests cli-example-1 to ${kafka.prefix}\\.arrests partition \\d+ offset \\d+\\n$`));
    const records = await readAll(kafka.brokers, [`${kafka.prefix}.arrests`]);
    const rec = records.find((x) => x.update.id === 'cli-example-1');
    expect(rec?.from).toBe(2);
    expect(rec?.headers.ce_type).toBe('org.newswire.arrests.v2');
    expect(rec?.update).toEqual({
      schema: 2,
      id: 'cli-example-1',
      kind: 'arrests',
      story: 'kz-unrest-2022',
      headline: 'More than 4,400 arrested',
      reported: { date: '2022-01-08', zone: 'Asia/Almaty' },
      place: { country: 'KZ', extent: 'whole' },
      sources: [{ name: 'Interior Ministry', role: 'ministry', via: [{ name: 'state television', role: 'state-media' }] }],
      verification: 'reported',
      urgency: 'routine',
      payload: { count: { value: 4400, qualifier: 'more-than', scope: 'toll' } },
    });
  });

  it('prints the position as JSON with --json', async () => {
    const r = await runCli(
      ['publish', 'connectivity', '--story', 's-json', '--service', 'internet', '--state', 'shut-down', '--country', 'KZ', '--city', 'Almaty', '--json'],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const pos = JSON.parse(r.stdout) as { id: string; topic: string; partition: number; offset: string };
    expect(pos.topic).toBe(topicForKind('connectivity', kafka.prefix));
    const records = await readAll(kafka.brokers, [pos.topic]);
    const rec = records.find((x) => x.update.id === pos.id)!;
    expect(rec.partition).toBe(pos.partition);
    expect(rec.offset).toBe(pos.offset);
    expect(rec.update.place).toEqual({ country: 'KZ', city: 'Almaty' });
  });

  it('refuses invalid flags with field messages, exit 2, and publishes nothing', async () => {
    const before = await endOffsets(admin, kafka.topics);
    const r = await runCli(['publish', 'arrests', '--story', 'kz', '--count.value', '10', '--count.qualifier', 'lots', '--count.scope', 'toll', '--country', 'kz'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('place.country: must be an ISO 3166-1 alpha-2 country code');
    expect(r.stderr).toContain('payload.count.qualifier: must be one of exact, about, at-least, more-than, up-to, fewer-than');
    const words = await runCli(['publish', 'arrests', '--story', 'kz', '--count', 'lots', '--country', 'KZ'], { env });
    expect(words.code).toBe(2);
    expect(words.stderr).toContain('--count must be JSON or a quantity in words');
    const v1Flags = await runCli(['publish', 'arrests', '--story', 'kz', '--count', '10', '--qualifier', 'about', '--country', 'KZ'], { env });
    expect(v1Flags.code).toBe(2);
    expect(v1Flags.stderr).toContain("Unknown option '--qualifier'");
    const unknownKind = await runCli(['publish', 'weather', '--story', 'kz', '--country', 'KZ'], { env });
    expect(unknownKind.code).toBe(2);
    expect(unknownKind.stderr).toContain('unknown kind "weather"');
    const foreign = await runCli(['publish', 'diplomacy', '--story', 'kz', '--country', 'KZ', '--killed.total', '3'], { env });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('--killed.total does not apply to diplomacy');
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  }, 180_000);

  it('exits 3 (Kafka unreachable) with a clear message, in bounded time, when Kafka is unreachable', async () => {
    const r = await runCli(['publish', 'arrests', '--story', 'kz', '--count', '1', '--count.scope', 'incident', '--country', 'KZ', '--brokers', '127.0.0.1:1'], {
      env: { KAFKA_CONNECT_TIMEOUT_MS: '2000' },
      timeoutMs: 40_000,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Kafka is unreachable at 127\.0\.0\.1:1/);
    const others = await Promise.all(
      [['topics'], ['replay', 'all'], ['publish', '--file', '-']].map((args) =>
        runCli([...args, '--brokers', '127.0.0.1:1'], { env: { KAFKA_CONNECT_TIMEOUT_MS: '2000' }, timeoutMs: 60_000, stdin: toNdjson(makeUpdates(2)) }),
      ),
    );
    for (const o of others) {
      expect(o.code, o.stderr).toBe(3);
      expect(o.stderr).toMatch(/Kafka is unreachable at 127\.0\.0\.1:1/);
    }
  });
  it('publishes a seed fact of every v1 kind from flags alone (each kind’s flags come from its v2 schema)', async () => {
    const common = ['--story', 'kz-flags', '--country', 'KZ', '--reported', '2022-01-08', '--zone', 'Asia/Almaty', '--json'];
    const tokayev = ['--type', 'government', '--name', 'Kassym-Jomart Tokayev', '--roles', 'head-of-state'];
    const as = (flag: string, fields: string[]) => fields.map((f, i) => (i % 2 === 0 ? `--${flag}.${f.slice(2)}` : f));
    const commands: [string, string[]][] = [
      ['arrests', ['--count', 'more-than 4400', '--count.scope', 'toll', '--source', 'Interior Ministry', '--source-role', 'ministry', '--via', 'state television', '--via-role', 'state-media']],
      ['casualties', ['--status', 'figures', '--killed.total', 'more-than 40', '--killed.total.scope', 'toll', '--killed.breakdown.who.type', 'state-forces', '--source', 'the authorities', '--source-role', 'government']],
      ['government-change', ['--action', 'dismissed', '--body', 'government', '--whole-body', ...as('by', tokayev)]],
      ['security-measure', ['--measure', 'state-of-emergency', '--status', 'declared', ...as('issued-by', tokayev)]],
      ['connectivity', ['--city', 'Almaty', '--service', 'internet', '--state', 'shut-down', '--impedes-reporting']],
      ['foreign-military', ['--action', 'deployment', '--status', 'planned', '--force', '{"type":"international-organisation","name":"Collective Security Treaty Organization","acronym":"CSTO"}', '--troops', 'about 2500']],
      ['diplomacy', ['--action', 'phone-call', '--participants', '{"type":"government","name":"Vladimir Putin","country":"RU"}', ...as('participants', tokayev), '--duration', 'long', '--source', 'the Kremlin', '--source-role', 'foreign-government']],
      ['unrest', ['--activity', 'protests', '--character', 'peaceful', '--character', 'violent', '--causes', 'fuel-prices']],
      ['commemoration', ['--type', 'day-of-mourning', '--on', '2022-01-10', '--honouring', 'the victims']],
    ];
    const results = await Promise.all(commands.map(([kind, flags]) => runCli(['publish', kind, ...common, ...flags], { env, timeoutMs: 150_000 })));
    results.forEach((r, i) => {
      expect(r.code, `${commands[i]![0]}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as { topic: string }).topic).toBe(topicForKind(commands[i]![0] as never, kafka.prefix));
    });
    const ids = results.map((r) => (JSON.parse(r.stdout) as { id: string }).id);
    const read = await readAll(kafka.brokers, kafka.topics);
    for (const id of ids) expect(read.some((x) => x.update.id === id && x.update.story === 'kz-flags' && x.from === 2)).toBe(true);
    const dismissal = read.find((x) => x.update.id === ids[2])!.update;
    expect(dismissal.payload).toEqual({ action: 'dismissed', body: 'government', wholeBody: true, by: { type: 'government', name: 'Kassym-Jomart Tokayev', roles: ['head-of-state'] } });
  }, 300_000);
});

describe('newswire publish --file', { timeout: 120_000 }, () => {
  it('publishes every line of a valid file and summarises', async () => {
    const updates = makeUpdates(300, { stories: 7 });
    const file = join(dir, 'good.ndjson');
    await writeFile(file, toNdjson(updates));
    const before = await totalMessages(admin, kafka.topics);
    const r = await runCli(['publish', '--file', file, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { published: number; invalid: number; topics: Record<string, number> };
    expect(summary.published).toBe(300);
    expect(summary.invalid).toBe(0);
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 300);
    const ids = new Set((await readAll(kafka.brokers, kafka.topics)).map((x) => x.update.id));
    for (const u of updates) expect(ids.has(u.id)).toBe(true);
  });

  it('refuses a file with any invalid line: file:line: path: message, exit 2, nothing published', async () => {
    const lines = toNdjson(makeUpdates(50, { kinds: ['arrests'] })).split('\n');
    const bad = JSON.parse(lines[10]!) as Record<string, unknown>;
    bad.payload = { count: { value: -5, qualifier: 'more-than', scope: 'incident' } };
    lines[10] = JSON.stringify(bad);
    lines[20] = '{not json';
    lines[30] = JSON.stringify({ ...(JSON.parse(lines[30]!) as object), kind: 'weather' });
    const file = join(dir, 'bad.ndjson');
    await writeFile(file, lines.join('\n'));
    const before = await endOffsets(admin, kafka.topics);
    const r = await runCli(['publish', '--file', file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:11: payload.count.value: must not be negative`);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:21: \\(root\\): not valid JSON`));
    expect(r.stderr).toContain(`${file}:31: kind: must be one of arrests`);
    expect(r.stderr).toContain('3 invalid line(s); nothing published');
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('refuses an over-long line with a clear error and publishes nothing', async () => {
    const updates = makeUpdates(3);
    const long = { ...updates[1]!, headline: 'x'.repeat(5000) };
    const file = join(dir, 'long.ndjson');
    await writeFile(file, toNdjson([updates[0], long, updates[2]]));
    const before = await endOffsets(admin, kafka.topics);
    const r = await runCli(['publish', '--file', file, '--max-line-bytes', '2048'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/:2: \(root\): line is \d+ bytes, longer than the limit of 2048/);
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('--skip-invalid publishes the valid lines and writes rejects with reasons', async () => {
    const updates = makeUpdates(20);
    const lines = updates.map((u) => JSON.stringify(u));
    lines[4] = JSON.stringify({ ...updates[4]!, place: { country: 'KZ', extent: 'whole', scope: 'nationwide' } });
    const file = join(dir, 'mixed.ndjson');
    await writeFile(file, lines.join('\n') + '\n');
    const before = await totalMessages(admin, kafka.topics);
    const r = await runCli(['publish', '--file', file, '--skip-invalid'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${file}:5: place.scope: is not a known field`);
    expect(r.stderr).toMatch(/published 19 update\(s\)/);
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 19);
    const rejects = (await readFile(`${file}.rejects.ndjson`, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { line: number; errors: unknown[]; input: string });
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.line).toBe(5);
    expect(rejects[0]!.errors).toEqual([{ path: 'place.scope', message: expect.stringMatching(/^is not a known field/) }]);
    expect(JSON.parse(rejects[0]!.input)).toMatchObject({ id: updates[4]!.id });
  });

  it('reads stdin with --file -', async () => {
    const updates = makeUpdates(25, { stories: 3 });
    const before = await totalMessages(admin, kafka.topics);
    const r = await runCli(['publish', '--file', '-', '--json'], { env, stdin: toNdjson(updates) });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { published: number }).published).toBe(25);
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 25);

    const bad = await runCli(['publish', '--file', '-'], { env, stdin: toNdjson(updates) + '{"kind":"arrests"}\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('<stdin>:26: ');
    expect(await totalMessages(admin, kafka.topics)).toBe(before + 25);
  }, 180_000);
});

describe('newswire topics', { timeout: 120_000 }, () => {
  it('lists the newswire topics with partitions, end offsets and counts', async () => {
    const r = await runCli(['topics', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const { topics, missing } = JSON.parse(r.stdout) as {
      topics: { topic: string; messages: number; partitions: { partition: number; high: string }[] }[];
      missing: string[];
    };
    expect(missing).toEqual([]);
    expect(topics.map((t) => t.topic)).toEqual([...kafka.topics]);
    const actual = await endOffsets(admin, kafka.topics);
    for (const t of topics) {
      expect(t.partitions).toHaveLength(3);
      for (const p of t.partitions) expect(p.high).toBe(actual[`${t.topic}:${p.partition}`]);
      expect(t.messages).toBe(t.partitions.reduce((n, p) => n + Number(p.high), 0));
    }
    const text = await runCli(['topics'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^TOPIC\s+PARTITIONS\s+MESSAGES/);
    expect(text.stdout).toContain(`${kafka.prefix}.arrests`);
  }, 180_000);

  it('topics create names the broker\'s reason when it refuses', async () => {
    const { brokers } = await admin.describeCluster();
    const fresh = { ...env, NEWSWIRE_TOPIC_PREFIX: `${kafka.prefix}-refused` };
    const r = await runCli(['topics', 'create', '--replication', String(brokers + 1)], { env: fresh });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`replication factor ${brokers + 1}`);
    expect(r.stderr).toContain('INVALID_REPLICATION_FACTOR (38)');
    expect((await admin.listTopics()).filter((t) => t.startsWith(`${kafka.prefix}-refused.`))).toEqual([]);
  });

  it('topics create --partitions/--replication are read by the config schema: a flag wins over its variable, a bad one is named', async () => {
    const fresh = { ...env, NEWSWIRE_TOPIC_PREFIX: `${kafka.prefix}-flags`, NEWSWIRE_TOPIC_PARTITIONS: 'six', NEWSWIRE_TOPIC_REPLICATION: '0' };
    const bad = await runCli(['topics', 'create', '--partitions', '0', '--replication', '1'], { env: fresh });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--partitions: must be at least 1');
    expect(bad.stderr).not.toContain('NEWSWIRE_TOPIC_REPLICATION');
    expect((await admin.listTopics()).filter((t) => t.startsWith(`${kafka.prefix}-flags.`))).toEqual([]);

    const r = await runCli(['topics', 'create', '--partitions', '2', '--replication', '1', '--json'], { env: fresh });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ partitions: 2, replication: 1, existing: [] });
    const listed = await runCli(['topics', '--json'], { env: { ...env, NEWSWIRE_TOPIC_PREFIX: `${kafka.prefix}-flags` } });
    const { topics } = JSON.parse(listed.stdout) as { topics: { partitions: unknown[] }[] };
    expect(topics.map((t) => t.partitions.length)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('topics create is idempotent and reports existing topics', async () => {
    const r = await runCli(['topics', 'create', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: [], existing: [...kafka.topics] });
    const usage = await runCli(['topics', 'delete'], { env });
    expect(usage.code).toBe(2);
  });
});
