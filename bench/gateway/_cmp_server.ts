import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
const frame = Buffer.from(JSON.stringify({ op: 'update', topic: 'newswire.arrests', partition: 1, offset: 123, epoch: 'abc', ts: Date.now(), update: { schema: 1, id: 'bench:abc:1:1795632001540123', pad: 'x'.repeat(700) } }));
wss.on('connection', (ws) => ws.send('{"op":"subscribed","id":"x"}'));
wss.on('listening', () => process.send!({ port: (wss.address() as { port: number }).port }));
process.on('message', (m: { n: number }) => {
  // send n frames to every client, in bursts
  let left = m.n;
  const tick = () => {
    for (let i = 0; i < 50 && left > 0; i++, left--) for (const c of wss.clients) c.send(frame);
    if (left > 0) setImmediate(tick);
  };
  tick();
});
