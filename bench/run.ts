/**
 * `npm run bench -- <suite...>`: runs bench/<suite>.ts for each named suite
 * (all of them when none is named). Each suite prints a table and saves JSON
 * under bench/results/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ALL = ['broker', 'storage', 'producers', 'gateway', 'dashboard'];
const argv = process.argv.slice(2);
// A bare word is a suite unless it is the value of the option before it (`--messages 50000`).
const isValue = (i: number) => i > 0 && argv[i - 1]!.startsWith('--') && !argv[i - 1]!.includes('=') && !ALL.includes(argv[i]!);
const asked = argv.filter((a, i) => !a.startsWith('-') && !isValue(i));
const suiteArgs = argv.filter((a, i) => a.startsWith('-') || isValue(i));
const suites = asked.length ? asked : ALL;
for (const s of suites) {
  const file = join(import.meta.dirname, `${s}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: unknown suite "${s}" (known: ${ALL.join(', ')})`);
    process.exit(2);
  }
}
for (const s of suites) {
  const mod = (await import(`./${s}.ts`)) as { run: (args: string[]) => Promise<void> };
  await mod.run(suiteArgs);
}
