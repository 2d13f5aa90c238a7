/**
 * `newswire tail` as a spawned process against a real gateway and broker:
 * filtered NDJSON output, --limit, a gateway restart survived without loss or
 * duplicate (reported on stderr), usage errors, Ctrl-C.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, startSdkEnv, waitFor, type SdkEnv } from '../../../shared/client/test/sdk-env.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'newswire.mjs');

interface Tail {
  proc: ChildProcessWithoutNullStreams;
  lines: () => string[];
  stderr: () => string;
  exit: Promise<number | null>;
}

const running: Tail[] = [];

function tail(args: string[]): Tail {
  const proc = spawn(process.execPath, [BIN, 'tail', ...args], { env: { ...process.env, LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const t = { proc, lines: () => out.split('\n').filter(Boolean), stderr: () => err, exit };
  running.push(t);
  return t;
}

let env: SdkEnv;

beforeAll(async () => {
  env = await startSdkEnv();
}, 120_000);

afterAll(async () => {
  for (const t of running) if (t.proc.exitCode === null) t.proc.kill('SIGKILL');
  await env?.stop();
});

describe('newswire tail', () => {
  it('prints the published updates matching --kind as NDJSON and exits 0 at --limit', async () => {
    const t = tail(['--gateway', env.url, '--kind', 'arrests,casualties', '--limit', '6']);
    await waitFor(() => t.stderr().includes('following'), 'tail to be live', 60_000);
    const updates = makeUpdates(75, 'tail');
    await env.publisher.publishValidated(updates);
    expect(await t.exit).toBe(0);
    const rows = t.lines().map((l) => JSON.parse(l) as { topic: string; partition: number; offset: string; update: { id: string; kind: string; schema: number } });
    expect(rows).toHaveLength(6);
    const wanted = new Set(updates.filter((u) => u.kind === 'arrests' || u.kind === 'casualties').map((u) => u.id));
    for (const r of rows) {
      expect(wanted.has(r.update.id)).toBe(true);
      expect(r.topic).toBe(`${env.kafka.prefix}.${r.update.kind === 'arrests' ? 'arrests' : 'casualties'}`);
      // Offsets are decimal strings on every interface; updates are schema v2.
      expect(r.offset).toMatch(/^(0|[1-9][0-9]*)$/);
      expect(r.update.schema).toBe(2);
    }
  }, 90_000);

  it('survives a gateway restart: reports it on stderr, prints every update once', async () => {
    const t = tail(['--gateway', env.url, '--json']);
    await waitFor(() => t.stderr().includes('following'), 'tail to be live', 60_000);
    const before = makeUpdates(40, 'tail-pre');
    const during = makeUpdates(40, 'tail-down');
    const after = makeUpdates(40, 'tail-post');
    await env.publisher.publishValidated(before);
    await waitFor(() => t.lines().length >= before.length, 'first 40 lines');
    await env.restartGateway(() => env.publisher.publishValidated(during).then(() => undefined));
    await waitFor(() => t.stderr().includes('resumed'), 'tail to resume', 60_000);
    await env.publisher.publishValidated(after);
    const want = [...before, ...during, ...after].map((u) => u.id);
    await waitFor(() => t.lines().length >= want.length, 'all 120 lines', 60_000);
    t.proc.kill('SIGINT');
    expect(await t.exit).toBe(130);
    const ids = t.lines().map((l) => (JSON.parse(l) as { update: { id: string } }).update.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(want));
    expect(t.stderr()).toMatch(/connection lost \(.*1012|code 1012/);
    expect(t.stderr()).toContain('resumed without loss');
  }, 120_000);

  it('refuses bad flags with exit 2 and a message naming the flag', async () => {
    const bad = tail(['--gateway', env.url, '--kind', 'weather']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain('--kind');
    const badFrom = tail(['--from', 'last tuesday']);
    expect(await badFrom.exit).toBe(2);
    expect(badFrom.stderr()).toContain('--from');
  }, 60_000);

  it('--help shows examples', async () => {
    const h = tail(['--help']);
    expect(await h.exit).toBe(0);
    expect(h.lines().join('\n')).toMatch(/Examples:\n\s+newswire tail/);
  }, 30_000);
});
