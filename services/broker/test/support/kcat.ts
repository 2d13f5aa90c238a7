/** Running Debian's kcat (librdkafka) as the second, independent Kafka client. */
import { spawn, spawnSync } from 'node:child_process';

export const kcatAvailable = ((): boolean => {
  try {
    return spawnSync('kcat', ['-V'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
})();

if (!kcatAvailable) {
  console.warn('[kcat] kcat is not on PATH: kcat interop tests are SKIPPED (install it: apt-get install -y kcat)');
}

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run kcat with args (and optional stdin); resolves when it exits or is killed at the timeout. */
export function kcat(args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 45_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface KcatJsonMessage {
  topic: string;
  partition: number;
  offset: number;
  tstype: string;
  ts: number;
  headers?: string[];
  key: string | null;
  payload: string | null;
}

export function parseJsonLines(stdout: string): KcatJsonMessage[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as KcatJsonMessage);
}

/** kcat -J headers come as a flat [k1, v1, k2, v2] list. */
export function headerObject(h: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; h && i + 1 < h.length; i += 2) out[h[i]!] = h[i + 1]!;
  return out;
}
