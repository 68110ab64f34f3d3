// The upstream API every contender relays to: one ~1 KB JSON resource behind a
// bearer check. A separate process, so its CPU never counts against a contender.
import { createServer } from 'node:http';

const body = JSON.stringify({
  id: 'bench-resource',
  items: Array.from({ length: 12 }, (_, i) => ({ id: i, title: `Meeting ${i}`, start: '2026-11-22T10:00:00Z', attendees: 4 + i })),
});

const server = createServer((req, res) => {
  if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"unauthorized"}');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, bytes: Buffer.byteLength(body) })}\n`);
});
