/**
 * What esbuild bundling means for a packed package: our workspace packages
 * (private, never published) go inside the bundle; every other npm package
 * stays an import and becomes a real dependency of the packed package, at
 * the version range the bundled workspaces declare for it.
 */
import { isBuiltin } from 'node:module';
import type { Metafile, Plugin } from 'esbuild';
import { packageName, workspaceOf, type Workspace } from './workspaces.ts';

/** esbuild plugin: bare imports of non-workspace packages stay external; Node built-ins are left to the platform. */
export function externalPackages(all: Map<string, Workspace>): Plugin {
  return {
    name: 'newswire-external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path) || all.has(packageName(args.path))) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

export interface Dependencies {
  /** name → version range, for the packed manifest. */
  dependencies: Record<string, string>;
  /** The workspace packages whose code went into the bundle. */
  bundled: string[];
}

/**
 * The npm packages the bundle imports, each with the range a bundled
 * workspace declares. `notShipped` names packages the bundle imports but the
 * packed package deliberately never loads (with the reason, for the error
 * message when one goes missing from that list).
 */
export function dependenciesOf(metafile: Metafile, all: Map<string, Workspace>, notShipped: Record<string, string> = {}): Dependencies {
  const bundled = new Map<string, Workspace>();
  for (const input of Object.keys(metafile.inputs)) {
    const ws = workspaceOf(input, all);
    if (ws) bundled.set(ws.manifest.name, ws);
  }
  const imported = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (imp.external && !isBuiltin(imp.path)) imported.add(packageName(imp.path));
    }
  }
  const dependencies: Record<string, string> = {};
  const undeclared: string[] = [];
  for (const name of [...imported].sort()) {
    if (name in notShipped) continue;
    const range = [...bundled.values()].map((ws) => ws.manifest.dependencies?.[name]).find((r) => r !== undefined);
    if (range === undefined) undeclared.push(name);
    else dependencies[name] = range;
  }
  if (undeclared.length > 0) {
    throw new Error(
      `the bundle imports ${undeclared.join(', ')}, which no bundled workspace (${[...bundled.keys()].join(', ')}) declares in its dependencies`,
    );
  }
  return { dependencies, bundled: [...bundled.keys()].sort() };
}
