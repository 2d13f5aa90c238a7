/**
 * The test-support helpers themselves: waitFor fails with what it waited
 * for, runCli reports exits, output and signals and waits for lines,
 * makeUpdates gives valid v2 updates with fresh ids.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnyUpdate } from '@newswire/schema/v2';
import { makeUpdates, runCli, seedOfKind, spawnBrokerProcess, toNdjson, waitFor } from '../src/index.ts';

describe('waitFor', () => {
  it('returns the first truthy value of the check, sync or async', async () => {
    let n = 0;
    expect(await waitFor(() => ++n >= 3 && n, 'three calls', { intervalMs: 1 })).toBe(3);
    expect(await waitFor(async () => 'ready', 'async')).toBe('ready');
  });

  it('fails after the timeout naming what it waited for, described at failure time', async () => {
    let state = 'start';
    const wait = waitFor(() => false, () => `the thing (state ${state})`, { timeoutMs: 100, intervalMs: 10 });
    state = 'late';
    await expect(wait).rejects.toThrow('timed out after 100 ms waiting for the thing (state late)');
  });

  it('keeps polling through a check that throws, and reports its last error', async () => {
    let n = 0;
    expect(
      await waitFor(
        () => {
          if (++n < 3) throw new Error('not yet');
          return n;
        },
        'no throw',
        { intervalMs: 1 },
      ),
    ).toBe(3);
    await expect(waitFor(() => { throw new Error('broken check'); }, 'x', { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow('broken check');
  });
});

describe('runCli', () => {
  let dir: string;
  const script = async (name: string, code: string) => {
    const path = join(dir, name);
    await writeFile(path, code);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswire-test-support-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the exit code and all output, with env and stdin passed through', async () => {
    const s = await script('echo.mjs', `
      let input = '';
      process.stdin.on('data', (d) => (input += d)).on('end', () => {
        console.log('args', process.argv.slice(2).join(','));
        console.log('env', process.env.SUPPORT_TEST);
        console.error('stdin', input.trim());
        process.exitCode = 3;
      });`);
    const r = await runCli(['a', 'b'], { script: s, env: { SUPPORT_TEST: 'yes' }, stdin: 'hello' });
    expect(r).toEqual({ code: 3, signal: null, stdout: 'args a,b\nenv yes\n', stderr: 'stdin hello\n' });
  });

  it('runs the newswire bin by default', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/newswire/);
  });

  it('a long-running process: wait for its ready line, read its lines so far, signal it, then await its exit', async () => {
    const s = await script('serve.mjs', `
      console.log('booting');
      setTimeout(() => console.error('ready on 127.0.0.1:1234'), 50);
      process.on('SIGINT', () => { console.log('bye'); process.exit(130); });
      setInterval(() => {}, 1000);`);
    const run = runCli([], { script: s, timeoutMs: 0 });
    expect(await run.waitForLine(/ready on \S+:(\d+)/)).toBe('ready on 127.0.0.1:1234');
    expect(run.lines()).toEqual(['booting']);
    run.kill('SIGINT');
    const exit = await run;
    expect(exit.code).toBe(130);
    expect(run.lines()).toEqual(['booting', 'bye']);
    // A line already printed is found at once, even after the exit.
    expect(await run.waitForLine(/bye/)).toBe('bye');
  });

  it('matches complete lines only: a line still being written is not found half-way', async () => {
    const s = await script('halves.mjs', `
      process.stdout.write('{"msg":"newswire started","port":');
      setTimeout(() => process.stdout.write('8080}\\n'), 200);
      setTimeout(() => process.stdout.write('last line, no newline'), 300);`);
    const run = runCli([], { script: s });
    expect(JSON.parse(await run.waitForLine(/"msg":"newswire started"/))).toEqual({ msg: 'newswire started', port: 8080 });
    await run;
    // Once the process has ended, its last line counts even without a newline.
    expect(run.lines()).toEqual(['{"msg":"newswire started","port":8080}', 'last line, no newline']);
  });

  it('a wait for a line the process never prints fails when it ends, with its output', async () => {
    const s = await script('quits.mjs', `console.error('no such option'); process.exit(2);`);
    const run = runCli([], { script: s });
    await expect(run.waitForLine(/listening/)).rejects.toThrow(/before printing a line matching \/listening\/[\s\S]*no such option/);
    expect((await run).code).toBe(2);
  });

  it('a process killed by a signal reports the signal', async () => {
    const s = await script('hangs.mjs', `setInterval(() => {}, 1000); console.log('up');`);
    const run = runCli([], { script: s, timeoutMs: 0 });
    await run.waitForLine(/up/);
    run.kill('SIGKILL');
    expect(await run).toMatchObject({ code: null, signal: 'SIGKILL' });
  });

  it('past its timeout the process is killed and the run fails with its output', async () => {
    const s = await script('slow.mjs', `console.log('started'); setInterval(() => {}, 1000);`);
    await expect(runCli([], { script: s, timeoutMs: 1000 })).rejects.toThrow(/timed out after 1000 ms[\s\S]*started/);
  });
});

describe('spawnBrokerProcess', () => {
  it('resolves with the port the broker process listens on, and the caller stops it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newswire-support-broker-'));
    try {
      const b = spawnBrokerProcess(['--host', '127.0.0.1', '--port', '0', '--data-dir', dir]);
      const port = await b.listening;
      expect(port).toBeGreaterThan(0);
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(143);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects with the broker’s own words when it exits before listening', async () => {
    const b = spawnBrokerProcess(['--port', 'not-a-port']);
    await expect(b.listening).rejects.toThrow(/broker exited with 2 before listening:[\s\S]*--port/);
  });
});

describe('makeUpdates', () => {
  it('gives n valid v2 updates with ids and stories under the prefix', () => {
    const us = makeUpdates(60, { prefix: 'mk', stories: 4 });
    expect(us).toHaveLength(60);
    for (const u of us) expect(parseAnyUpdate(u)).toMatchObject({ ok: true, from: 2 });
    expect(new Set(us.map((u) => u.id)).size).toBe(60);
    expect(us[5]).toMatchObject({ id: 'mk-u5', story: 'mk-story-1' });
    expect(new Set(us.map((u) => u.story))).toEqual(new Set(['mk-story-0', 'mk-story-1', 'mk-story-2', 'mk-story-3']));
  });

  it('fresh ids on every call without a prefix; links to seed ids dropped', () => {
    const a = makeUpdates(30);
    const b = makeUpdates(30);
    expect(a.some((u) => b.some((v) => v.id === u.id))).toBe(false);
    for (const u of a) expect(u.relations ?? u.revises ?? u.retracts).toBeUndefined();
    expect(new Set(a.map((u) => u.story)).size).toBe(1);
  });

  it('only the kinds asked for; a patch applied last', () => {
    const us = makeUpdates(10, { prefix: 'k', kinds: ['arrests', 'unrest'], patch: (u, i) => ({ story: `own-${i % 2}`, headline: `${u.kind} ${i}` }) });
    expect(new Set(us.map((u) => u.kind))).toEqual(new Set(['arrests', 'unrest']));
    expect(us[3]).toMatchObject({ id: 'k-u3', story: 'own-1', headline: `${us[3]!.kind} 3` });
    for (const u of us) expect(parseAnyUpdate(u).ok).toBe(true);
    expect(() => makeUpdates(1, { kinds: ['weather'] })).toThrow('no seed update of the requested kinds');
  });

  it('seedOfKind and toNdjson', () => {
    expect(seedOfKind('arrests').kind).toBe('arrests');
    expect(toNdjson([{ a: 1 }, { b: 2 }])).toBe('{"a":1}\n{"b":2}\n');
  });
});
