/**
 * What the Docker image runs, without Docker: the bundle the Dockerfile's
 * build stage makes (services/cli/src/image/bundle.ts), laid out like the
 * runtime stage — dist/ plus production dependencies only (no tsx, no
 * esbuild, no TypeScript) — then `node dist/newswire.mjs gateway` against
 * Kafka from startKafka(): it serves the prebuilt dashboard and /readyz, and
 * stops cleanly on SIGTERM (what `docker stop` sends).
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, type TestKafka } from '@newswire/test-support';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

let app: string;
let kafka: TestKafka;

/** node_modules/<pkg> directories of the production dependency tree (npm ls, offline). */
async function productionPackages(): Promise<string[]> {
  // npm ls exits non-zero on tree problems unrelated to this (e.g. an extraneous package); its list is still complete.
  const stdout = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? '',
  );
  if (!stdout.includes('kafkajs')) throw new Error('npm ls did not list the production dependencies');
  const nm = join(ROOT, 'node_modules') + sep;
  return [...new Set(stdout.split('\n').filter((p) => p.startsWith(nm)).map((p) => relative(join(ROOT, 'node_modules'), p)))].filter(
    (p) => !p.startsWith('@newswire') && p !== 'newswire',
  );
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'newswire-image-'));
  await run(process.execPath, ['--import', 'tsx', 'services/cli/src/image/bundle.ts', join(app, 'dist')], { cwd: ROOT });
  for (const pkg of await productionPackages()) {
    await mkdir(join(app, 'node_modules', pkg, '..'), { recursive: true });
    await cp(join(ROOT, 'node_modules', pkg), join(app, 'node_modules', pkg), { recursive: true, dereference: true });
  }
  kafka = await startKafka({ partitions: 3 });
}, 120_000);

afterAll(async () => {
  await kafka?.stop();
  await rm(app, { recursive: true, force: true });
});

describe('the Docker image bundle', () => {
  it('holds the CLI and the prebuilt dashboard, and needs no dev dependency', async () => {
    expect((await readdir(join(app, 'dist'))).sort()).toEqual(['dashboard', 'newswire.mjs']);
    expect((await readdir(join(app, 'dist/dashboard'))).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    const mods = await readdir(join(app, 'node_modules'));
    for (const dev of ['tsx', 'esbuild', 'typescript', 'vitest']) expect(mods).not.toContain(dev);
    const { stdout } = await run(process.execPath, [join(app, 'dist/newswire.mjs'), '--help'], { cwd: app });
    expect(stdout).toContain('usage: newswire <command>');
  }, 60_000);

  it('runs the gateway with the dashboard from dist/, ready on Kafka, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(app, 'dist/newswire.mjs'), 'gateway'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        KAFKA_BROKERS: kafka.brokers.join(','),
        GATEWAY_PORT: '0',
        DASHBOARD_DIST_DIR: join(app, 'dist/dashboard'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      const port = await new Promise<number>((res, rej) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /"port":(\d+)/.exec(out);
          if (m) res(Number(m[1]));
        });
        child.on('exit', (c) => rej(new Error(`gateway exited ${c}: ${err}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const page = await fetch(base + '/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toContain('newswire');
      await expect.poll(async () => (await fetch(base + '/readyz')).status, { timeout: 30_000 }).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
