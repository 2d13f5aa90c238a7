/**
 * Packs the installable packages: the client SDK (@newswire/client) and the
 * `newswire` command (the CLI is main.ts). Two ways in:
 *
 *   npm pack -w @newswire/client -w newswire      (npm runs `prepack`/`postpack` here)
 *   node --import tsx scripts/pack/main.ts tarball <name> [outDir]
 *
 * `prepack` (cwd = the workspace, as npm runs it) builds dist/ in place and
 * swaps in the packed package.json, keeping the repo's one aside;
 * `postpack` puts it back. `tarball` never touches the working tree: it
 * builds into a temp folder and packs that (what the tests use, so they can
 * run while others edit the tree). Both write the same files.
 */
import { cp, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildCli } from './cli.ts';
import { buildClient } from './client.ts';
import { publishManifest, type Built } from './manifest.ts';
import { readManifest, ROOT, workspaces, type Manifest, type Workspace } from './workspaces.ts';

type Builder = (ws: Workspace, pkgDir: string, all: Map<string, Workspace>) => Promise<Built>;

export const PACKAGES: Record<string, Builder> = {
  '@newswire/client': buildClient,
  newswire: buildCli,
};

/** Where prepack keeps the repo's package.json while npm packs the published one. */
const REPO_MANIFEST = '.package.json.in-repo';

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Builds `name` into pkgDir/dist; returns the manifest to ship. */
async function prepare(name: string, pkgDir: string): Promise<Manifest> {
  const build = PACKAGES[name];
  const all = await workspaces();
  const ws = all.get(name);
  if (!build || !ws) throw new Error(`pack: "${name}" is not an installable package (${Object.keys(PACKAGES).join(', ')})`);
  const built = await build(ws, pkgDir, all);
  return publishManifest(ws.manifest, built, await readManifest(ROOT));
}

/** Builds and packs `name` in a temp folder; returns the tarball's path in outDir. */
export async function packTarball(name: string, outDir: string): Promise<string> {
  const ws = (await workspaces()).get(name);
  if (!ws) throw new Error(`pack: no workspace named "${name}"`);
  const stage = await mkdtemp(join(tmpdir(), 'newswire-pack-'));
  try {
    const manifest = await prepare(name, stage);
    for (const entry of manifest.files ?? []) {
      if (!(await exists(join(stage, entry))) && (await exists(join(ws.dir, entry)))) await cp(join(ws.dir, entry), join(stage, entry), { recursive: true });
    }
    await writeFile(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', resolve(outDir)], { cwd: stage });
    const [info] = JSON.parse(stdout) as { filename: string }[];
    if (!info) throw new Error('pack: npm pack reported no tarball');
    return join(resolve(outDir), info.filename);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** npm `prepack` in the workspace folder: build dist/ here and ship the packed manifest. */
export async function prepack(dir: string): Promise<void> {
  await restore(dir); // a pack that failed half-way left the repo's manifest aside
  const manifest = await prepare((await readManifest(dir)).name, dir);
  await rename(join(dir, 'package.json'), join(dir, REPO_MANIFEST));
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/** npm `postpack`: put the repo's package.json back. */
export async function restore(dir: string): Promise<void> {
  const kept = join(dir, REPO_MANIFEST);
  if (await exists(kept)) await rename(kept, join(dir, 'package.json'));
}
