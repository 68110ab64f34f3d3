import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { TokenCipher } from '../../src/tokens/token-cipher.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { signIn, USERS, type Caller } from './clients-support.js';

const BASE = '/v1/clients/generic';
const INITIAL_ACCESS_TOKEN = randomBytes(24).toString('base64url');
const CLIENT = { name: 'Partner portal', redirectUris: ['https://portal.example.com/cb'], grantTypes: ['authorization_code', 'refresh_token'] };

interface Row {
  id: string;
  upstream_client_id: string;
  registration_token_ciphertext: string;
  registration_client_uri: string;
}

/** RFC 7591 registration and RFC 7592 management against oidc-provider (registration + registrationManagement on). */
describe('clients: generic RFC 7591/7592', () => {
  let stack: LoginStack;
  let alice: Caller;

  beforeAll(async () => {
    stack = await startLoginStack(
      { LOG_LEVEL: 'error' },
      { oidcRegistrationToken: INITIAL_ACCESS_TOKEN, env: { GENERIC_REGISTRATION_TOKEN: INITIAL_ACCESS_TOKEN }, entries: { generic: { management: { initialAccessTokenEnv: 'GENERIC_REGISTRATION_TOKEN' } } } },
    );
    alice = await signIn(stack, 'generic', USERS.alice);
  }, 90_000);
  afterAll(async () => stack.close());

  const rowOf = async (clientId: string): Promise<Row | undefined> =>
    ((await stack.bff.app.get(DataSource).query(`SELECT * FROM client_applications WHERE provider = 'generic' AND upstream_client_id = $1`, [clientId])) as Row[])[0];
  const registrationToken = (row: Row) => stack.bff.app.get(TokenCipher).decrypt(row.registration_token_ciphertext, { accountId: row.id, provider: 'generic', field: 'registration' });

  it('registers, reads, updates and deletes; the registration access token is stored encrypted and never returned', async () => {
    const created = await alice.call('POST', BASE, CLIENT);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ provider: 'generic', name: 'Partner portal', redirectUris: CLIENT.redirectUris, grantTypes: ['authorization_code', 'refresh_token'] });
    const secret = created.body.secret as string;
    expect(secret).toEqual(expect.any(String));
    expect(JSON.stringify(created.body)).not.toMatch(/registration/i);

    const row = (await rowOf(id))!;
    const token = registrationToken(row);
    expect(token.length).toBeGreaterThan(10);
    expect(row.registration_token_ciphertext).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(secret);
    // Row-bound: the same ciphertext does not open for another row id.
    expect(() => stack.bff.app.get(TokenCipher).decrypt(row.registration_token_ciphertext, { accountId: '00000000-0000-4000-8000-000000000000', provider: 'generic', field: 'registration' })).toThrow();

    const read = await alice.call('GET', `${BASE}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, name: 'Partner portal', source: 'upstream' });
    expect(JSON.stringify(read.body)).not.toContain(secret);

    const listed = await alice.call('GET', BASE);
    expect(listed.body).toMatchObject({ source: 'bff-registry', items: [expect.objectContaining({ id, name: 'Partner portal' })] });

    const updated = await alice.call('PUT', `${BASE}/${id}`, { ...CLIENT, name: 'Partner portal 2', redirectUris: ['https://portal.example.com/cb2'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Partner portal 2', redirectUris: ['https://portal.example.com/cb2'] });
    // The next read (after invalidation) sees the change through RFC 7592, with whatever token the server now expects.
    expect((await alice.call('GET', `${BASE}/${id}`)).body).toMatchObject({ name: 'Partner portal 2' });

    expect((await alice.call('POST', `${BASE}/${id}/secret`)).body).toMatchObject({ code: 'capability_not_supported', provider: 'generic' });

    expect((await alice.call('DELETE', `${BASE}/${id}`)).status).toBe(204);
    expect(await rowOf(id)).toBeUndefined();
    expect((await alice.call('GET', `${BASE}/${id}`)).body).toMatchObject({ code: 'client_not_found' });
  });

  it('a failed delete leaves the registry row', async () => {
    const created = await alice.call('POST', BASE, CLIENT);
    const id = created.body.id as string;
    const row = (await rowOf(id))!;
    // Delete it behind the BFF's back: the stored registration access token stops working.
    const direct = await fetch(row.registration_client_uri, { method: 'DELETE', headers: { authorization: `Bearer ${registrationToken(row)}` } });
    expect(direct.status).toBe(204);

    const res = await alice.call('DELETE', `${BASE}/${id}`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'upstream_unauthorized', provider: 'generic' });
    expect(await rowOf(id)).toBeDefined();
  });

  it('refuses a bad registration without recording anything', async () => {
    const before = (await stack.bff.app.get(DataSource).query(`SELECT count(*)::int AS n FROM client_applications`)) as { n: number }[];
    const res = await alice.call('POST', BASE, { ...CLIENT, redirectUris: ['https://portal.example.com/cb#fragment'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const after = (await stack.bff.app.get(DataSource).query(`SELECT count(*)::int AS n FROM client_applications`)) as { n: number }[];
    expect(after[0].n).toBe(before[0].n);
  });
});
