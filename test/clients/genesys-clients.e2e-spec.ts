import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import createClient from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { signIn, USERS, type Caller } from './clients-support.js';

const BASE = '/v1/clients/genesys';
const NEW_CLIENT = { name: 'Reporting dashboard', description: 'Reads queues', grantTypes: ['authorization_code'], redirectUris: ['https://dash.example.com/cb'], scopes: ['users:readonly'], accessTokenValiditySeconds: 3600 };

/** Genesys Cloud client management through the BFF, against the sandbox, real Postgres and Redis. */
describe('clients: Genesys', () => {
  let stack: LoginStack;
  let ops: Caller;
  let alice: Caller;

  beforeAll(async () => {
    // A short upstream timeout so the timeout case answers quickly; ops act with the BFF's app token here.
    stack = await startLoginStack(
      { LOG_LEVEL: 'error', OPS_SUBJECTS: 'genesys:00000000-0000-4000-8000-0000000003eb' },
      { entries: { genesys: { timeoutMs: 4000, grants: { clientCredentials: true }, management: { opsAppToken: true } } } },
    );
    // Real Genesys clients have one grant type; the sandbox's BFF client is given both so one entry can do both.
    stack.sandbox.findClient('genesys', stack.bff.app.get(ProviderRegistry).configOf('genesys').clientId)!.grants.push('CLIENT-CREDENTIALS');
    ops = await signIn(stack, 'genesys', USERS.ops);
    alice = await signIn(stack, 'genesys', USERS.alice);
  }, 90_000);
  afterAll(async () => stack.close());

  async function fault(spec: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'genesys', route: 'api', times: 1, ...spec }) });
    expect(res.status).toBe(201);
  }

  it('runs the whole lifecycle: the secret is shown on create and regenerate only', async () => {
    const created = await ops.call('POST', BASE, NEW_CLIENT);
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ provider: 'genesys', name: NEW_CLIENT.name, grantTypes: ['authorization_code'], redirectUris: NEW_CLIENT.redirectUris, source: 'upstream', accessTokenValiditySeconds: 3600 });
    expect(typeof created.body.secret).toBe('string');
    // An ops user with opsAppToken acts with the client-credentials token: Genesys names the client, not a user, as creator.
    expect(created.body.providerFields).toMatchObject({ genesys: { createdBy: { id: 'client-credentials' } } });

    const read = await ops.call('GET', `${BASE}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret as string);
    expect(read.body.providerFields).toMatchObject({ genesys: { roleIds: [], roleDivisions: [] } });

    const listed = await ops.call('GET', `${BASE}?pageSize=100&pageNumber=1`);
    expect(listed.status).toBe(200);
    expect(listed.body.page).toMatchObject({ number: 1, size: 100, hasNext: false });
    expect((listed.body.items as { id: string }[]).map((c) => c.id)).toContain(id);
    expect(JSON.stringify(listed.body)).not.toContain('"secret"');

    const updated = await ops.call('PUT', `${BASE}/${id}`, { ...NEW_CLIENT, name: 'Renamed dashboard' });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe('Renamed dashboard');
    // The write invalidated the cached single client.
    expect((await ops.call('GET', `${BASE}/${id}`)).body.name).toBe('Renamed dashboard');

    const regenerated = await ops.call('POST', `${BASE}/${id}/secret`);
    expect(regenerated.status).toBe(200);
    expect(regenerated.headers.get('cache-control')).toBe('no-store');
    expect(regenerated.body.secret).toEqual(expect.any(String));
    expect(regenerated.body.secret).not.toBe(created.body.secret);

    expect((await ops.call('DELETE', `${BASE}/${id}`)).status).toBe(204);
    const gone = await ops.call('GET', `${BASE}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'upstream_not_found', upstreamCode: 'not.found', provider: 'genesys' });
  });

  it('a client generated from openapi.json drives create -> read -> update -> regenerate -> delete', async () => {
    const api = createClient<paths>({ baseUrl: stack.bff.url, headers: { cookie: ops.cookie, 'x-csrf': '1', origin: stack.bff.config.http.publicUrl } });
    const provider = { path: { provider: 'genesys' } };
    const created = await api.POST('/v1/clients/{provider}', { params: provider, body: { name: 'Typed client', grantTypes: ['client_credentials'], scopes: ['users:readonly'] } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.data!.secret).toEqual(expect.any(String));
    const client = { path: { provider: 'genesys', clientId: id } };

    const read = await api.GET('/v1/clients/{provider}/{clientId}', { params: client });
    expect(read.data).toMatchObject({ id, name: 'Typed client', grantTypes: ['client_credentials'], source: 'upstream' });

    const updated = await api.PUT('/v1/clients/{provider}/{clientId}', { params: client, body: { name: 'Typed client 2', grantTypes: ['client_credentials'], state: 'inactive' } });
    expect(updated.data).toMatchObject({ name: 'Typed client 2', state: 'inactive' });

    const regenerated = await api.POST('/v1/clients/{provider}/{clientId}/secret', { params: client });
    expect(regenerated.data!.secret).not.toBe(created.data!.secret);

    const deleted = await api.DELETE('/v1/clients/{provider}/{clientId}', { params: client });
    expect(deleted.response.status).toBe(204);
    const gone = await api.GET('/v1/clients/{provider}/{clientId}', { params: client });
    expect(gone.response.status).toBe(404);
    expect(gone.data).toBeUndefined();
  });

  it('pages are passed through and normalised', async () => {
    const first = await ops.call('GET', `${BASE}?pageSize=1&pageNumber=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.page).toMatchObject({ number: 1, size: 1, hasNext: true });
    expect((first.body.page as { total: number }).total).toBeGreaterThan(1);
  });

  it('lists scopes and authorizations in two languages', async () => {
    const english = await alice.call('GET', `${BASE}/scopes`);
    const german = await alice.call('GET', `${BASE}/scopes`, undefined, { 'accept-language': 'de-DE,de;q=0.9' });
    expect([english.status, german.status]).toEqual([200, 200]);
    expect(english.body.language).toBe('en-us');
    expect(german.body.language).toBe('de-de');
    const describe = (list: typeof english, id: string) => (list.body.items as { id: string; description: string }[]).find((s) => s.id === id)?.description;
    expect(describe(english, 'users:readonly')).toBe('View users');
    expect(describe(german, 'users:readonly')).toBe('Benutzer anzeigen');
    const one = await alice.call('GET', `${BASE}/scopes/users:readonly`, undefined, { 'accept-language': 'fr-fr' });
    expect(one.body).toEqual({ id: 'users:readonly', description: 'Afficher les utilisateurs' });

    const authorizations = await alice.call('GET', `${BASE}/authorizations`, undefined, { 'accept-language': 'de-de' });
    expect(authorizations.status).toBe(200);
    expect(authorizations.body.language).toBe('de-de');
    const items = authorizations.body.items as { client: { id: string } }[];
    expect(items.length).toBeGreaterThan(0);
    const single = await alice.call('GET', `${BASE}/authorizations/${items[0].client.id}`);
    expect(single.status).toBe(200);
    expect(single.body.client).toEqual(items[0].client);
  });

  it('a user without the upstream permission gets 403 upstream_forbidden naming it', async () => {
    const res = await alice.call('POST', BASE, NEW_CLIENT);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'upstream_forbidden', upstreamCode: 'missing.permissions', missingPermissions: ['oauth:client:add'] });
  });

  it('refuses bad bodies with 400 listing the fields, before any upstream call', async () => {
    const cases: [unknown, string][] = [
      [{ ...NEW_CLIENT, name: undefined }, 'name'],
      [{ ...NEW_CLIENT, name: 'evil\r\nX-Injected: 1' }, 'name'],
      [{ ...NEW_CLIENT, name: 'x'.repeat(100_000) }, 'name'],
      [{ ...NEW_CLIENT, redirectUris: ['javascript:alert(1)'] }, 'redirectUris'],
      [{ ...NEW_CLIENT, redirectUris: ['/relative/cb'] }, 'redirectUris'],
      [{ ...NEW_CLIENT, redirectUris: ['http://dash.example.com/cb'] }, 'redirectUris'],
      [{ ...NEW_CLIENT, accessTokenValiditySeconds: 299 }, 'accessTokenValiditySeconds'],
      [{ ...NEW_CLIENT, accessTokenValiditySeconds: 172801 }, 'accessTokenValiditySeconds'],
      [{ ...NEW_CLIENT, grantTypes: undefined }, 'grantTypes'],
      [{ ...NEW_CLIENT, unknownField: 1 }, 'unknownField'],
    ];
    for (const [body, field] of cases) {
      const res = await ops.call('POST', BASE, body);
      // A 100 KB name may hit the body limit first: still a problem, never a 500.
      if (res.status === 413) {
        expect(res.body.code).toBe('payload_too_large');
        continue;
      }
      expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status: 400, code: 'validation_failed' });
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    // Loopback http is allowed (RFC 8252).
    const loopback = await ops.call('POST', BASE, { ...NEW_CLIENT, redirectUris: ['http://127.0.0.1:8080/cb'] });
    expect(loopback.status).toBe(201);
    await ops.call('DELETE', `${BASE}/${loopback.body.id as string}`);
  });

  it('unknown provider, providers without the API, and odd client ids', async () => {
    expect((await ops.call('GET', '/v1/clients/nope')).body).toMatchObject({ code: 'provider_not_found' });
    const calcom = await ops.call('GET', '/v1/clients/calcom');
    expect(calcom.status).toBe(404);
    expect(calcom.body).toMatchObject({ code: 'capability_not_supported', provider: 'calcom' });
    expect(calcom.body.detail).toContain('calcom');
    const phonecom = await ops.call('POST', '/v1/clients/phonecom', NEW_CLIENT);
    expect(phonecom.body).toMatchObject({ code: 'capability_not_supported', provider: 'phonecom' });
    const odd = await ops.call('GET', `${BASE}/${encodeURIComponent('a b<script>')}`);
    expect(odd.status).toBe(400);
    expect(odd.body.code).toBe('validation_failed');
  });

  it('regenerate and delete by cookie without CSRF are refused', async () => {
    for (const [method, path] of [['POST', `${BASE}/0c0ffee0-0000-4000-8000-000000000002/secret`], ['DELETE', `${BASE}/0c0ffee0-0000-4000-8000-000000000002`]]) {
      const res = await fetch(`${stack.bff.url}${path}`, { method, headers: { cookie: ops.cookie } });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('csrf_rejected');
    }
    // The client is still there.
    expect((await ops.call('GET', `${BASE}/0c0ffee0-0000-4000-8000-000000000002`)).status).toBe(200);
  });

  it('upstream 429 keeps Retry-After, 5xx becomes 502, a timeout 503', async () => {
    await fault({ status: 429, retryAfterSeconds: 120 });
    const limited = await ops.call('POST', BASE, NEW_CLIENT);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('120');
    expect(limited.body).toMatchObject({ code: 'upstream_rate_limited', upstreamCode: 'too.many.requests' });

    await fault({ status: 500 });
    const failed = await ops.call('POST', BASE, NEW_CLIENT);
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'upstream_failed', upstreamStatus: 500 });

    await fault({ latencyMs: 20_000 });
    const slow = await ops.call('POST', BASE, NEW_CLIENT);
    expect(slow.status).toBe(503);
    expect(slow.body).toMatchObject({ code: 'upstream_unavailable', provider: 'genesys' });
  });
});
