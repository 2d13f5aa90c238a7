/**
 * vitest `setupFiles` entry: runs before every test file, also under
 * `isolate: false`, and gives each file the hooks shared helpers asked for
 * with forEveryTestFile (every-file.ts).
 */
import { afterAll, afterEach } from 'vitest';
import { everyFileHooks } from './every-file.ts';

afterEach(async () => {
  for (const hooks of everyFileHooks()) await hooks.afterEach?.();
});

afterAll(async () => {
  for (const hooks of everyFileHooks()) await hooks.afterAll?.();
});
