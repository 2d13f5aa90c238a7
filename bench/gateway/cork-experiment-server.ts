/** The server half of cork-experiment.ts: sends `n` frames to every client, `per` per tick, corked or not. */
import { WebSocketServer } from 'ws';
// Corks through the gateway's FrameWriter: the one module that reaches into ws's socket.
import { FrameWriter } from '../../services/gateway/src/frame-writer.ts';
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
const frame = Buffer.from(JSON.stringify({ op: 'update', topic: 'newswire.arrests', partition: 1, offset: 123, epoch: 'abc', ts: Date.now(), update: { schema: 1, id: 'bench:abc:1:1795632001540123', pad: 'x'.repeat(700) } }));
wss.on('connection', (ws) => ws.send('{"op":"subscribed","id":"x"}'));
wss.on('listening', () => process.send!({ port: (wss.address() as { port: number }).port }));
process.on('message', (m: { n: number; cork: boolean; per: number }) => {
  let left = m.n;
  const tick = () => {
    const k = Math.min(m.per, left);
    for (const c of wss.clients) {
      const writer = new FrameWriter(c);
      if (m.cork) writer.cork();
      for (let i = 0; i < k; i++) c.send(frame, { binary: false });
      if (m.cork) writer.uncork();
    }
    left -= k;
    if (left > 0) setTimeout(tick, 1);
  };
  tick();
});
