import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { freePort } from '../support/free-port.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { waitUntil } from '../support/redis-server-process.js';
import { signIn, USERS } from './clients-support.js';

const BASE = '/v1/clients/genesys';
// The sandbox's Genesys ids for user 1003 (ops): 0x3eb.
const OPS_SUBJECT = 'genesys:00000000-0000-4000-8000-0000000003eb';
const CLIENT = { name: 'Fleet client', grantTypes: ['client_credentials'], scopes: ['users:readonly'] };

type Answer = { status: number; text: string; body: Record<string, unknown> };

/**
 * Two BFF processes on one Postgres and one Redis (plus the in-process one for
 * inspection): cache invalidation across instances, the secret seen exactly once
 * and nowhere else (logs, Redis, Postgres), and the ops audit read side.
 */
describe('clients across a fleet', () => {
  let stack: LoginStack;
  let a: BffProcess;
  let b: BffProcess;
  let cookie: string;
  const responses: string[] = [];

  async function call(instance: BffProcess, method: string, path: string, body?: unknown): Promise<Answer> {
    const write = method !== 'GET';
    const res = await fetch(`${instance.url}${path}`, {
      method,
      headers: { cookie, ...(write ? { 'x-csrf': '1', origin: instance.url } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', OPS_SUBJECTS: OPS_SUBJECT });
    const [portA, portB] = [await freePort(), await freePort()];
    const bffClient = stack.sandbox.findClient('genesys', stack.bff.app.get(ProviderRegistry).configOf('genesys').clientId)!;
    bffClient.redirectUris.push(`http://127.0.0.1:${portA}/v1/auth/genesys/callback`);
    const env = { ...stack.instanceEnv, LOG_LEVEL: 'debug', OPS_SUBJECTS: OPS_SUBJECT };
    // One after the other: two cold starts at once are slow on a loaded machine.
    a = await startBffProcess(env, { port: portA });
    b = await startBffProcess(env, { port: portB });
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, a.url, 'genesys', USERS.ops)).status).toBe(302);
    cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await stack.close();
  });

  it('a write on one instance is visible on the other instance’s next read', async () => {
    const before = await call(b, 'GET', `${BASE}?pageSize=100`);
    expect(before.status).toBe(200);
    const ids = (page: Answer) => (page.body.items as { id: string }[]).map((c) => c.id);

    // A client made behind the BFF's back stays invisible on B while its cached page lives: the cache is real.
    stack.sandbox.upsertClient({ provider: 'genesys', clientId: 'behind-the-back', clientSecret: 'x'.repeat(24), name: 'Behind', redirectUris: [], scopes: [], grants: ['CLIENT-CREDENTIALS'] });
    expect(ids(await call(b, 'GET', `${BASE}?pageSize=100`))).not.toContain('behind-the-back');

    const created = await call(a, 'POST', BASE, CLIENT);
    expect(created.status).toBe(201);
    const after = ids(await call(b, 'GET', `${BASE}?pageSize=100`));
    expect(after).toEqual(expect.arrayContaining([created.body.id, 'behind-the-back']));

    expect((await call(b, 'GET', `${BASE}/${created.body.id as string}`)).body.name).toBe('Fleet client');
    expect((await call(a, 'PUT', `${BASE}/${created.body.id as string}`, { ...CLIENT, name: 'Fleet client renamed' })).status).toBe(200);
    expect((await call(b, 'GET', `${BASE}/${created.body.id as string}`)).body.name).toBe('Fleet client renamed');
  });

  it('the secret is seen exactly once and appears nowhere in logs, Redis or Postgres', async () => {
    const created = await call(a, 'POST', BASE, { ...CLIENT, name: 'Secret keeper' });
    const id = created.body.id as string;
    await call(b, 'GET', `${BASE}/${id}`);
    await call(a, 'GET', `${BASE}?pageSize=100`);
    const regenerated = await call(b, 'POST', `${BASE}/${id}/secret`);
    await call(a, 'GET', `${BASE}/${id}`);
    await call(b, 'DELETE', `${BASE}/${id}`);
    const secrets = [created.body.secret as string, regenerated.body.secret as string];
    // The children write their lines when they get to them: wait for the DELETE's line, not a fixed time.
    await waitUntil('the DELETE request line', async () => (a.output() + b.output()).includes('"method":"DELETE"'), 15_000);

    const logs = a.output() + b.output();
    expect(logs.split('\n').filter((line) => line.includes(`/v1/clients/genesys`)).length).toBeGreaterThan(4);
    const redis = new Redis(stack.bff.config.redis.url as string);
    const dump: string[] = [];
    try {
      for (const key of await redis.keys(`${stack.bff.config.redis.keyPrefix}*`)) {
        const type = await redis.type(key);
        if (type === 'string') dump.push((await redis.get(key)) ?? '');
        else if (type === 'zset') dump.push(...(await redis.zrange(key, 0, -1)));
        else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      }
    } finally {
      redis.disconnect();
    }
    const db = stack.bff.app.get(DataSource);
    const rows = JSON.stringify([await db.query('SELECT * FROM audit_events'), await db.query('SELECT * FROM client_applications')]);
    expect(rows).toContain('client_secret_regenerate');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(16);
      expect(responses.filter((text) => text.includes(secret))).toHaveLength(1);
      expect(logs.includes(secret)).toBe(false);
      expect(dump.join('\n').includes(secret)).toBe(false);
      expect(rows.includes(secret)).toBe(false);
    }
  });

  it('ops read the audit trail with filters and keyset paging', async () => {
    const first = await call(a, 'GET', '/v1/admin/audit?action=client_create&provider=genesys&limit=1');
    expect(first.status).toBe(200);
    const items = first.body.items as { id: string; action: string; outcome: string; requestId: string; targetId: string; details: { provider: string } }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'client_create', outcome: 'success', details: { provider: 'genesys' } });
    expect(items[0].requestId).toEqual(expect.any(String));
    const second = await call(a, 'GET', `/v1/admin/audit?action=client_create&provider=genesys&limit=1&cursor=${first.body.nextCursor as string}`);
    const next = second.body.items as { id: string }[];
    expect(next).toHaveLength(1);
    expect(next[0].id).not.toBe(items[0].id);
    expect(second.body.nextCursor).toBeUndefined();

    const future = await call(a, 'GET', `/v1/admin/audit?from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect(future.body.items).toEqual([]);
    expect((await call(a, 'GET', '/v1/admin/audit?cursor=bm90LWEtY3Vyc29y')).body).toMatchObject({ code: 'validation_failed' });
    expect((await call(a, 'GET', '/v1/admin/audit?actor=not-a-uuid')).status).toBe(400);

    const alice = await signIn(stack, 'genesys', USERS.alice);
    const denied = await alice.call('GET', '/v1/admin/audit');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
  });
});
