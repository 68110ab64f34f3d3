import {
  api, CODE_CLIENT, control, expectPlatformError, serviceToken, startGenesysSandbox, tokenRequest, USERS, userTokens,
  type GenesysSandbox,
} from './helpers/genesys-fixture.js';

// Genesys Cloud API host (`/genesys/api`): contract tests with exact shapes from UPSTREAMS.md.
let sandbox: GenesysSandbox;
const tokens: Record<keyof typeof USERS, string> = { alice: '', bob: '', ops: '', noperms: '' };

beforeAll(async () => {
  sandbox = await startGenesysSandbox();
});
beforeEach(async () => {
  await control(sandbox, 'POST', '/reset');
  for (const name of Object.keys(USERS) as (keyof typeof USERS)[]) tokens[name] = (await userTokens(sandbox, USERS[name])).access_token;
});
afterAll(async () => {
  await sandbox?.close();
});

const CLIENTS = '/api/v2/oauth/clients';
const validRequest = { name: 'Reporting app', authorizedGrantType: 'CLIENT-CREDENTIALS', description: 'nightly export', roleIds: ['role-1'] };

describe('Genesys API: authentication and errors', () => {
  it('answers a missing token with authentication.required and an unknown one with bad.credentials', async () => {
    const missing = await api(sandbox, undefined, 'GET', '/api/v2/users/me');
    expect(missing.status).toBe(401);
    expectPlatformError(await missing.json(), 401, 'authentication.required');
    const unknown = await api(sandbox, 'not-a-token', 'GET', '/api/v2/users/me');
    expect(unknown.status).toBe(401);
    expectPlatformError(await unknown.json(), 401, 'bad.credentials');
  });

  it('answers an unknown path with not.found and a client-credentials call to users/me with bad.request', async () => {
    const unknown = await api(sandbox, tokens.ops, 'GET', '/api/v2/nothing');
    expect(unknown.status).toBe(404);
    expectPlatformError(await unknown.json(), 404, 'not.found');
    const service = await api(sandbox, await serviceToken(sandbox), 'GET', '/api/v2/users/me');
    expect(service.status).toBe(400);
    expectPlatformError(await service.json(), 400, 'bad.request');
  });

  it('answers an injected API fault in the platform error shape', async () => {
    await control(sandbox, 'POST', '/faults', { provider: 'genesys', route: 'api', status: 503, times: 1 });
    const response = await api(sandbox, tokens.ops, 'GET', CLIENTS);
    expect(response.status).toBe(503);
    expectPlatformError(await response.json(), 503, 'service.unavailable');
  });
});

describe('Genesys API: OAuth clients', () => {
  it('lists clients in the entity listing shape', async () => {
    const response = await api(sandbox, tokens.bob, 'GET', CLIENTS);
    expect(response.status).toBe(200);
    const listing = (await response.json()) as { entities: { id: string }[]; total: number };
    expect(listing).toEqual({
      entities: expect.any(Array), pageSize: 25, pageNumber: 1, total: 3, pageCount: 1,
      firstUri: `${CLIENTS}?pageSize=25&pageNumber=1`, lastUri: `${CLIENTS}?pageSize=25&pageNumber=1`, selfUri: `${CLIENTS}?pageSize=25&pageNumber=1`,
    });
    expect(listing.entities.map((c) => c.id)).toContain(CODE_CLIENT.id);
  });

  it('enforces the permission table with missing.permissions', async () => {
    const cases: [string, string, string, unknown?][] = [
      [tokens.noperms, 'GET', CLIENTS],
      [tokens.bob, 'POST', CLIENTS, validRequest],
      [tokens.bob, 'PUT', `${CLIENTS}/${CODE_CLIENT.id}`, validRequest],
      [tokens.bob, 'DELETE', `${CLIENTS}/${CODE_CLIENT.id}`],
      [tokens.bob, 'GET', '/api/v2/oauth/authorizations'],
      [tokens.noperms, 'GET', `${CLIENTS}/${CODE_CLIENT.id}/usage/summary`],
    ];
    for (const [token, method, path, body] of cases) {
      const response = await api(sandbox, token, method, path, { body });
      expect([method, path, response.status]).toEqual([method, path, 403]);
      expectPlatformError(await response.json(), 403, 'missing.permissions');
    }
  });

  it('validates OAuthClientRequest and reports each bad field in details', async () => {
    const response = await api(sandbox, tokens.ops, 'POST', CLIENTS, {
      body: { authorizedGrantType: 'IMPLICIT', accessTokenValiditySeconds: 299, state: 'deleted' },
    });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { details: { fieldName: string }[] };
    expectPlatformError(error, 400, 'bad.request');
    expect(error.details.map((d) => d.fieldName).sort()).toEqual(['accessTokenValiditySeconds', 'authorizedGrantType', 'name', 'state']);
    const tooLong = await api(sandbox, tokens.ops, 'POST', CLIENTS, { body: { ...validRequest, accessTokenValiditySeconds: 172801 } });
    expect(tooLong.status).toBe(400);
  });

  it('creates, reads, updates, regenerates the secret of and deletes a client', async () => {
    const created = await api(sandbox, tokens.ops, 'POST', CLIENTS, { body: validRequest });
    expect(created.status).toBe(200);
    const client = (await created.json()) as Record<string, unknown> & { id: string; secret: string };
    expect(client).toEqual({
      ...validRequest, id: expect.stringMatching(/^[0-9a-f-]{36}$/), secret: expect.any(String), accessTokenValiditySeconds: 86400,
      registeredRedirectUri: [], scope: [], roleDivisions: [], state: 'active', dateCreated: expect.any(String), dateModified: expect.any(String),
      createdBy: expect.objectContaining({ id: expect.any(String), selfUri: expect.any(String) }), modifiedBy: expect.any(Object),
      selfUri: `${CLIENTS}/${client.id}`,
    });

    const read = await api(sandbox, tokens.bob, 'GET', `${CLIENTS}/${client.id}`);
    expect(await read.json()).toEqual(client);

    const updated = await api(sandbox, tokens.ops, 'PUT', `${CLIENTS}/${client.id}`, { body: { ...validRequest, name: 'Renamed', accessTokenValiditySeconds: 600 } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: client.id, name: 'Renamed', accessTokenValiditySeconds: 600, secret: client.secret });

    // The new client works at the token endpoint with its own validity, until its secret is regenerated.
    const issued = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, { id: client.id, secret: client.secret });
    expect(await issued.json()).toMatchObject({ expires_in: 600 });
    const regenerated = (await (await api(sandbox, tokens.ops, 'POST', `${CLIENTS}/${client.id}/secret`)).json()) as { secret: string };
    expect(regenerated.secret).not.toBe(client.secret);
    expect((await tokenRequest(sandbox, { grant_type: 'client_credentials' }, { id: client.id, secret: client.secret })).status).toBe(401);
    expect((await tokenRequest(sandbox, { grant_type: 'client_credentials' }, { id: client.id, secret: regenerated.secret })).status).toBe(200);

    const deleted = await api(sandbox, tokens.ops, 'DELETE', `${CLIENTS}/${client.id}`);
    expect(deleted.status).toBe(204);
    const gone = await api(sandbox, tokens.ops, 'GET', `${CLIENTS}/${client.id}`);
    expect(gone.status).toBe(404);
    expectPlatformError(await gone.json(), 404, 'not.found');
  });

  it('answers not.found for unknown clients on every client operation', async () => {
    for (const [method, path] of [['GET', ''], ['PUT', ''], ['DELETE', ''], ['POST', '/secret']]) {
      const response = await api(sandbox, tokens.ops, method, `${CLIENTS}/unknown-client${path}`, { body: method === 'PUT' ? validRequest : undefined });
      expect([method, response.status]).toEqual([method, 404]);
      expectPlatformError(await response.json(), 404, 'not.found');
    }
  });
});

describe('Genesys API: scopes and authorizations', () => {
  it('localizes scope descriptions by Accept-Language (en-us default, de-de, fr-fr)', async () => {
    const english = (await (await api(sandbox, tokens.noperms, 'GET', '/api/v2/oauth/scopes')).json()) as { total: number; entities: { id: string; description: string }[] };
    expect(english).toEqual({ total: english.entities.length, entities: expect.any(Array), selfUri: '/api/v2/oauth/scopes' });
    expect(english.entities.find((s) => s.id === 'users:readonly')).toEqual({ id: 'users:readonly', description: 'View users', selfUri: '/api/v2/oauth/scopes/users%3Areadonly' });
    const german = await api(sandbox, tokens.noperms, 'GET', '/api/v2/oauth/scopes/users:readonly', { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(german.headers.get('content-language')).toBe('de-de');
    expect(await german.json()).toMatchObject({ id: 'users:readonly', description: 'Benutzer anzeigen' });
    const french = await api(sandbox, tokens.noperms, 'GET', '/api/v2/oauth/scopes/users:readonly', { headers: { 'accept-language': 'fr-fr' } });
    expect(await french.json()).toMatchObject({ description: 'Afficher les utilisateurs' });
    const unknown = await api(sandbox, tokens.noperms, 'GET', '/api/v2/oauth/scopes/not-a-scope');
    expect(unknown.status).toBe(404);
  });

  it("lists the resource owner's authorized clients and reads one", async () => {
    const listing = (await (await api(sandbox, tokens.alice, 'GET', '/api/v2/oauth/authorizations')).json()) as { total: number; entities: unknown[] };
    expect(listing.total).toBe(1);
    expect(listing.entities[0]).toMatchObject({
      client: { id: CODE_CLIENT.id, name: 'Sandbox tests (Genesys Cloud)' }, scope: expect.any(Array), roles: [], pending: false, state: 'Authorized',
      resourceOwner: { name: 'Alice Example' }, selfUri: `/api/v2/oauth/authorizations/${CODE_CLIENT.id}`,
    });
    const one = await api(sandbox, tokens.alice, 'GET', `/api/v2/oauth/authorizations/${CODE_CLIENT.id}`);
    expect(await one.json()).toEqual(listing.entities[0]);
    const none = await api(sandbox, tokens.alice, 'GET', '/api/v2/oauth/authorizations/unknown-client');
    expect(none.status).toBe(404);
  });
});

describe('Genesys API: usage queries', () => {
  const usage = `${CLIENTS}/${CODE_CLIENT.id}/usage`;

  it('runs a query asynchronously: Running first, then Complete with counts from real calls', async () => {
    // One Running poll by count, not by time: a loaded machine can outlive any running window.
    expect((await control(sandbox, 'PUT', '/lifetimes/genesys', { usageQueryRunningPolls: 1 })).status).toBe(200);
    await api(sandbox, tokens.ops, 'GET', CLIENTS);
    await api(sandbox, tokens.noperms, 'GET', CLIENTS);
    const interval = `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(Date.now() + 3_600_000).toISOString()}`;
    const started = await api(sandbox, tokens.ops, 'POST', `${usage}/query`, { body: { interval, groupBy: ['TemplateUri', 'HttpMethod'], metrics: ['Status200', 'Status400', 'Requests'] } });
    expect(started.status).toBe(202);
    const execution = (await started.json()) as { executionId: string; resultsUri: string };
    expect(execution).toEqual({ executionId: expect.any(String), resultsUri: `${usage}/query/results/${execution.executionId}` });

    const running = await api(sandbox, tokens.ops, 'GET', execution.resultsUri);
    expect(await running.json()).toEqual({ queryStatus: 'Running' });
    const complete = (await (await api(sandbox, tokens.ops, 'GET', execution.resultsUri)).json()) as { queryStatus: string; results: Record<string, unknown>[] };
    expect(complete.queryStatus).toBe('Complete');
    const listCalls = complete.results.find((r) => r.templateUri === 'api/v2/oauth/clients' && r.httpMethod === 'GET');
    // ops succeeded (200), noperms was refused (403): both are requests of the test client.
    expect(listCalls).toEqual({ templateUri: 'api/v2/oauth/clients', httpMethod: 'GET', status200: 1, status400: 1, requests: 2, date: expect.any(String) });
  });

  it('starts a summary with days as a string and rejects a bad days value', async () => {
    const summary = await api(sandbox, tokens.bob, 'GET', `${usage}/summary?days=7`);
    expect(summary.status).toBe(202);
    expect(await summary.json()).toEqual({ executionId: expect.any(String), resultsUri: expect.stringContaining(`${usage}/query/results/`) });
    const bad = await api(sandbox, tokens.bob, 'GET', `${usage}/summary?days=seven`);
    expect(bad.status).toBe(400);
    expectPlatformError(await bad.json(), 400, 'bad.request');
  });

  it('rejects an invalid query and answers not.found for an unknown execution', async () => {
    const invalid = await api(sandbox, tokens.ops, 'POST', `${usage}/query`, { body: { interval: 'yesterday', granularity: 'Hour' } });
    expect(invalid.status).toBe(400);
    const error = (await invalid.json()) as { details: { fieldName: string }[] };
    expect(error.details.map((d) => d.fieldName).sort()).toEqual(['granularity', 'interval']);
    const unknown = await api(sandbox, tokens.ops, 'GET', `${usage}/query/results/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expectPlatformError(await unknown.json(), 404, 'not.found');
  });

  it('answers Running for a configured number of polls, then Complete with cursors, or Failed when told', async () => {
    expect((await control(sandbox, 'PUT', '/lifetimes/genesys', { usageQueryRunningPolls: 2 })).status).toBe(200);
    const interval = `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(Date.now() + 3_600_000).toISOString()}`;
    const start = async () => ((await (await api(sandbox, tokens.ops, 'POST', `${usage}/query`, { body: { interval } })).json()) as { resultsUri: string }).resultsUri;
    const poll = async (uri: string) => (await (await api(sandbox, tokens.ops, 'GET', uri)).json()) as { queryStatus: string; cursors?: { before: string; after: string } };
    const first = await start();
    expect([(await poll(first)).queryStatus, (await poll(first)).queryStatus]).toEqual(['Running', 'Running']);
    const complete = await poll(first);
    expect(complete.queryStatus).toBe('Complete');
    expect(complete.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });

    expect((await control(sandbox, 'PUT', '/lifetimes/genesys', { usageQueryRunningPolls: 0, usageQueryFails: true })).status).toBe(200);
    const failing = await start();
    expect(await poll(failing)).toEqual({ results: [], queryStatus: 'Failed' });
    await control(sandbox, 'PUT', '/lifetimes/genesys', { usageQueryFails: false });
  });
});
