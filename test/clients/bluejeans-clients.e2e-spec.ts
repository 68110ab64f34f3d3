import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { signIn, USERS, type Caller } from './clients-support.js';

const BASE = '/v1/clients/bluejeans';
const APP = { name: 'Meeting bot', description: 'Joins stand-ups', redirectUris: ['https://bot.example.com/cb'], providerFields: { bluejeans: { appLogoUrl: 'https://bot.example.com/logo.png' } } };

/** BlueJeans developer applications: upstream create/update/regenerate, list and read from the BFF registry. */
describe('clients: BlueJeans', () => {
  let stack: LoginStack;
  let bob: Caller;
  let alice: Caller;

  beforeAll(async () => {
    // Developer applications need the modify_user_info scope in the sandbox.
    stack = await startLoginStack({ LOG_LEVEL: 'error' }, { entries: { bluejeans: { scopes: ['user_info', 'modify_user_info'] } } });
    bob = await signIn(stack, 'bluejeans', USERS.bob);
    alice = await signIn(stack, 'bluejeans', USERS.alice);
  }, 90_000);
  afterAll(async () => stack.close());

  const rows = async (): Promise<{ upstream_client_id: string; name: string; facts: unknown }[]> =>
    stack.bff.app.get(DataSource).query(`SELECT upstream_client_id, name, facts FROM client_applications WHERE provider = 'bluejeans' ORDER BY created_at`);

  it('creates, updates, lists from the registry and regenerates', async () => {
    const created = await bob.call('POST', BASE, APP);
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body).toMatchObject({ name: 'Meeting bot', redirectUris: APP.redirectUris, source: 'bff-registry', providerFields: { bluejeans: { ownerUserId: '1002', appLogoUrl: APP.providerFields.bluejeans.appLogoUrl } } });
    const secret = created.body.secret as string;
    expect(secret).toEqual(expect.any(String));
    // The sandbox now knows the client with that secret (it is a real client upstream).
    expect(stack.sandbox.findClient('bluejeans', id)?.clientSecret).toBe(secret);

    const updated = await bob.call('PUT', `${BASE}/${id}`, { ...APP, name: 'Meeting bot v2', redirectUris: ['https://bot.example.com/cb2'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Meeting bot v2', redirectUris: ['https://bot.example.com/cb2'], source: 'bff-registry' });

    const listed = await bob.call('GET', BASE);
    expect(listed.status).toBe(200);
    expect(listed.body.source).toBe('bff-registry');
    expect(listed.body.items).toEqual([expect.objectContaining({ id, name: 'Meeting bot v2', source: 'bff-registry' })]);
    expect(listed.body.page).toMatchObject({ number: 1, total: 1, hasNext: false });
    const read = await bob.call('GET', `${BASE}/${id}`);
    expect(read.body).toMatchObject({ id, name: 'Meeting bot v2', redirectUris: ['https://bot.example.com/cb2'] });
    expect(read.body).not.toHaveProperty('secret');

    const regenerated = await bob.call('POST', `${BASE}/${id}/secret`);
    expect(regenerated.status).toBe(200);
    expect(regenerated.body).toMatchObject({ id, name: 'Meeting bot v2' });
    expect(regenerated.body.secret).not.toBe(secret);
    expect(stack.sandbox.findClient('bluejeans', id)?.clientSecret).toBe(regenerated.body.secret);

    // The registry row has the name, never a secret.
    const stored = JSON.stringify(await rows());
    expect(stored).toContain('Meeting bot v2');
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(regenerated.body.secret as string);

    // Another user neither sees nor touches it; BlueJeans has no delete.
    expect((await alice.call('GET', BASE)).body.items).toEqual([]);
    expect((await alice.call('GET', `${BASE}/${id}`)).body).toMatchObject({ code: 'client_not_found' });
    expect((await alice.call('POST', `${BASE}/${id}/secret`)).status).toBe(404);
    expect((await bob.call('DELETE', `${BASE}/${id}`)).body).toMatchObject({ code: 'capability_not_supported', provider: 'bluejeans' });
  });

  it('a failed create leaves no registry row; upstream errors are problems', async () => {
    const before = (await rows()).length;
    const armed = await fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'bluejeans', route: 'applications', status: 500, times: 1 }) });
    expect(armed.status).toBe(201);
    const failed = await bob.call('POST', BASE, APP);
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ code: 'upstream_failed', provider: 'bluejeans' });
    expect((await rows()).length).toBe(before);

    // A javascript: logo URL is refused before any upstream call, and nothing is recorded.
    const badLogo = await bob.call('POST', BASE, { ...APP, redirectUris: ['https://ok.example.com/cb'], providerFields: { bluejeans: { appLogoUrl: 'javascript:alert(1)' } } });
    expect(badLogo.status).toBe(400);
    expect(badLogo.body.code).toBe('validation_failed');
    expect((await rows()).length).toBe(before);
  });

  it('scopes and authorizations are not offered by BlueJeans', async () => {
    const res = await bob.call('GET', `${BASE}/scopes`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'capability_not_supported', provider: 'bluejeans' });
  });
});
