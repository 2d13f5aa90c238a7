/**
 * Writes a megabyte to stdout without waiting for the pipe, then ends the
 * process the way the CLI's main does. Used by process-end.test.ts: every
 * byte must reach a reader that is slow to start reading.
 */
import { endProcess } from '../../src/process-end.ts';

const line = 'x'.repeat(1023) + '\n';
for (let i = 0; i < 1024; i++) process.stdout.write(line);
void endProcess(0);
