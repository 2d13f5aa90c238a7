/**
 * `node --import tsx bench/gateway/cork-experiment.ts`: what one socket write
 * per frame costs. A plain ws server (cork-experiment-server.ts, own process)
 * sends the same ~850-byte text frame to 200 clients (a client-worker
 * process), 20 frames per client per tick, either one write per frame or
 * corked (the 20 frames of a tick coalesced into one write). Prints server CPU
 * per delivery and client CPU per frame for each mode. On this machine:
 * uncorked ~8.5 us/delivery server-side and ~6 us/frame client-side; corked
 * ~1.2 and ~2: coalescing the frames of one Kafka batch per socket is the
 * biggest lever on the gateway's deliveries/s.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { cpuSeconds } from './rpc.ts';
const srv = fork(join(import.meta.dirname, 'cork-experiment-server.ts'), [], { execArgv: ['--import', 'tsx'] });
const port = await new Promise<number>((r) => srv.once('message', (m: { port: number }) => r(m.port)));
const w = fork(join(import.meta.dirname, 'client-worker.ts'), [], { execArgv: ['--import', 'tsx'] });
let rpc = 0;
interface Reply { rpc: number; result: { deliveries: number } }
const call = (cmd: string, args = {}) => new Promise<Reply['result']>((res) => { const id = ++rpc; const h = (m: Reply) => { if (m.rpc === id) { w.off('message', h); res(m.result); } }; w.on('message', h); w.send({ rpc: id, cmd, args }); });
await call('open', { url: `ws://127.0.0.1:${port}`, count: 200 });
let total = 0;
for (const cork of [false, true, false, true]) {
  const s0 = cpuSeconds(srv.pid!), c0 = cpuSeconds(w.pid!), t0 = Date.now();
  srv.send({ n: 2000, cork, per: 20 });
  total += 400000;
  while ((await call('stats')).deliveries < total) await new Promise((r) => setTimeout(r, 50));
  const s1 = cpuSeconds(srv.pid!), c1 = cpuSeconds(w.pid!);
  console.log(cork ? 'corked  ' : 'uncorked', 'server µs/delivery', ((s1 - s0) / 400000 * 1e6).toFixed(2), 'client µs/frame', ((c1 - c0) / 400000 * 1e6).toFixed(2), 'wall', Date.now() - t0, 'ms');
}
w.kill();
srv.kill();
