/**
 * broker-meta.json (cluster id, producer-id counter) that is truncated or
 * malformed stops the broker with an error naming the file, not a bare
 * JSON.parse message. Through startBroker, as `newswire broker` starts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker } from '../src/index.ts';
import { createLogger } from '@newswire/config';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDirWithMeta(contents: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'broker-meta-'));
  dirs.push(dir);
  const file = join(dir, 'broker-meta.json');
  writeFileSync(file, contents);
  return { dir, file };
}

const quiet = createLogger('broker-meta-test', { level: 'silent' });

describe('broker-meta.json', () => {
  it('a truncated file is named in the error', async () => {
    const { dir, file } = dataDirWithMeta('{"clusterId":"abcdefgh","nextProdu');
    await expect(startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, logger: quiet })).rejects.toThrow(file);
  });

  it('a file of the wrong shape is named, with what is wrong', async () => {
    const { dir, file } = dataDirWithMeta('{"clusterId":"abcdefgh","nextProducerId":-5}');
    const started = startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, logger: quiet });
    await expect(started).rejects.toThrow(file);
    await expect(started).rejects.toThrow(/nextProducerId/);
  });

  it('a good file is kept: the cluster id survives a restart', async () => {
    const { dir } = dataDirWithMeta('{"clusterId":"kept-cluster-id","nextProducerId":1000}');
    const broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir: dir, logger: quiet });
    expect(broker.clusterId).toBe('kept-cluster-id');
    await broker.stop();
  });
});
