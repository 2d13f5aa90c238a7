/** `newswire schema`: exports the update schema as JSON Schema files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jsonSchemaDocuments } from '@newswire/schema';
import { jsonSchemaDocuments as jsonSchemaDocumentsV2 } from '@newswire/schema/v2';
import { EXIT, type ExitCode } from '@newswire/config';
import { parseFlags, type Command } from '../command.ts';

const help = `
usage: newswire schema [--out <dir>]

Write the structured update schema as JSON Schema (draft 2020-12), generated from the zod
schema newswire validates with: update.schema.json (any kind) and <kind>.schema.json for each
kind; the v2 schema's documents go to <dir>/v2/. Without --out, prints update.schema.json to stdout.

  --out <dir>   directory to write the files to (created if missing)

Exit codes: 0 written, 1 I/O error, 2 usage error.

Examples:
  newswire schema --out docs/schema
  newswire schema > update.schema.json
`;

async function run(argv: string[]): Promise<ExitCode> {
  const {
    values: { out },
  } = parseFlags({ args: argv, options: { out: { type: 'string' } }, allowPositionals: false, strict: true });
  const docs = jsonSchemaDocuments();
  const docsV2 = jsonSchemaDocumentsV2();
  if (out === undefined) {
    process.stdout.write(JSON.stringify(docs.get('update.schema.json'), null, 2) + '\n');
    return EXIT.ok;
  }
  const dir = resolve(out);
  try {
    await mkdir(dir, { recursive: true });
    for (const [file, doc] of docs) await writeFile(join(dir, file), JSON.stringify(doc, null, 2) + '\n');
    await mkdir(join(dir, 'v2'), { recursive: true });
    for (const [file, doc] of docsV2) await writeFile(join(dir, 'v2', file), JSON.stringify(doc, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`newswire schema: cannot write to ${dir}: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`wrote ${docs.size} JSON Schema files to ${dir} and ${docsV2.size} to ${join(dir, 'v2')}\n`);
  return EXIT.ok;
}

export const command: Command = { help, run };
