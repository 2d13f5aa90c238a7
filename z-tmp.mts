import { execFileSync } from 'node:child_process';
import { startKafka } from './tests/support/kafka.ts';
const k = await startKafka();
try {
  const out = execFileSync(process.execPath, ['services/cli/bin/newswire.mjs', 'demo', '--pace', '200000x', '--brokers', k.brokers.join(',')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  console.log(out);
} finally { await k.stop(); }
