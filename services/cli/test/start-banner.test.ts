/**
 * The commands `newswire start` prints under "Try next" work as printed: each
 * is run as a spawned CLI against a real broker, with the brokers and the
 * topic prefix start ran with (publish as --dry-run, so nothing is sent; tail
 * needs a gateway and is left out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopics, runCli, startKafka, type TestKafka } from '@newswire/test-support';
import { bannerText } from '../src/start/banner.ts';

let kafka: TestKafka;

beforeAll(async () => {
  kafka = await startKafka();
  await createTestTopics(kafka);
});

afterAll(async () => {
  await kafka?.stop();
});

/** The `npx newswire ...` commands of the banner, continuation lines joined: leading VAR=value, then argv. */
function printedCommands(text: string): { env: Record<string, string>; argv: string[] }[] {
  const joined = text.replace(/\\\n\s*/g, '');
  return [...joined.matchAll(/^ {2}\w+ +((?:[A-Z_]+=\S+ )*)npx newswire (.*)$/gm)].map((m) => ({
    env: Object.fromEntries(m[1]!.trim().split(/\s+/).filter(Boolean).map((a) => a.split('=', 2) as [string, string])),
    argv: [...m[2]!.matchAll(/"([^"]*)"|(\S+)/g)].map((w) => w[1] ?? w[2]!),
  }));
}

describe('newswire start banner', { timeout: 120_000 }, () => {
  it('prints publish, replay and topics commands that run as printed', async () => {
    const text = bannerText(
      {
        dashboard: 'http://127.0.0.1:18080/',
        websocket: 'ws://127.0.0.1:18080/',
        health: 'http://127.0.0.1:18080/healthz',
        ingest: undefined,
        brokers: kafka.brokers,
        kafka: 'test',
        topicPrefix: kafka.prefix,
        demo: 'off',
      },
      false,
    );
    const commands = printedCommands(text).filter((c) => c.argv[0] !== 'tail');
    expect(commands.map((c) => c.argv[0])).toEqual(['publish', 'replay', 'topics']);
    for (const { env, argv } of commands) {
      expect(env).toEqual({ NEWSWIRE_TOPIC_PREFIX: kafka.prefix });
      const run = await runCli(argv[0] === 'publish' ? [...argv, '--dry-run'] : argv, { env: { ...env, LOG_LEVEL: 'silent' }, timeoutMs: 60_000 });
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0);
      if (argv[0] === 'topics') expect(run.stdout).not.toContain('missing');
    }
  });
});
