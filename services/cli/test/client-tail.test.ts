/**
 * `newswire tail` as a spawned process against a real gateway and broker:
 * filtered NDJSON output, --limit, a gateway restart survived without loss or
 * duplicate (reported on stderr), usage errors, Ctrl-C.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates, runCli, waitFor, type CliRun } from '@newswire/test-support';
import { startSdkEnv, type SdkEnv } from '../../../shared/client/test/sdk-env.ts';

const running: CliRun[] = [];

/** `newswire tail <args>`; each test's timeout bounds it, afterAll kills what is left. */
function tail(args: string[]): CliRun {
  const t = runCli(['tail', ...args], { env: { LOG_LEVEL: 'warn' }, timeoutMs: 0 });
  running.push(t);
  return t;
}

/** The exit code; 128 when a signal ended the process. */
async function exitOf(t: CliRun): Promise<number | null> {
  const { code, signal } = await t;
  return code ?? (signal ? 128 : null);
}

let env: SdkEnv;

beforeAll(async () => {
  env = await startSdkEnv();
}, 120_000);

afterAll(async () => {
  for (const t of running) t.kill('SIGKILL');
  await env?.stop();
});

describe('newswire tail', () => {
  it('prints the published updates matching --kind as NDJSON and exits 0 at --limit', async () => {
    const t = tail(['--gateway', env.url, '--kind', 'arrests,casualties', '--limit', '6']);
    await waitFor(() => t.stderr().includes('following'), 'tail to be live', 60_000);
    const updates = makeUpdates(75, { prefix: 'tail', stories: 7 });
    await env.publisher.publishValidated(updates);
    expect(await exitOf(t)).toBe(0);
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
    const before = makeUpdates(40, { prefix: 'tail-pre', stories: 7 });
    const during = makeUpdates(40, { prefix: 'tail-down', stories: 7 });
    const after = makeUpdates(40, { prefix: 'tail-post', stories: 7 });
    await env.publisher.publishValidated(before);
    await waitFor(() => t.lines().length >= before.length, 'first 40 lines', 60_000);
    await env.restartGateway(() => env.publisher.publishValidated(during).then(() => undefined));
    await waitFor(() => t.stderr().includes('resumed'), 'tail to resume', 60_000);
    await env.publisher.publishValidated(after);
    const want = [...before, ...during, ...after].map((u) => u.id);
    await waitFor(() => t.lines().length >= want.length, 'all 120 lines', 60_000);
    t.kill('SIGINT');
    expect(await exitOf(t)).toBe(130);
    const ids = t.lines().map((l) => (JSON.parse(l) as { update: { id: string } }).update.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(want));
    expect(t.stderr()).toMatch(/connection lost \(.*1012|code 1012/);
    expect(t.stderr()).toContain('resumed without loss');
  }, 120_000);

  it('refuses bad flags with exit 2 and a message naming the flag', async () => {
    const bad = tail(['--gateway', env.url, '--kind', 'weather']);
    expect(await exitOf(bad)).toBe(2);
    expect(bad.stderr()).toContain('--kind');
    const badFrom = tail(['--from', 'last tuesday']);
    expect(await exitOf(badFrom)).toBe(2);
    expect(badFrom.stderr()).toContain('--from');
  }, 60_000);

  it('--help shows examples', async () => {
    const h = tail(['--help']);
    expect(await exitOf(h)).toBe(0);
    expect(h.lines().join('\n')).toMatch(/Examples:\n\s+newswire tail/);
  }, 30_000);
});
