/**
 * .ci/summarize.mjs writes CI's last lines. CI's record keeps only the tail of
 * the output, so a failed test must be named there, next to the closing
 * "N passed, N failed" line, with the first words of its failure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'newswire-ci-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(name: string, body: object): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

function summarize(...runs: string[]): { status: number | null; lines: string[] } {
  const out = spawnSync(process.execPath, ['.ci/summarize.mjs', ...runs], { cwd: ROOT, encoding: 'utf8' });
  return { status: out.status, lines: out.stdout.trimEnd().split('\n') };
}

const passing = { success: true, numPassedTests: 3, numFailedTests: 0, numPendingTests: 1, numTodoTests: 0, testResults: [] };

describe('the CI summary', () => {
  it('adds the runs up and exits 0 when every run passed', () => {
    const { status, lines } = summarize(`a=${report('a', passing)}`, `b=${report('b', passing)}`);
    expect(status).toBe(0);
    expect(lines).toEqual(['run a: 3 tests passed, 0 tests failed, 1 skipped', 'run b: 3 tests passed, 0 tests failed, 1 skipped', '6 passed, 0 failed, 2 skipped']);
  });

  it('names each failed test with the first lines of its failure, above the closing line, and exits 1', () => {
    const failing = {
      success: false,
      numPassedTests: 1,
      numFailedTests: 1,
      numPendingTests: 0,
      testResults: [
        {
          name: join(ROOT, 'services/gateway/test/resume.test.ts'),
          status: 'failed',
          assertionResults: [
            { fullName: 'resume keeps order', status: 'passed', failureMessages: [] },
            {
              fullName: 'resume > gives no duplicate',
              status: 'failed',
              failureMessages: ['\u001b[31mAssertionError: expected 2 to be 1\u001b[39m\n    at resume.test.ts:10:5\n' + 'x'.repeat(5000)],
            },
          ],
        },
      ],
    };
    const { status, lines } = summarize(`ok=${report('ok', passing)}`, `bad=${report('bad', failing)}`);
    expect(status).toBe(1);
    expect(lines[0]).toBe('failures (1):');
    expect(lines[1]).toBe('  [bad] services/gateway/test/resume.test.ts > resume > gives no duplicate');
    expect(lines[2]).toBe('      AssertionError: expected 2 to be 1');
    expect(lines.join('\n').length).toBeLessThan(1500);
    expect(lines.at(-1)).toBe('4 passed, 1 failed, 1 skipped');
  });

  it('names a file that failed before any of its tests ran', () => {
    const broken = {
      success: false,
      numPassedTests: 2,
      numFailedTests: 0,
      numFailedTestSuites: 1,
      testResults: [{ name: join(ROOT, 'shared/x/test/y.test.ts'), status: 'failed', message: 'Error: Cannot find module z', assertionResults: [] }],
    };
    const { status, lines } = summarize(`run=${report('broken', broken)}`);
    expect(status).toBe(1);
    expect(lines).toContain('  [run] shared/x/test/y.test.ts');
    expect(lines).toContain('      Error: Cannot find module z');
    expect(lines).toContain('run run: vitest reported an error outside the tests (1 files failed); see its output');
  });

  it('fails a run with no report or no passed test', () => {
    const empty = { success: true, numPassedTests: 0, numFailedTests: 0, testResults: [] };
    const { status, lines } = summarize(`none=${join(dir, 'missing.json')}`, `empty=${report('empty', empty)}`);
    expect(status).toBe(1);
    expect(lines[0]).toMatch(/^run none: no test report at /);
    expect(lines.at(-1)).toBe('0 passed, 0 failed');
  });
});
