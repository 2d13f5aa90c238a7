/**
 * Bundles the dashboard (client/main.ts + client/app.css + client/index.html)
 * with esbuild. `npm start` and the gateway build it into memory at startup
 * (about a second, no build step for a newcomer); the Docker image writes it
 * to dist/ once at image build time so the runtime stage needs no esbuild.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
// Types only: the runtime Docker stage serves dist/ and has no esbuild.
import type { Plugin } from 'esbuild';

/** The client sources; computed when building, so a bundled copy of this module loads anywhere. */
function clientDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'client');
}

/** One servable file of the dashboard. */
export interface Asset {
  /** URL path, e.g. "/app.js". */
  path: string;
  contentType: string;
  body: Buffer;
  /** The same bytes gzip-compressed (sent when the browser accepts gzip). */
  gzip: Buffer;
  /** Strong ETag derived from the content. */
  etag: string;
}

/** The three files the dashboard is made of, keyed by URL path. */
export type AssetBundle = Map<string, Asset>;

export const ASSET_FILES = [
  { path: '/index.html', file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { path: '/app.js', file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/app.css', file: 'app.css', contentType: 'text/css; charset=utf-8' },
] as const;

function asset(path: string, contentType: string, body: Buffer): Asset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { path, contentType, body, gzip: gzipSync(body, { level: 9 }), etag };
}

export interface BuildOptions {
  /** Also write the files here (the Docker image's dist/). */
  outDir?: string;
  /** Minify (default true); tests of the bundle itself may turn it off. */
  minify?: boolean;
}

/**
 * zod's classic API and its core expose every locale as `z.locales`, and a namespace
 * import cannot be tree-shaken: 264 KB of the 592 KB app.js were messages in
 * languages the page never shows. zod registers English itself (its schemas
 * import locales/en.js directly); `z.locales` in the browser bundle holds
 * English only. newswire never calls z.locales.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/** Bundle the dashboard with esbuild; returns the files in memory. */
export async function build(opts: BuildOptions = {}): Promise<AssetBundle> {
  // Imported lazily: the runtime Docker stage serves dist/ and has no esbuild.
  const esbuild = await import('esbuild');
  const minify = opts.minify ?? true;
  const CLIENT_DIR = clientDir();
  const common = {
    bundle: true,
    write: false,
    minify,
    legalComments: 'none' as const,
    logLevel: 'silent' as const,
  };
  const [js, css] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [join(CLIENT_DIR, 'main.ts')],
      platform: 'browser',
      format: 'iife',
      target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
      // The SDK is isomorphic; in the browser it uses the global WebSocket, never `ws`.
      external: ['ws', 'node:*'],
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [englishOnlyZodLocales],
      outfile: 'app.js',
    }),
    esbuild.build({ ...common, entryPoints: [join(CLIENT_DIR, 'app.css')], outfile: 'app.css' }),
  ]);
  const jsOut = js.outputFiles?.[0];
  const cssOut = css.outputFiles?.[0];
  if (!jsOut || !cssOut) throw new Error('esbuild produced no output for the dashboard');
  const html = await readFile(join(CLIENT_DIR, 'index.html'));

  const bundle: AssetBundle = new Map();
  for (const a of [
    asset('/index.html', 'text/html; charset=utf-8', html),
    asset('/app.js', 'text/javascript; charset=utf-8', Buffer.from(jsOut.contents)),
    asset('/app.css', 'text/css; charset=utf-8', Buffer.from(cssOut.contents)),
  ]) {
    bundle.set(a.path, a);
  }
  if (opts.outDir) await writeBundle(bundle, opts.outDir);
  return bundle;
}

export async function writeBundle(bundle: AssetBundle, outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  for (const { path, file } of ASSET_FILES) {
    const a = bundle.get(path);
    if (a) await writeFile(join(outDir, file), a.body);
  }
}

/** Load a bundle that `build({ outDir })` wrote earlier (the Docker runtime stage). */
export async function loadBundle(dir: string): Promise<AssetBundle> {
  const bundle: AssetBundle = new Map();
  for (const { path, file, contentType } of ASSET_FILES) {
    bundle.set(path, asset(path, contentType, await readFile(join(dir, file))));
  }
  return bundle;
}
