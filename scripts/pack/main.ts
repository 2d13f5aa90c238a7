/**
 * `node --import tsx scripts/pack/main.ts prepack | postpack | tarball <package> [outDir]`
 * (see pack.ts). The workspaces' npm `prepack`/`postpack` scripts call it.
 */
import { packTarball, prepack, restore } from './pack.ts';

async function run([command, ...args]: string[]): Promise<void> {
  if (command === 'prepack') return prepack(process.cwd());
  if (command === 'postpack') return restore(process.cwd());
  if (command === 'tarball' && args[0]) {
    process.stdout.write((await packTarball(args[0], args[1] ?? '.')) + '\n');
    return;
  }
  throw new Error('usage: main.ts prepack | postpack | tarball <package> [outDir]');
}

run(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`pack: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
