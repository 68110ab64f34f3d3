import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { freePort } from '../support/free-port.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { waitUntil } from '../support/redis-server-process.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/test-env.js';
import { uniqueSuffix } from '../support/unique.js';
import { PostgresCut } from './support/postgres-cut.js';

// Issue 15 items 1, 4 and 12: a BFF process whose Postgres (and Redis) sit behind proxies this
// suite cuts. Every route that needs Postgres answers 503 dependency_unavailable naming the
// database, with Retry-After, and recovers by itself; the outage is logged aggregated, and no
// failed query ever puts its parameters (token ciphertexts) in a log line.

const ALICE = { username: 'alice', password: 'alice-password' };
const MEETING = { meetingId: '1234567890', passcode: '4321' };
const WINDOW_MS = 10_000;

type Problem = { code: string; dependency?: string };

describe('Postgres outage (cut by a proxy; the shared server keeps running)', () => {
  let stack: LoginStack;
  let bff: BffProcess;
  let cookie: string;
  let subject: string;
  let stderr = '';
  let outage: { at: number; firstLine: number };
  const postgres = new PostgresCut();
  const redisTarget = new URL(TEST_REDIS_URL);
  const redis = new TcpProxy(redisTarget.hostname, Number(redisTarget.port || 6379));
  const applicationName = `bff-fault-${uniqueSuffix()}`;

  beforeAll(async () => {
    // A 5 s token-cache age (default 300 s) so a row changed behind the cache is read again within seconds.
    stack = await startLoginStack({ LOG_LEVEL: 'silent', TOKEN_CACHE_MAX_AGE_SECONDS: '5' }, { grants: { bluejeans: { meeting: true } } });
    const port = await freePort();
    for (const client of stack.sandbox.seed.clients.filter((c) => c.provider === 'bluejeans')) {
      stack.sandbox.findClient('bluejeans', client.clientId)?.redirectUris.push(`http://127.0.0.1:${port}/v1/auth/bluejeans/callback`);
    }
    const databaseUrl = await postgres.start(applicationName);
    const redisPort = await redis.start();
    bff = await startBffProcess({ ...stack.instanceEnv, DATABASE_URL: databaseUrl, REDIS_URL: `redis://127.0.0.1:${redisPort}`, LOG_LEVEL: 'info', TOKEN_INFO_CACHE_SECONDS: '0' }, { port });
    bff.child.stderr?.on('data', (chunk) => (stderr += chunk));
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, bff.url, 'bluejeans', ALICE)).status).toBe(302);
    cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const me = (await (await fetch(`${bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { subject: string }[] };
    subject = me.linkedAccounts[0].subject;
  }, 90_000);
  afterAll(async () => {
    await postgres.restore().catch(() => undefined);
    await bff?.stop();
    await Promise.all([postgres.close(), redis.stop()]);
    await stack?.close();
  });

  const send = (path: string, init: RequestInit = {}) => fetch(`${bff.url}${path}`, { redirect: 'manual', ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });
  const routes: Record<string, () => Promise<Response>> = {
    'GET /v1/auth/me': () => send('/v1/auth/me'),
    'GET /v1/auth/bluejeans/token-info': () => send('/v1/auth/bluejeans/token-info'),
    'GET relay /v1/api/bluejeans/...': () => send(`/v1/api/bluejeans/v1/user/${subject}`),
    'POST /v1/auth/bluejeans/meeting': () =>
      fetch(`${bff.url}/v1/auth/bluejeans/meeting`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: bff.url }, body: JSON.stringify(MEETING) }),
    'GET /v1/auth/bluejeans/callback (code flow)': () => browserLogin(new ManualBrowser(), bff.url, 'bluejeans', ALICE),
  };
  const revocations = () => {
    const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
    return Object.values(counters.bluejeans ?? {}).reduce((sum, kinds) => sum + (kinds.revoke ?? 0), 0);
  };
  const logLines = () => bff.output().split('\n').filter(Boolean);

  it('with Postgres down, every route that needs it answers 503 dependency_unavailable (database) with Retry-After, under concurrency', async () => {
    await postgres.cut();
    outage = { at: Date.now(), firstLine: logLines().length };
    const revokedBefore = revocations();
    for (const [name, call] of Object.entries(routes)) {
      const answers = await Promise.all(Array.from({ length: 4 }, call));
      for (const res of answers) {
        const body = (await res.json()) as Problem;
        expect({ name, status: res.status, type: res.headers.get('content-type'), code: body.code, dependency: body.dependency }).toEqual({
          name,
          status: 503,
          type: expect.stringContaining('application/problem+json'),
          code: 'dependency_unavailable',
          dependency: 'database',
        });
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    // Item 13: the four code-flow callbacks exchanged their codes, then could not store anything:
    // their upstream tokens were revoked (best effort), not left valid until they expire.
    expect(revocations() - revokedBefore).toBe(4);
  }, 60_000);

  it('the failures of the outage are logged aggregated: one line, then a count per 10 s window, not one per request', async () => {
    const statuses = await Promise.all(Array.from({ length: 150 }, () => send('/v1/auth/me').then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([503]));
    const outageLines = () => logLines().slice(outage.firstLine).filter((l) => l.includes('"failure":"database"'));
    // The window's summary comes when its timer fires; wait for it rather than guess how long the burst took.
    for (let i = 0; i < 300 && !outageLines().some((l) => l.includes('"repeated"')); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = outageLines();
    const windows = Math.ceil((Date.now() - outage.at) / WINDOW_MS) + 1;
    const repeated = lines.map((l) => (JSON.parse(l) as { repeated?: number }).repeated ?? 0).reduce((a, b) => a + b, 0);
    expect(repeated).toBeGreaterThanOrEqual(150 - lines.length);
    expect(lines.length).toBeLessThanOrEqual(2 * windows);
    // The errno code is an error code, not a credential: it stays readable.
    expect(lines[0]).toMatch(/"reason":"(ECONNREFUSED|ECONNRESET|[0-9A-Z]{5}|Error)"/);
    expect(logLines().filter((l) => l.includes('unhandled error'))).toEqual([]);
  }, 60_000);

  it('recovers by itself once Postgres is back: the same routes succeed', async () => {
    await postgres.restore();
    const expected: Record<string, number> = {
      'GET /v1/auth/me': 200,
      'GET /v1/auth/bluejeans/token-info': 200,
      'GET relay /v1/api/bluejeans/...': 200,
      'POST /v1/auth/bluejeans/meeting': 200,
      'GET /v1/auth/bluejeans/callback (code flow)': 302,
    };
    for (const [name, call] of Object.entries(routes)) expect({ name, status: (await call()).status }).toEqual({ name, status: expected[name] });
  }, 60_000);

  it('a linked-account UPDATE that fails as a terminated backend does (57P01) -> 503 database; no query parameter in any log line', async () => {
    const schema = stack.bff.config.database.schema;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
    await admin.connect();
    try {
      // Due for refresh, so token-info has to write the refreshed (encrypted) tokens; the write then fails
      // with the SQLSTATE a backend terminated under a lock reports (admin_shutdown), deterministically.
      await admin.query(`UPDATE linked_accounts SET access_expires_at = now() - interval '1 minute' WHERE provider = 'bluejeans' AND subject = $1`, [subject]);
      await admin.query(`CREATE FUNCTION terminated_backend() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01'; END $$`);
      await admin.query('CREATE TRIGGER terminated_backend BEFORE UPDATE ON linked_accounts FOR EACH ROW EXECUTE FUNCTION terminated_backend()');
      // The process's hot token cache keeps a looked-up token at most 5 s here: let it lapse so the next call reads the row.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      const res = await send('/v1/auth/bluejeans/token-info');
      expect({ status: res.status, body: (await res.json()) as Problem }).toMatchObject({ status: 503, body: { code: 'dependency_unavailable', dependency: 'database' } });
    } finally {
      await admin.query('DROP TRIGGER IF EXISTS terminated_backend ON linked_accounts').catch(() => undefined);
      await admin.query('DROP FUNCTION IF EXISTS terminated_backend()').catch(() => undefined);
      await admin.end();
    }
    await waitUntil("the failed query's log line", async () => bff.output().includes('query failed'), 15_000);
    const log = bff.output();
    expect(log).toContain('query failed');
    for (const output of [log, stderr]) {
      expect(output).not.toContain('PARAMETERS');
      expect(output).not.toContain('"parameters":[');
      // No token envelope (v1.<kid>.<iv>.<ciphertext>.<tag>) anywhere.
      expect(output).not.toMatch(/v1\.[\w-]{1,32}\.[\w-]{12,}\.[\w-]+\.[\w-]{16,}/);
    }
    // TypeORM's output comes through the JSON logger: every stdout line is JSON.
    for (const line of logLines()) expect(() => JSON.parse(line)).not.toThrow();
  }, 60_000);
});
