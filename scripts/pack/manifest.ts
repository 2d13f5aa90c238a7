/**
 * The package.json a packed package ships. In the repo a workspace's
 * `exports` point at TypeScript sources and its dependencies name private
 * workspaces; the packed manifest points at dist/ and lists only the npm
 * packages the bundle really imports (workspace code is inside the bundle).
 * No scripts: the package is built already.
 */
import type { Manifest } from './workspaces.ts';

/** What a package build produced, for its manifest. */
export interface Built {
  exports?: unknown;
  bin?: Record<string, string>;
  /** What the tarball holds besides package.json. */
  files: string[];
  dependencies: Record<string, string>;
}

export function publishManifest(workspace: Manifest, built: Built, root: Manifest): Manifest {
  const out: Manifest = { name: workspace.name, version: workspace.version };
  if (workspace.description) out.description = workspace.description;
  // Publishing to a registry is a release decision (name, scope, access); until it is made, npm
  // publish stays refused. Packing and installing a tarball do not look at this flag.
  if (workspace.private) out.private = true;
  out.type = 'module';
  if (workspace.license ?? root.license) out.license = workspace.license ?? root.license;
  if (root.engines) out.engines = root.engines;
  if (built.exports) out.exports = built.exports;
  if (built.bin && Object.keys(built.bin).length > 0) out.bin = built.bin;
  out.files = built.files;
  out.dependencies = built.dependencies;
  return out;
}
