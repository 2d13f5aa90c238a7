/**
 * Builds what the Docker image runs (see Dockerfile): the dashboard bundle in
 * <out>/dashboard and the CLI — with every service it can start — as one ESM
 * file <out>/newswire.mjs. npm dependencies stay external (loaded from the
 * image's production node_modules); only our TypeScript is bundled, so the
 * runtime needs plain node: no tsx, no TypeScript, no esbuild.
 *
 *   node --import tsx services/cli/src/image/bundle.ts [outDir=dist]
 */
import { resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as buildDashboard } from '@newswire/dashboard';

const ROOT = resolve(import.meta.dirname, '../../../..');
const EXTERNAL = [
  'kafkajs', 'ws', 'pino', 'pino-pretty', 'zod', 'jose', 'prom-client',
  // Dev-only tools some modules import lazily; never loaded in the image.
  'esbuild', 'tsx', 'playwright-core', 'testcontainers', '@testcontainers/kafka',
];

export async function bundleImage(outDir: string): Promise<void> {
  await buildDashboard({ outDir: resolve(outDir, 'dashboard') });
  await esbuild({
    entryPoints: [resolve(ROOT, 'services/cli/src/main.ts')],
    outfile: resolve(outDir, 'newswire.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    legalComments: 'none',
    logLevel: 'warning',
    // Modules that run themselves when executed directly compare import.meta.url
    // with argv[1]; inside one bundle every module shares the bundle's URL, so
    // give them a URL that never matches.
    define: { 'import.meta.url': '"file:///newswire-bundle/module.mjs"' },
  });
}

await bundleImage(resolve(process.argv[2] ?? 'dist'));
