/**
 * Hooks that a shared test helper needs in every test file that uses it.
 *
 * The suite runs with `isolate: false` (vitest.config.ts): a fork loads a
 * helper module once and reuses it for every later file. So an `afterEach` or
 * `afterAll` written at the top level of a helper is registered for the first
 * file that imports it and for no other: a check it makes silently stops
 * running. A helper calls `forEveryTestFile` instead, once when it is loaded;
 * the setup file (vitest-setup.ts, run before every test file) registers
 * hooks that call what was given here, in every file from then on.
 */
export interface EveryFileHooks {
  /** After each test; a throw fails that test. */
  afterEach?: () => void | Promise<void>;
  /** After the file's last test. */
  afterAll?: () => void | Promise<void>;
}

// On globalThis, not in this module: the setup file and a helper must see one
// registry whether or not the module graph is shared between files.
const KEY = Symbol.for('newswire.test-support.every-file-hooks');
type Registry = Set<EveryFileHooks>;

export function everyFileHooks(): Registry {
  const g = globalThis as { [KEY]?: Registry };
  return (g[KEY] ??= new Set());
}

export function forEveryTestFile(hooks: EveryFileHooks): void {
  everyFileHooks().add(hooks);
}
