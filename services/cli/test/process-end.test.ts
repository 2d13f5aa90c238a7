/**
 * The CLI ends its process only once stdout and stderr have handed every
 * byte to the OS. A pipe on Linux takes 64 KiB; what does not fit is queued
 * in the process, and a bare process.exit() drops it. The CI caught this as
 * `newswire replay --format updates` printing 178 of 219 updates, exit 0,
 * when the test reading its stdout was slow (the last chunk was queued).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'support', 'flood-then-end.ts');

describe('the end of a CLI process', () => {
  it('waits for a slow reader to take all of stdout before exiting', async () => {
    // A shell pipe whose reader starts late: a process that exits without flushing is gone by then.
    const pipeline = `"${process.execPath}" --import tsx "${SCRIPT}"; echo "exit $?" >&2`;
    const child = spawn('sh', ['-c', `{ ${pipeline}; } | { sleep 1.5; wc -c; }`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    await new Promise((r) => child.on('close', r));
    expect(err.trim()).toBe('exit 0');
    expect(Number(out.trim())).toBe(1024 * 1024);
  });
});
