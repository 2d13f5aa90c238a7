/**
 * The `newswire` command as an npm package: the CLI with every service it can
 * start (and every workspace package they use) bundled into one ESM file,
 * dist/newswire.mjs, next to the prebuilt dashboard in dist/dashboard. npm
 * packages stay imports and become the package's dependencies, so the
 * installed command runs on plain node: no tsx, no TypeScript, no esbuild.
 * bin/newswire.mjs runs this bundle when the package has no src/ (packed)
 * and the TypeScript sources through tsx in the repo.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { build as buildDashboard } from '@newswire/dashboard';
import { dependenciesOf, externalPackages } from './bundle.ts';
import type { Built } from './manifest.ts';
import { ROOT, type Workspace } from './workspaces.ts';

/** Imported by the bundle, but never loaded by the packed command: not dependencies. */
const NOT_SHIPPED = {
  esbuild: 'bundles the dashboard at startup in the repo; the package ships it prebuilt in dist/dashboard',
};

export async function buildCli(ws: Workspace, pkgDir: string, all: Map<string, Workspace>): Promise<Built> {
  const dist = join(pkgDir, 'dist');
  await rm(dist, { recursive: true, force: true });
  await buildDashboard({ outDir: join(dist, 'dashboard') });
  const result = await build({
    entryPoints: [join(ws.dir, 'src/main.ts')],
    outfile: join(dist, 'newswire.mjs'),
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalPackages(all)],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    // Inside one bundle every module shares one import.meta.url. Modules that run
    // themselves when executed directly compare it with argv[1], so it must not be
    // the bundle's own URL; modules that resolve packages from it (createRequire)
    // need a file in dist/. So: a file name in dist/ that nothing ever runs.
    banner: { js: "const __newswireModuleUrl = new URL('./bundled-module.mjs', import.meta.url).href;" },
    define: { 'import.meta.url': '__newswireModuleUrl' },
  });
  const { dependencies } = dependenciesOf(result.metafile, all, NOT_SHIPPED);
  return { bin: ws.manifest.bin ?? {}, files: ['bin', 'dist'], dependencies };
}
