import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'services/*/test/**/*.test.ts', 'shared/*/test/**/*.test.ts'],
    // Services log at info by default; tests only want warnings unless asked.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    // One Kafka container per run where Docker answers (else the dev broker per file).
    globalSetup: ['shared/test-support/src/global-setup.ts'],
    // Before every test file: the hooks shared helpers need in each file (every-file.ts).
    setupFiles: ['shared/test-support/src/vitest-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: run files two at a time so broker-heavy suites do not starve each other.
    // isolate: false reuses each fork's module graph from file to file instead of
    // importing kafkajs, zod and the packages anew for every one of ~135 files:
    // a third off the suite's wall time. Every file still starts and stops its
    // own Kafka, servers and clients, and a file that changes process.env or a
    // global puts it back in afterAll.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    reporters: ['default', ['json', { outputFile: 'tests/artifacts/vitest-results.json' }]],
  },
});
