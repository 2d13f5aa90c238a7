/**
 * forEveryTestFile gives a helper's hooks to every test file that runs after
 * it was loaded, under the suite's `isolate: false`; a hook at a helper's top
 * level (the control) runs for the first file only. A real vitest run over
 * three fixture files that share one fork.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURES = join(import.meta.dirname, 'fixtures/every-file');
const dir = mkdtempSync(join(tmpdir(), 'newswire-every-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forEveryTestFile', () => {
  it('runs a helper’s hooks in every file sharing a fork, where a top-level hook runs in the first only', () => {
    const log = join(dir, 'hooks.log');
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', FIXTURES], {
      cwd: FIXTURES,
      env: { ...process.env, EVERY_FILE_LOG: log },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const count = (line: string) => lines.filter((l) => l === line).length;
    expect(count('afterEach')).toBe(6); // 3 files × 2 tests
    expect(count('afterAll')).toBe(3);
    expect(count('top-level afterAll')).toBe(1);
  });
});
