/**
 * The SDK as a third party gets it: `npm pack` (scripts/pack, built in a temp
 * folder so the working tree is untouched), `npm install <tgz>` into an empty
 * folder outside the repo, then
 *   - the tarball holds compiled ESM and .d.ts only, and depends on npm
 *     packages only (the protocol and schema workspaces are bundled in);
 *   - a TypeScript consumer type-checks against it with no @types/node and
 *     skipLibCheck off, and a wrong consumer gets the errors it should;
 *   - the browser entry bundles for the browser with no Node built-in and no `ws`;
 *   - a Node script in that folder receives an update from a real gateway.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUpdates } from '@newswire/test-support';
import { packTarball } from '../../../scripts/pack/pack.ts';
import { startSdkEnv, type SdkEnv } from './sdk-env.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

let work: string;
let app: string;
let tarball: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'newswire-sdk-package-'));
  tarball = await packTarball('@newswire/client', work);
  app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }));
  // zod and ws come from npm's cache when it has them (CI's `npm ci` fills it).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app });
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed client SDK', () => {
  it('holds compiled ESM and declarations, and depends on npm packages only', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.trim().split('\n').sort();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/node.js');
    expect(files).toContain('package/dist/node.d.ts');
    expect(files.filter((f) => !/^package\/(package\.json|dist\/.+\.(js|d\.ts))$/.test(f))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(app, 'node_modules/@newswire/client/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toEqual({ ws: expect.any(String), zod: expect.any(String) });
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest.exports).toMatchObject({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './node': { types: './dist/node.d.ts', default: './dist/node.js' },
    });
  });

  it('type-checks a consumer (NodeNext, no @types/node, skipLibCheck off) and catches a wrong one', async () => {
    await writeFile(
      join(app, 'good.ts'),
      [
        "import { connect, type Delivery, type SubscribeOptions } from '@newswire/client';",
        "import { connect as connectNode } from '@newswire/client/node';",
        "const options: SubscribeOptions = { from: 'earliest', filter: { kinds: ['arrests'], countries: ['KZ'] } };",
        "const client = connectNode({ url: 'ws://127.0.0.1:8080' });",
        "client.subscribe(options).on('update', (d: Delivery) => { const headline: string = d.update.headline; void headline; });",
        'void connect;',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'wrong.ts'),
      [
        "import { connect } from '@newswire/client';",
        "const client = connect({ url: 'ws://127.0.0.1:8080' });",
        "client.subscribe({ filter: { kinds: ['not-a-kind'] } }).on('update', (d) => { const n: number = d.update.headline; void n; });",
      ].join('\n'),
    );
    // skipLibCheck off checks the package's own .d.ts too (a Node-only type in them fails here);
    // the wrong consumer needs only its own errors.
    const config = (file: string, skipLibCheck: boolean) => ({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck, types: [], lib: ['ES2022', 'DOM'] },
      files: [file],
    });
    await writeFile(join(app, 'tsconfig.good.json'), JSON.stringify(config('good.ts', false)));
    await writeFile(join(app, 'tsconfig.wrong.json'), JSON.stringify(config('wrong.ts', true)));

    const good = await run(process.execPath, [TSC, '-p', 'tsconfig.good.json'], { cwd: app }).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? 'tsc failed',
    );
    expect(good).toBe('');
    const wrong = await run(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], { cwd: app }).then(
      () => 'tsc accepted wrong.ts',
      (e: { stdout?: string }) => e.stdout ?? '',
    );
    expect(wrong).toContain(`Type '"not-a-kind"' is not assignable`);
    expect(wrong).toContain(`Type 'string' is not assignable to type 'number'`);
    expect(wrong).not.toContain('node_modules/');
  }, 60_000);

  it('bundles its browser entry for the browser with no Node built-in and no ws', async () => {
    const result = await build({
      stdin: { contents: "import { connect } from '@newswire/client'; console.log(connect);", resolveDir: app, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('node_modules/@newswire/client/dist/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('node_modules/ws/') || p.startsWith('node:'))).toEqual([]);
    const external = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(external).toEqual([]);
  });

  describe('against a real gateway', () => {
    let env: SdkEnv;
    beforeAll(async () => {
      env = await startSdkEnv();
    }, 120_000);
    afterAll(async () => {
      await env?.stop();
    });

    it('receives a published update in a Node script that imports only the installed package', async () => {
      const [update] = makeUpdates(1);
      await env.publisher.publishValidated([update!]);
      await writeFile(
        join(app, 'receive.mjs'),
        [
          "import { connect } from '@newswire/client/node';",
          'const [url, id, story] = process.argv.slice(2);',
          'const client = connect({ url });',
          "for await (const d of client.subscribe({ from: 'earliest', filter: { stories: [story] } })) {",
          '  if (d.update.id === id) { console.log(JSON.stringify({ id: d.update.id, topic: d.topic })); break; }',
          '}',
          'await client.close();',
        ].join('\n'),
      );
      const child = spawn(process.execPath, ['receive.mjs', env.url, update!.id, update!.story], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const bound = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
      clearTimeout(bound);
      expect(code, err).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ id: update!.id, topic: expect.stringMatching(/\./) });
    }, 90_000);
  });
});
