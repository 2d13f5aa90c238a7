/**
 * The `newswire` command as a user (and the Docker image) installs it: the
 * tarball scripts/pack builds (in a temp folder, the working tree untouched),
 * `npm install -g --prefix <tmp>` into an empty prefix, then the installed
 * command run from a folder outside the repo, with a PATH that holds only
 * the prefix and node: `--help`; `start` on free ports until /readyz answers
 * 200, serving the prebuilt dashboard; one update published with the
 * installed `newswire publish` and received over WebSocket; SIGTERM stops it
 * with the contract's code (EXIT.sigterm).
 * No tsx, TypeScript or esbuild is installed, so none can be used.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@newswire/client/node';
import { EXIT } from '@newswire/config';
import { packTarball } from '../../../scripts/pack/pack.ts';

const run = promisify(execFile);

let work: string;
let prefix: string;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'newswire-cli-package-'));
  const tarball = await packTarball('newswire', work);
  prefix = join(work, 'prefix');
  home = join(work, 'home');
  await mkdir(home);
  // Third-party dependencies come from npm's cache when it has them (CI's `npm ci` fills it).
  await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work });
  env = {
    PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    LOG_LEVEL: 'info',
    // A run against an external cluster (KAFKA_BROKERS) runs the installed command on it too.
    ...(process.env.KAFKA_BROKERS ? { KAFKA_BROKERS: process.env.KAFKA_BROKERS } : {}),
  };
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed newswire command', () => {
  it('installs with its npm dependencies only and prints its help', async () => {
    const installed = join(prefix, 'lib/node_modules/newswire');
    expect((await readdir(installed)).sort()).toEqual(['bin', 'dist', 'node_modules', 'package.json']);
    expect((await readdir(join(installed, 'dist/dashboard'))).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    const mods = await readdir(join(installed, 'node_modules'));
    for (const absent of ['tsx', 'esbuild', 'typescript', 'vitest', '@newswire']) expect(mods).not.toContain(absent);
    const { stdout } = await run('newswire', ['--help'], { cwd: home, env });
    expect(stdout).toContain('usage: newswire <command>');
  });

  it('starts on free ports, is ready, serves the dashboard, delivers a published update, and stops on SIGTERM', async () => {
    const child = spawn('newswire', ['start', '--no-pretty'], {
      cwd: home,
      env: { ...env, BROKER_PORT: '0', GATEWAY_PORT: '0', INGEST_PORT: '0', BROKER_DATA_DIR: join(work, 'data'), START_DEMO: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      const started = await new Promise<{ dashboard: string; websocket: string; brokers: string[] }>((res, rej) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.includes('"msg":"newswire started"'));
          if (line) res(JSON.parse(line) as { dashboard: string; websocket: string; brokers: string[] });
        });
        child.on('exit', (c) => rej(new Error(`newswire start exited ${c} before it was up:\n${err}`)));
      });
      await expect.poll(async () => (await fetch(new URL('/readyz', started.dashboard))).status, { timeout: 30_000 }).toBe(200);
      const page = await fetch(started.dashboard);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect((await fetch(new URL('app.js', started.dashboard))).status).toBe(200);

      const id = `packed-cli-${process.pid}-${Date.now()}`;
      const published = await run(
        'newswire',
        ['publish', 'arrests', '--story', id, '--count', '12', '--count.scope', 'incident', '--country', 'KZ', '--source', 'Interior Ministry', '--source-role', 'ministry', '--id', id, '--brokers', started.brokers.join(',')],
        { cwd: home, env },
      );
      expect(published.stdout).toContain(`published arrests ${id}`);

      const client = connect({ url: started.websocket });
      try {
        for await (const d of client.subscribe({ from: 'earliest', filter: { stories: [id] } })) {
          expect(d.update).toMatchObject({ id, kind: 'arrests', story: id });
          break;
        }
      } finally {
        await client.close();
      }

      child.kill('SIGTERM');
      expect(await exited, err).toBe(EXIT.sigterm);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
