import { fork } from 'node:child_process';
import { join } from 'node:path';
import { cpuSeconds } from './rpc.ts';
const srv = fork(join(import.meta.dirname, '_cmp_server.ts'), [], { execArgv: ['--import', 'tsx'] });
const port = await new Promise<number>((r) => srv.once('message', (m: { port: number }) => r(m.port)));
for (const impl of ['raw', 'ws', 'raw', 'ws']) {
  const w = fork(join(import.meta.dirname, 'client-worker.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_WS_CLIENT: impl } });
  let rpc = 0;
  const call = (cmd: string, args = {}) => new Promise<any>((res) => { const id = ++rpc; const h = (m: any) => { if (m.rpc === id) { w.off('message', h); res(m.result); } }; w.on('message', h); w.send({ rpc: id, cmd, args }); });
  await call('open', { url: `ws://127.0.0.1:${port}`, count: 200 });
  const c0 = cpuSeconds(w.pid!);
  const t0 = Date.now();
  srv.send({ n: 2000 });
  while ((await call('stats')).deliveries < 400000) await new Promise((r) => setTimeout(r, 100));
  const c1 = cpuSeconds(w.pid!);
  console.log(impl, 'client cpu µs/frame', ((c1 - c0) / 400000 * 1e6).toFixed(2), 'wall', Date.now() - t0, 'ms');
  w.kill();
}
srv.kill();
