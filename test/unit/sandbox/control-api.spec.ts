import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getJson, sendJson, startHarness, type Harness } from './sandbox-harness.js';

/** `/_control`: reset, lifetimes, each fault kind and the per-client counters. */
const BJ = { client_id: 'bluejeans-test-client-0000000002', client_secret: 'bluejeans-test-secret' };
const PC = { client_id: 'phonecom-test-client', client_secret: 'phonecom-test-secret' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  expect((await fetch(`${h.url}/_control/reset`, { method: 'POST' })).status).toBe(204);
});

const clientGrant = () => sendJson('POST', `${h.url}/bluejeans/oauth2/token?Client`, { grant_type: 'client_credentials', ...BJ });
const arm = (fault: Record<string, unknown>) => sendJson('POST', `${h.url}/_control/faults`, fault);

describe('control API', () => {
  it('sets token lifetimes per provider, and reset restores the defaults', async () => {
    const set = await sendJson('PUT', `${h.url}/_control/lifetimes/bluejeans`, { accessTokenSeconds: 5, refreshTokenSeconds: 10, codeSeconds: 2 });
    expect(set.body).toEqual({ accessTokenSeconds: 5, refreshTokenSeconds: 10, codeSeconds: 2 });
    expect((await clientGrant()).body.expires_in).toBe(5);
    await fetch(`${h.url}/_control/reset`, { method: 'POST' });
    expect((await clientGrant()).body.expires_in).toBe(3600);
  });

  it('rejects bad lifetimes and unknown providers with 400 JSON', async () => {
    expect(await sendJson('PUT', `${h.url}/_control/lifetimes/bluejeans`, { accessTokenSeconds: -1 })).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect((await sendJson('PUT', `${h.url}/_control/lifetimes/bluejeans`, {})).status).toBe(400);
    expect((await sendJson('PUT', `${h.url}/_control/lifetimes/nowhere`, { codeSeconds: 1 })).status).toBe(400);
    expect((await sendJson('PUT', `${h.url}/_control/lifetimes/bluejeans`, { codeSeconds: 1, extra: true })).status).toBe(400);
  });

  it('injects 429 with Retry-After in the provider\'s error shape, for `times` calls only', async () => {
    expect((await arm({ provider: 'bluejeans', route: 'token', status: 429, retryAfterSeconds: 7, times: 1 })).status).toBe(201);
    const limited = await clientGrant();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual({ message: expect.any(String) });
    expect((await clientGrant()).status).toBe(200);
  });

  it('injects a 5xx until cleared', async () => {
    await arm({ provider: 'phonecom', route: 'token', status: 503 });
    const res = () => sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'client_credentials', ...PC });
    expect((await res()).status).toBe(503);
    expect((await res()).body).toMatchObject({ '@error': { '@httpStatusCode': 503 } });
    expect(await getJson(`${h.url}/_control/faults`)).toMatchObject({ body: { faults: [{ provider: 'phonecom', route: 'token', status: 503 }] } });
    expect((await fetch(`${h.url}/_control/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await res()).status).toBe(201);
  });

  it('injects latency', async () => {
    await arm({ provider: 'bluejeans', route: 'token', latencyMs: 300, times: 1 });
    const started = Date.now();
    expect((await clientGrant()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('drops the connection', async () => {
    await arm({ provider: 'bluejeans', route: '*', drop: true, times: 1 });
    await expect(clientGrant()).rejects.toThrow();
    expect((await clientGrant()).status).toBe(200);
  });

  it('answers invalid_grant on refresh in the provider\'s own shape', async () => {
    await arm({ provider: 'calcom', route: 'refresh', invalidGrant: true, times: 1 });
    const res = await sendJson('POST', `${h.url}/calcom/v2/oauth/calcom-test-client/refresh`, { refreshToken: 'x' }, { 'x-cal-secret-key': 'calcom-test-secret' });
    expect(res).toMatchObject({ status: 400, body: { status: 'error', error: { message: 'Invalid refresh token' } } });
    await arm({ provider: 'phonecom', route: 'refresh', invalidGrant: true, times: 1 });
    const password = await sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'password', ...PC, username: 'alice', password: 'alice-password' });
    const refresh = () => sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'refresh_token', ...PC, refresh_token: password.body.refresh_token });
    expect(await refresh()).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
    expect((await refresh()).status).toBe(201);
  });

  it('validates fault input', async () => {
    expect(await arm({ provider: 'bluejeans', route: 'token' })).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect((await arm({ provider: 'nope', route: 'token', status: 500 })).status).toBe(400);
    expect((await arm({ provider: 'bluejeans', route: 'token', status: 200 })).status).toBe(400);
    const malformed = await fetch(`${h.url}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
  });

  it('counts token, refresh and revoke calls per provider and client', async () => {
    const grant = await sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'password', ...PC, username: 'alice', password: 'alice-password' });
    await sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'refresh_token', ...PC, refresh_token: grant.body.refresh_token });
    const cc = await clientGrant();
    await sendJson('DELETE', `${h.url}/bluejeans/oauth2/token?Revoke&access_token=${cc.body.access_token}`, BJ);
    const counters = await getJson(`${h.url}/_control/counters`);
    expect(counters.body).toEqual({
      phonecom: { 'phonecom-test-client': { token: 1, refresh: 1 } },
      bluejeans: { [BJ.client_id]: { client_credentials: 1, revoke: 1 } },
    });
    await fetch(`${h.url}/_control/reset`, { method: 'POST' });
    expect((await getJson(`${h.url}/_control/counters`)).body).toEqual({});
  });

  it('reset forgets issued tokens', async () => {
    const cc = await clientGrant();
    await fetch(`${h.url}/_control/reset`, { method: 'POST' });
    expect((await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=${cc.body.access_token}`)).status).toBe(401);
  });
});
