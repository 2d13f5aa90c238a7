/**
 * Writes src/protocol/apis/ from the schemas in src/protocol/schema/:
 * `<api>/types.ts`, `<api>/v<N>.ts` per version, and `table.ts`. Stale
 * version modules of a generated API are removed.
 *
 *   node --import tsx services/broker/src/protocol/codegen/generate.ts
 *
 * test/codec-generated.test.ts fails when the files on disk differ from
 * what this would write (a hand edit, or a schema change not regenerated).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SCHEMAS } from '../schema/index.ts';
import { dirName, emitTable, emitTypes, emitVersion, versionsOf } from './emit.ts';

export const APIS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'apis');

/** Relative path (under apis/) -> file text, for every generated file. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const api of SCHEMAS) {
    const dir = dirName(api);
    const schemaFile = `${dir}.ts`;
    files.set(`${dir}/types.ts`, emitTypes(api, schemaFile));
    for (const v of versionsOf(api)) files.set(`${dir}/v${v}.ts`, emitVersion(api, v, schemaFile));
  }
  files.set('table.ts', emitTable(SCHEMAS));
  return files;
}

function main(): void {
  const files = generatedFiles();
  for (const api of SCHEMAS) {
    const dir = join(APIS_DIR, dirName(api));
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      if (!files.has(`${dirName(api)}/${name}`)) rmSync(join(dir, name));
    }
  }
  for (const [rel, text] of files) writeFileSync(join(APIS_DIR, rel), text);
  console.log(`wrote ${files.size} files under ${APIS_DIR}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
