/**
 * close() while the socket is still connecting, in a Node program of its
 * own (an uncaught error would end the test runner's worker, not a test):
 * the client ends and the program lives on. `ws` reports a close before the
 * handshake as an 'error' event on the next tick; with no listener left on
 * the forgotten socket, that crashed the program.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '@newswire/test-support';

describe('client.close() while connecting', () => {
  it('ends the client without an uncaught error', async () => {
    const r = await runCli([], { script: join(import.meta.dirname, 'fixtures', 'close-while-connecting.ts') });
    expect(r.stderr).not.toContain('WebSocket was closed before the connection was established');
    expect({ code: r.code, stdout: r.stdout.trim() }).toEqual({ code: 0, stdout: 'closed' });
  });
});
