import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getJson, sendJson, startHarness, type Harness } from './sandbox-harness.js';

/** BlueJeans tokenInfo, revoke, the protected user resources and developer applications. */
const CLIENT_ID = 'bluejeans-test-client-0000000002';
const CLIENT_SECRET = 'bluejeans-test-secret';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function passwordToken(username = 'alice'): Promise<string> {
  const res = await sendJson('POST', `${h.url}/bluejeans/oauth2/token?Password`, { grant_type: 'password', username, password: `${username}-password` });
  return res.body.access_token;
}

describe('BlueJeans tokenInfo and revoke', () => {
  it('tokenInfo answers {user} for ?access_token= and for Bearer, 401 otherwise', async () => {
    const at = await passwordToken();
    expect(await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=${at}`)).toMatchObject({ status: 200, body: { user: 1001 } });
    const bearer = await getJson(`${h.url}/bluejeans/oauth2/tokenInfo`, { headers: { authorization: `Bearer ${at}` } });
    expect(bearer.body).toEqual({ user: 1001 });
    expect((await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=nope`)).status).toBe(401);
  });

  it('tokenInfo refuses an expired token', async () => {
    const at = await passwordToken();
    h.advance(3601_000);
    expect((await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=${at}`)).status).toBe(401);
  });

  it('revoke: 204, then 400 when already revoked or unknown; 401 for a wrong secret', async () => {
    const at = await passwordToken();
    const revoke = (t: string, secret = CLIENT_SECRET) =>
      sendJson('DELETE', `${h.url}/bluejeans/oauth2/token?Revoke&access_token=${t}`, { client_id: CLIENT_ID, client_secret: secret });
    expect((await revoke(at, 'wrong')).status).toBe(401);
    expect((await revoke(at)).status).toBe(204);
    expect(await revoke(at)).toMatchObject({ status: 400, body: { message: expect.any(String) } });
    expect((await revoke('unknown')).status).toBe(400);
    expect((await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=${at}`)).status).toBe(401);
  });
});

describe('BlueJeans protected resources', () => {
  it('a user token reads only its own user', async () => {
    const at = await passwordToken('bob');
    expect((await getJson(`${h.url}/bluejeans/v1/user/1002?access_token=${at}`)).body).toMatchObject({ id: 1002, username: 'bob' });
    expect(await getJson(`${h.url}/bluejeans/v1/user/1001?access_token=${at}`)).toMatchObject({ status: 403, body: { message: expect.any(String) } });
    expect((await getJson(`${h.url}/bluejeans/v1/user/1002`)).status).toBe(401);
  });

  it('an enterprise token reads any user; unknown users are 404', async () => {
    const cc = await sendJson('POST', `${h.url}/bluejeans/oauth2/token?Client`, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    const auth = { headers: { authorization: `Bearer ${cc.body.access_token}` } };
    expect((await getJson(`${h.url}/bluejeans/v1/user/1003`, auth)).status).toBe(200);
    expect((await getJson(`${h.url}/bluejeans/v1/user/999999`, auth)).status).toBe(404);
  });

  it('scheduled_meeting returns about 1 KB of JSON (the relay benchmark payload)', async () => {
    const at = await passwordToken();
    const res = await fetch(`${h.url}/bluejeans/v1/user/1001/scheduled_meeting?access_token=${at}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length).toBeGreaterThan(900);
    expect(text.length).toBeLessThan(1400);
    expect(JSON.parse(text)[0]).toMatchObject({ id: expect.any(Number), title: expect.any(String), numericMeetingId: expect.any(String) });
  });
});

describe('BlueJeans developer applications', () => {
  it('creates (201, secret revealed), updates (200, no secret) and regenerates the secret', async () => {
    const at = await passwordToken();
    const base = `${h.url}/bluejeans/v1/user/1001/developer_applications`;
    const created = await sendJson('POST', `${base}?access_token=${at}`, { appName: 'My app', description: 'd', appLogoUrl: '', redirectUrls: ['http://127.0.0.1/app-cb'] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      appName: 'My app', description: 'd', appLogoUrl: '', redirectUrls: ['http://127.0.0.1/app-cb'],
      clientId: expect.stringMatching(/^[0-9a-f]{32}$/), clientSecret: expect.any(String),
    });
    const { clientId, clientSecret } = created.body;

    const updated = await sendJson('PUT', `${base}/${clientId}?access_token=${at}`, { appName: 'Renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ appName: 'Renamed', clientId, redirectUrls: ['http://127.0.0.1/app-cb'] });
    expect(updated.body.clientSecret).toBeUndefined();

    const cc = (secret: string) => sendJson('POST', `${h.url}/bluejeans/oauth2/token`, { grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
    const regenerated = await sendJson('PUT', `${base}/${clientId}/secret?access_token=${at}`, undefined);
    expect(regenerated).toMatchObject({ status: 200, body: { clientId, clientSecret: expect.any(String) } });
    expect(regenerated.body.clientSecret).not.toBe(clientSecret);
    expect((await cc(clientSecret)).status).toBe(401);
  });

  it('rejects a missing appName with 400 and another user\'s app with 404', async () => {
    const alice = await passwordToken();
    const bob = await passwordToken('bob');
    expect(await sendJson('POST', `${h.url}/bluejeans/v1/user/1001/developer_applications?access_token=${alice}`, { description: 'x' }))
      .toMatchObject({ status: 400, body: { message: 'appName is required' } });
    const seeded = `${h.url}/bluejeans/v1/user/1002/developer_applications/${CLIENT_ID}?access_token=${bob}`;
    expect((await sendJson('PUT', seeded, { appName: 'x' })).status).toBe(404);
  });
});
