/**
 * The process contract and configuration of every `newswire` command, as
 * spawned processes against a real broker:
 * - one exit-code table, the same in `newswire --help`, docs/operations.md
 *   and what the processes return (3 Kafka unreachable, 130/143 signals);
 * - each command reads only the config sections it uses (a gateway secret
 *   too short for the gateway does not break `newswire topics`), and a bad
 *   value names its variable or the flag it came from;
 * - every command refuses a flag that does not apply to it, with exit 2 and
 *   nothing sent.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT } from '@newswire/config';
import { createTestTopics, devBroker, endOffsets, makeUpdates, openAdmin, ROOT, runCli, startKafka, toNdjson, type TestAdmin, type TestKafka } from '@newswire/test-support';

let kafka: TestKafka;
let admin: TestAdmin;
let dir: string;
let file: string;
let env: Record<string, string>;

beforeAll(async () => {
  kafka = await startKafka();
  env = { ...kafka.env, LOG_LEVEL: 'silent' };
  await createTestTopics(kafka);
  admin = await openAdmin(kafka.brokers);
  dir = await mkdtemp(join(tmpdir(), 'newswire-contract-'));
  file = join(dir, 'ok.ndjson');
  await writeFile(file, toNdjson(makeUpdates(30, { stories: 3 })));
});

afterAll(async () => {
  await admin?.close();
  await kafka?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('exit codes', { timeout: 120_000 }, () => {
  it('are one table: newswire --help and docs/operations.md list every code of EXIT', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const docs = await readFile(join(ROOT, 'docs/operations.md'), 'utf8');
    for (const code of Object.values(EXIT)) {
      expect(help.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
      expect(docs).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
    }
  });

  it('3 when Kafka does not answer, for every Kafka command, with one line saying so', async () => {
    const unreachable = { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_CONNECT_TIMEOUT_MS: '500' };
    const runs = await Promise.all(
      [['topics'], ['topics', 'create'], ['replay', 'all'], ['demo', '--pace', 'max'], ['publish', '--file', file]].map((args) =>
        runCli(args, { env: unreachable, timeoutMs: 60_000 }),
      ),
    );
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(EXIT.kafkaUnreachable);
      expect(r.stderr).toMatch(/^newswire: Kafka is unreachable at 127\.0\.0\.1:1 .*Is the broker running\?/m);
    }
  });

  it('130 for SIGINT and 143 for SIGTERM, also for a client command (tail)', async () => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const tail = runCli(['tail', '--gateway', 'ws://127.0.0.1:1/']);
      await tail.waitForLine(/cannot reach/);
      tail.kill(signal);
      const exit = await tail;
      expect({ code: exit.code, signal: exit.signal }, exit.stderr).toEqual({ code, signal: null });
    }
  });

  it('a second signal ends a shutdown that is taking long at once, with that signal\'s code', async () => {
    const broker = await devBroker();
    const hole = createServer((socket) => socket.on('error', () => {})); // accepts, never answers
    try {
      const updates = join(dir, 'second-signal.ndjson');
      const journal = join(dir, 'second-signal.journal');
      await writeFile(updates, toNdjson(makeUpdates(40_000, { stories: 12 })));
      const publish = runCli(['publish', '--file', updates, '--journal', journal], { env: { KAFKA_BROKERS: broker.brokers[0]!, LOG_LEVEL: 'silent' }, timeoutMs: 120_000 });
      await vi.waitFor(async () => expect(await readFile(journal, 'utf8').catch(() => '')).toContain('"acked"'), { timeout: 60_000, interval: 20 });
      // Kafka turns into a black hole: what is in flight waits for an answer that never comes.
      await broker.stop();
      await new Promise<void>((r) => hole.listen(Number(broker.brokers[0]!.split(':')[1]), '127.0.0.1', r));
      publish.kill('SIGINT');
      await publish.waitForLine(/interrupted; finishing what is in flight/);
      publish.kill('SIGTERM');
      const exit = await publish;
      expect({ code: exit.code, signal: exit.signal }, exit.stderr).toEqual({ code: 143, signal: null });
      expect(exit.stderr).toContain('SIGTERM again: exiting now');
    } finally {
      hole.close();
      await broker.dispose();
    }
  });
});

describe('configuration', { timeout: 120_000 }, () => {
  it('a command reads only its own sections: a short GATEWAY_JWT_SECRET breaks the gateway, not topics', async () => {
    const short = { ...env, GATEWAY_JWT_SECRET: 'too-short' };
    const topics = await runCli(['topics', '--json'], { env: short });
    expect(topics.code, topics.stderr).toBe(0);
    const gateway = await runCli(['gateway', '--port', '0'], { env: short });
    expect(gateway.code).toBe(EXIT.usage);
    expect(gateway.stderr).toContain('GATEWAY_JWT_SECRET: must be at least 16 characters');
  });

  it('a bad value names its variable, or the flag it came from', async () => {
    const level = await runCli(['schema'], { env: { LOG_LEVEL: 'loud' } });
    expect(level.code).toBe(EXIT.usage);
    expect(level.stderr).toMatch(/LOG_LEVEL: /);
    const budget = await runCli(['topics'], { env: { ...env, NEWSWIRE_SHUTDOWN_TIMEOUT_MS: 'soon' } });
    expect(budget.code).toBe(EXIT.usage);
    expect(budget.stderr).toMatch(/NEWSWIRE_SHUTDOWN_TIMEOUT_MS: /);
    const port = await runCli(['gateway', '--port', '70000'], { env });
    expect(port.code).toBe(EXIT.usage);
    expect(port.stderr).toMatch(/--port: /);
    const fromEnv = await runCli(['ingest'], { env: { ...env, INGEST_PORT: '70000' } });
    expect(fromEnv.stderr).toMatch(/INGEST_PORT: /);
    const partitions = await runCli(['topics', 'create', '--partitions', 'six'], { env });
    expect(partitions.code).toBe(EXIT.usage);
    expect(partitions.stderr).toContain('--partitions: must be a number');
    const brokerFlag = await runCli(['broker', '--port', '70000'], { env: { ...env, BROKER_PORT: '0' } });
    expect(brokerFlag.code).toBe(EXIT.usage);
    expect(brokerFlag.stderr).toContain('--port: must be at most 65535');
    const brokers = await runCli(['topics', '--brokers', 'no-port'], { env });
    expect(brokers.code).toBe(EXIT.usage);
    expect(brokers.stderr).toContain('--brokers: must be a comma-separated list of host:port');
    const gatewayUrl = await runCli(['tail'], { env: { NEWSWIRE_GATEWAY: 'http://127.0.0.1:8080' } });
    expect(gatewayUrl.code).toBe(EXIT.usage);
    expect(gatewayUrl.stderr).toContain('NEWSWIRE_GATEWAY: must be a ws:// or wss:// URL');
  });

  it('every flag of gateway, ingest and tail is parsed from its binding and reaches the schema, named in errors', async () => {
    const cases: [string[], string][] = [
      // An empty host would bind every interface (listen(port, '') is '::'), not 127.0.0.1.
      [['gateway', '--host', ''], '--host: must not be empty'],
      [['ingest', '--host', ''], '--host: must not be empty'],
      [['gateway', '--jwt-secret', 'short'], '--jwt-secret: must be at least 16 characters'],
      [['gateway', '--jwks-url', 'not-a-url'], '--jwks-url: '],
      [['gateway', '--brokers', 'no-port'], '--brokers: must be a comma-separated list of host:port'],
      [['ingest', '--max-body-bytes', '10'], '--max-body-bytes: must be at least 1024'],
      [['ingest', '--port', 'x'], '--port: must be a number'],
      [['ingest', '--brokers', 'no-port'], '--brokers: must be a comma-separated list of host:port'],
      [['tail', '--gateway', 'http://127.0.0.1:8080'], '--gateway: must be a ws:// or wss:// URL'],
      [['demo', '--brokers', 'no-port'], '--brokers: must be a comma-separated list of host:port'],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args, { env })));
    runs.forEach((r, i) => {
      expect(r.code, `${cases[i]![0].join(' ')}: ${r.stderr}`).toBe(EXIT.usage);
      expect(r.stderr).toContain(cases[i]![1]);
    });
  });
});

describe('flags that do not apply', { timeout: 180_000 }, () => {
  const one = ['arrests', '--story', 'kz', '--count', '1', '--country', 'KZ'];

  it('every command refuses a bogus flag: exit 2, nothing sent', async () => {
    const before = await endOffsets(admin, kafka.topics);
    const commands = [
      ['publish', ...one],
      ['publish', '--file', file],
      ['topics'],
      ['topics', 'create'],
      ['replay', 'all'],
      ['demo', '--pace', 'max'],
      ['tail'],
      ['ingest', '--port', '0'],
      ['gateway', '--port', '0'],
      ['start', '--demo', 'off'],
      ['broker', '--port', '0'],
      ['schema'],
    ];
    const runs = await Promise.all(commands.map((args) => runCli([...args, '--bogus'], { env })));
    runs.forEach((r, i) => {
      expect(r.code, `${commands[i]!.join(' ')}: ${r.stderr}`).toBe(EXIT.usage);
      expect(r.stderr).toMatch(/--bogus/);
    });
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('flags of another mode are refused, naming what the mode takes: exit 2, nothing sent', async () => {
    const before = await endOffsets(admin, kafka.topics);
    const cases: [string[], RegExp][] = [
      [['publish', '--file', file, '--story', 'kz'], /--story does not apply to `publish --file`, which takes --file --skip-invalid/],
      [['publish', '--file', file, '--dry-run', '--journal', join(dir, 'j')], /--journal does not apply to `publish --file --dry-run`/],
      [['publish', '--file', file, '--dry-run', '--brokers', kafka.brokers[0]!], /--brokers does not apply to `publish --file --dry-run`/],
      [['publish', ...one, '--skip-invalid'], /--skip-invalid does not apply to `publish <kind>`/],
      [['publish', ...one, '--journal', join(dir, 'j')], /--journal does not apply to `publish <kind>`/],
      [['topics', 'create', '--all'], /--all does not apply to `topics create`/],
      [['topics', '--partitions', '3'], /--partitions does not apply to `topics` \(listing\)/],
      [['replay', 'all', '--into', 'elsewhere', '--pretty'], /--pretty does not apply to `replay --into`/],
      [['start', '--demo', 'off', '--pace', 'max'], /--pace does not apply to `start` with the demo off/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(EXIT.usage);
      expect(r.stderr).toMatch(message);
    }
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('publish --file --dry-run validates only and prints a summary; before, it published for real and exited 0', async () => {
    const before = await endOffsets(admin, kafka.topics);
    const ok = await runCli(['publish', '--file', file, '--dry-run', '--json'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ dryRun: true, lines: 30, valid: 30, invalid: 0, published: 0 });
    const text = await runCli(['publish', '--file', file, '--dry-run'], { env });
    expect(text.stderr).toMatch(/^dry run: 30 valid update\(s\) in 30 line\(s\) \(.*arrests \d+.*\); 0 invalid line\(s\); nothing sent$/m);

    const bad = join(dir, 'bad.ndjson');
    const [a, b, c, , e] = makeUpdates(5);
    const lines = [JSON.stringify(a), JSON.stringify({ ...b, kind: 'riots' }), JSON.stringify(c), '{"not json', JSON.stringify(e)];
    await writeFile(bad, lines.join('\n') + '\n');
    const dry = await runCli(['publish', '--file', bad, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(EXIT.usage);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, lines: 5, valid: 3, invalid: 2 });
    expect(dry.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: `, 'm'));
    expect(dry.stderr).toMatch(/:4: \(root\): not valid JSON/);
    expect(await endOffsets(admin, kafka.topics)).toEqual(before);
  });

  it('an unknown field names the fields allowed there, and every error of a line is reported at once', async () => {
    const [u] = makeUpdates(1, { kinds: ['arrests'] });
    const path = join(dir, 'unknown.ndjson');
    await writeFile(path, JSON.stringify({ ...u!, mood: 'tense', payload: { ...u!.payload, counted: 3 }, place: { ...u!.place, country: 'kz' } }) + '\n');
    const r = await runCli(['publish', '--file', path, '--dry-run'], { env });
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/:1: mood: is not a known field; allowed here: .*\bheadline\b.*\bpayload\b/);
    expect(r.stderr).toMatch(/:1: payload\.counted: is not a known field; allowed here: .*\bcount\b.*\bdetainees\b/);
    expect(r.stderr).toMatch(/:1: place\.country: /);
    const single = await runCli(['publish', 'arrests', '--story', 'kz', '--country', 'KZ', '--count', '1', '--payload', '{"counted":1}', '--dry-run'], { env });
    expect(single.code).toBe(EXIT.usage);
    expect(single.stderr).toMatch(/payload\.counted: is not a known field; allowed here: .*\bcount\b/);
  });
});
