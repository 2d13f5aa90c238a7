/**
 * Declaration files for a packed library whose code includes private
 * workspace packages, in two steps:
 *   1. tsc emits .d.ts for the entry files and every workspace source they
 *      reach (mapped through `paths`, so tsc treats them as our code, not as a
 *      library) into a scratch tree laid out like the repo; every
 *      `@newswire/...` specifier is rewritten to the relative path of the
 *      emitted file, and `./x.ts` to `./x.js`.
 *   2. rollup-plugin-dts rolls that tree up into one .d.ts per entry holding
 *      only the types the entry's API reaches: nothing of a workspace module
 *      the SDK does not use (the schema's Kafka binding, which names Node's
 *      Buffer) reaches a consumer, who needs only the package and its npm
 *      dependencies (zod) to type-check.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import ts from 'typescript';
import { ROOT, type Workspace } from './workspaces.ts';

/** `@newswire/x[/sub]` → the absolute source file its `exports` entry names. */
export function workspaceEntries(all: Map<string, Workspace>): Map<string, string> {
  const out = new Map<string, string>();
  for (const { dir, manifest } of all.values()) {
    const exp = manifest.exports;
    if (!exp || typeof exp !== 'object') continue;
    for (const [key, target] of Object.entries(exp as Record<string, unknown>)) {
      if (typeof target !== 'string' || !target.endsWith('.ts')) continue;
      out.set(key === '.' ? manifest.name : `${manifest.name}/${key.replace(/^\.\//, '')}`, join(dir, target));
    }
  }
  return out;
}

function compilerOptions(outDir: string, entries: Map<string, string>): ts.CompilerOptions {
  const base = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (f) => ts.sys.readFile(f));
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, ROOT);
  return {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    outDir,
    rootDir: ROOT,
    // The SDK's public types must not need @types/node in a consumer.
    types: [],
    baseUrl: ROOT,
    paths: Object.fromEntries([...entries].map(([spec, file]) => [spec, [relative(ROOT, file)]])),
  };
}

/** The module specifiers of a declaration file (imports, re-exports, `import("...")` types), as string-literal nodes. */
function moduleSpecifiers(file: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      found.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Rewrite workspace and `.ts` specifiers of one emitted declaration file; throws when a workspace import cannot be mapped. */
function rewrite(file: string, text: string, outDir: string, entries: Map<string, string>): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const edits: { start: number; end: number; to: string }[] = [];
  for (const lit of moduleSpecifiers(source)) {
    const spec = lit.text;
    let to: string | undefined;
    const target = entries.get(spec);
    if (target) {
      to = relative(dirname(file), join(outDir, relative(ROOT, target))).split(sep).join('/').replace(/\.ts$/, '.js');
      if (!to.startsWith('.')) to = `./${to}`;
    } else if (spec.startsWith('@newswire/')) {
      throw new Error(`declarations: ${relative(outDir, file)} imports ${spec}, which no workspace exports`);
    } else if (spec.startsWith('.') && spec.endsWith('.ts')) {
      to = `${spec.slice(0, -3)}.js`;
    }
    // Keep the quotes: replace what is between them.
    if (to !== undefined) edits.push({ start: lit.getStart(source) + 1, end: lit.getEnd() - 1, to });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.to + out.slice(e.end);
  return out;
}

/** Step 1: emit declarations for `entryFiles` (absolute) into `outDir`; returns the emitted files. */
async function emitTree(entryFiles: string[], outDir: string, all: Map<string, Workspace>): Promise<string[]> {
  const entries = workspaceEntries(all);
  const program = ts.createProgram({ rootNames: entryFiles, options: compilerOptions(outDir, entries) });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
    throw new Error(`declarations: tsc reported errors\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  const emitted = (await readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.d.ts')).map((f) => join(outDir, f));
  for (const file of emitted) await writeFile(file, rewrite(file, await readFile(file, 'utf8'), outDir, entries));
  return emitted;
}

/**
 * One self-contained declaration file per entry, written as <distDir>/<name>.d.ts
 * (types shared by several entries go to a chunk next to them).
 * `external`: npm packages the types may import (the package's dependencies).
 */
export async function bundleDeclarations(
  entries: Record<string, string>,
  distDir: string,
  all: Map<string, Workspace>,
  external: string[],
): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'newswire-dts-'));
  try {
    await emitTree(Object.values(entries), scratch, all);
    const emittedEntry = (src: string) => join(scratch, relative(ROOT, src)).replace(/\.ts$/, '.d.ts');
    const bundle = await rollup({
      input: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, emittedEntry(src)])),
      plugins: [dts({ respectExternal: true })],
      external: (id) => external.some((pkg) => id === pkg || id.startsWith(`${pkg}/`)),
      onwarn: (warning) => {
        throw new Error(`declarations: ${warning.message}`);
      },
    });
    const { output } = await bundle.write({ dir: distDir, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' });
    await bundle.close();
    return output.map((o) => join(distDir, o.fileName));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
