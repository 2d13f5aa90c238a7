/**
 * testcontainers 12.2 needs Node >= 22.22: importing `@testcontainers/kafka`
 * on Node 20 throws. Where Docker answers but this Node cannot load it,
 * startKafka() must say so and use the dev broker instead of failing every
 * Kafka test. The run's one container is started by the vitest global setup
 * (global-setup.ts), so that is what is run here. Docker is faked: a `docker`
 * on PATH whose `docker info` succeeds is all the harness asks of it before
 * importing.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeLoadsTestcontainers = major > 22 || (major === 22 && minor >= 22);

let bin: string;

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'newswire-fake-docker-'));
  await writeFile(join(bin, 'docker'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'docker'), 0o755);
});

afterAll(async () => {
  if (bin) await rm(bin, { recursive: true, force: true });
});

describe('startKafka on a Node that cannot load testcontainers', () => {
  // On Node >= 22.22 the container path is taken and needs a real Docker engine: nothing to check here.
  it.skipIf(nodeLoadsTestcontainers)('says why and runs the dev broker', async () => {
    const script = [
      "import { kafkaMode, startKafka } from '@newswire/test-support';",
      "import setup from './shared/test-support/src/global-setup.ts';",
      'await setup();',
      'const kafka = await startKafka();',
      'console.log(JSON.stringify({ planned: kafkaMode(), mode: kafka.mode }));',
      'await kafka.stop();',
    ].join('\n');
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, LOG_LEVEL: 'warn' };
    delete env.KAFKA_BROKERS;
    delete env.NEWSWIRE_TEST_NO_DOCKER;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env });
    expect(stdout).toContain(`testcontainers needs Node >= 22.22 (this is ${process.version})`);
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '')).toEqual({ planned: 'dev-broker', mode: 'dev-broker' });
  }, 60_000);
});
