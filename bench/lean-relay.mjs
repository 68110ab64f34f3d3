// The lean reference relay: what a relay in plain Node costs on this machine, the
// practical limit the BFF is measured against. Plain node:http; the session cookie is
// hashed (SHA-256) and looked up with one Redis GET in the BFF's own session store;
// the upstream token comes from an in-memory map; an undici Pool carries the call
// and the body is streamed back. `/me` is the lean equivalent of GET /v1/auth/me:
// the session GET plus one indexed query. No security policy beyond that: it is a
// yardstick, not a product.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import Redis from 'ioredis';
import pg from 'pg';
import { Pool } from 'undici';

const { PORT, UPSTREAM, REDIS_URL, REDIS_KEY_PREFIX, DATABASE_URL, DATABASE_SCHEMA, COOKIE_NAME } = process.env;
const redis = new Redis(REDIS_URL, { keyPrefix: REDIS_KEY_PREFIX, enableAutoPipelining: true });
const db = new pg.Pool({ connectionString: DATABASE_URL, max: 10, options: `-c search_path=${DATABASE_SCHEMA}` });
const upstream = new Pool(UPSTREAM, { connections: 256, keepAliveTimeout: 10_000 });
const tokens = new Map();
const cookiePrefix = `${COOKIE_NAME}=`;

function sessionToken(cookie) {
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(cookiePrefix)) return trimmed.slice(cookiePrefix.length);
  }
  return undefined;
}

async function session(req) {
  const token = sessionToken(req.headers.cookie);
  if (!token) return undefined;
  const raw = await redis.get(`sess:${createHash('sha256').update(token).digest('hex')}`);
  return raw ? JSON.parse(raw) : undefined;
}

function fail(res, status) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`{"status":${status}}`);
}

async function handle(req, res) {
  const found = await session(req);
  if (!found) return fail(res, 401);
  if (req.url === '/me') {
    const { rows } = await db.query('SELECT id, provider, subject, status FROM linked_accounts WHERE user_id = $1', [found.userId]);
    const body = JSON.stringify({ user: { id: found.userId }, linkedAccounts: rows });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    return;
  }
  if (!req.url.startsWith('/api/')) return fail(res, 404);
  let token = tokens.get(found.userId);
  if (!token) tokens.set(found.userId, (token = `bench-${found.userId}`));
  await upstream.stream({ path: req.url.slice(4), method: req.method, headers: { authorization: `Bearer ${token}` } }, ({ statusCode, headers }) => {
    res.writeHead(statusCode, { 'content-type': headers['content-type'], 'content-length': headers['content-length'] });
    return res;
  });
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) fail(res, 502);
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(PORT ?? 0), '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`));
