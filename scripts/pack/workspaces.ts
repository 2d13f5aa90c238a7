/**
 * The repo's npm workspaces as the packaging scripts see them: each
 * package's directory and manifest, and which workspace a bundled file
 * belongs to. In the repo every workspace's `exports` point at TypeScript
 * sources; the packed packages carry compiled code instead (see manifest.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The fields of package.json the packaging reads or writes. */
export interface Manifest {
  name: string;
  version: string;
  description?: string;
  private?: boolean;
  type?: string;
  license?: string;
  engines?: Record<string, string>;
  exports?: unknown;
  bin?: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface Workspace {
  /** Absolute directory. */
  dir: string;
  manifest: Manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every workspace by package name (the root lists them as `shared/*` and `services/*`). */
export async function workspaces(): Promise<Map<string, Workspace>> {
  const root = await readManifest(ROOT);
  const patterns = (root.workspaces as string[] | undefined) ?? [];
  const out = new Map<string, Workspace>();
  for (const pattern of patterns) {
    if (!pattern.endsWith('/*')) throw new Error(`workspace pattern "${pattern}" is not of the form <dir>/*`);
    const parent = join(ROOT, pattern.slice(0, -2));
    for (const entry of await readdir(parent, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(parent, entry.name);
      const manifest = await readManifest(dir).catch(() => undefined);
      if (manifest) out.set(manifest.name, { dir, manifest });
    }
  }
  return out;
}

/** The workspace that holds `file` (an absolute path or one relative to ROOT), if any. */
export function workspaceOf(file: string, all: Map<string, Workspace>): Workspace | undefined {
  const abs = resolve(ROOT, file);
  for (const ws of all.values()) {
    const rel = relative(ws.dir, abs);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) return ws;
  }
  return undefined;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
