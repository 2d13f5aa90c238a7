/**
 * The client SDK as an npm package (@newswire/client): one ESM file per
 * entry of its `exports` (`.` for browsers and Node with a WebSocket, `./node`
 * with `ws`), shared code in chunks/, the protocol and schema workspaces
 * bundled in, zod and ws left as real dependencies; one self-contained
 * .d.ts per entry (see declarations.ts).
 *
 * Platform "neutral": a Node built-in reached from any entry fails the
 * build, so the browser entry cannot grow a Node-only import unnoticed
 * (`ws` is an npm package, external, and only node.ts imports it).
 */
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { dependenciesOf, externalPackages } from './bundle.ts';
import { bundleDeclarations } from './declarations.ts';
import type { Built } from './manifest.ts';
import { ROOT, type Workspace } from './workspaces.ts';

export async function buildClient(ws: Workspace, pkgDir: string, all: Map<string, Workspace>): Promise<Built> {
  const dist = join(pkgDir, 'dist');
  const sourceExports = ws.manifest.exports as Record<string, string>;
  /** exports key → entry name (file name in dist/ without extension). */
  const entries = Object.entries(sourceExports).map(([key, src]) => ({ key, name: basename(src, '.ts'), src: join(ws.dir, src) }));

  await rm(dist, { recursive: true, force: true });
  const result = await build({
    entryPoints: Object.fromEntries(entries.map((e) => [e.name, e.src])),
    outdir: dist,
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    plugins: [externalPackages(all)],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });

  const { dependencies } = dependenciesOf(result.metafile, all);
  await bundleDeclarations(Object.fromEntries(entries.map((e) => [e.name, e.src])), dist, all, Object.keys(dependencies));
  const exports: Record<string, unknown> = {};
  for (const e of entries) exports[e.key] = { types: `./dist/${e.name}.d.ts`, default: `./dist/${e.name}.js` };
  exports['./package.json'] = './package.json';
  return { exports, files: ['dist'], dependencies };
}
