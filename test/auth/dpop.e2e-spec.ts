import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import type { LinkedAccountEntity } from '../../src/tokens/linked-account.entity.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { accessTokenHash, ONCE_NONCE, startFakeDpopProvider, type FakeDpopProvider } from '../support/fake-dpop-provider.js';
import { OIDC_CLIENT, startOidcStandardsStack, type OidcStandardsStack } from '../support/oidc-standards-stack.js';

// DPoP-bound upstream tokens (RFC 9449) end to end: oidc-provider with its dPoP feature on
// and server nonces required on every proof (token endpoint and userinfo), the BFF on real
// Postgres and Redis. A login, a refresh and relayed calls work with the bound token, and
// the same token without a proof is refused by the provider. A fake provider covers what
// oidc-provider will not do: refuse valid proofs, and demand a new nonce on every call.

const SESSION = '__Host-bff_session';
const basic = `Basic ${Buffer.from(`${OIDC_CLIENT.clientId}:${OIDC_CLIENT.secret}`).toString('base64')}`;

describe('DPoP-bound upstream tokens', () => {
  let stack: OidcStandardsStack;
  let fake: FakeDpopProvider;
  let metadata: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeDpopProvider();
    stack = await startOidcStandardsStack({
      oidc: { dpop: true },
      dpopRequireNonce: true,
      // No in-memory token cache: a test that moves a row's expiry sees it at once.
      overrides: { TOKEN_CACHE_MAX_AGE_SECONDS: '0' },
      extraProviders: [
        { id: 'fake', displayName: 'Refuses proofs on refresh', endpoints: { issuer: fake.rejectsRefresh }, scopes: ['profile'], relay: { allow: [{ methods: ['GET', 'POST'], path: '/nonce-once' }, { methods: ['GET'], path: '/nonce-loop' }, { methods: ['GET'], path: '/refuses-proof' }] } },
        { id: 'fake-refusing', displayName: 'Refuses every proof', endpoints: { issuer: fake.rejectsAll }, scopes: ['profile'] },
        { id: 'fake-nonce-loop', displayName: 'Demands nonces forever', endpoints: { issuer: fake.nonceLoop }, scopes: ['profile'] },
      ],
    });
    metadata = (await (await fetch(`${stack.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  const bff = (path: string) => `${stack.bff.url}${path}`;
  const accounts = () => stack.bff.app.get(LinkedAccountsService);

  async function loggedIn(username: string, provider = OIDC_CLIENT.id): Promise<{ browser: ManualBrowser; cookie: string }> {
    const browser = new ManualBrowser();
    const done = await browserLogin(browser, stack.bff.url, provider, { username, password: 'any' }, '/app');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/app');
    return { browser, cookie: `${SESSION}=${browser.cookie(SESSION)!}` };
  }

  async function link(provider: string, subject: string): Promise<LinkedAccountEntity> {
    const row = await accounts().findBySubject(provider, subject);
    expect(row).not.toBeNull();
    return row!;
  }

  async function introspect(token: string): Promise<Record<string, unknown>> {
    const res = await fetch(metadata.introspection_endpoint, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
    return (await res.json()) as Record<string, unknown>;
  }

  async function expire(provider: string, subject: string): Promise<void> {
    await stack.bff.app.get(DataSource).query(`UPDATE linked_accounts SET access_expires_at = now() - interval '1 minute' WHERE provider = $1 AND subject = $2`, [provider, subject]);
  }

  it('the provider list says DPoP is used where it is enabled and advertised', async () => {
    await (await fetch(bff(`/v1/auth/${OIDC_CLIENT.id}/login`), { redirect: 'manual' })).text(); // resolves discovery
    const list = (await (await fetch(bff('/v1/auth/providers'))).json()) as { id: string; capabilities: Record<string, boolean> }[];
    expect(list.find((p) => p.id === OIDC_CLIENT.id)?.capabilities).toMatchObject({ dpop: true, par: false });
  });

  it('login: the tokens are DPoP-bound to the link key, which is stored sealed', async () => {
    await loggedIn('dora');
    const row = await link(OIDC_CLIENT.id, 'dora');
    expect(row.dpopKeyCiphertext).toMatch(/^v1\.[^.]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(row.dpopKeyCiphertext).not.toContain('"d"');
    expect(row.keyId).toBe(row.dpopKeyCiphertext!.split('.')[1]);
    const key = (await accounts().readDpopKey(row))!;
    const { accessToken } = accounts().readTokens(row);
    expect(await introspect(accessToken)).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: await key.thumbprint() } });
  });

  it('a relayed call with the bound token succeeds; the same token without a proof is refused by the provider', async () => {
    const { cookie } = await loggedIn('erin');
    const relayed = await fetch(bff(`/v1/api/${OIDC_CLIENT.id}/me`), { headers: { cookie } });
    expect(relayed.status).toBe(200);
    expect(await relayed.json()).toMatchObject({ sub: 'erin' });
    expect(relayed.headers.get('dpop-nonce')).toBeNull();

    const { accessToken } = accounts().readTokens(await link(OIDC_CLIENT.id, 'erin'));
    // As a bearer token (what a thief without the key would do): refused as an invalid token.
    const asBearer = await fetch(metadata.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(asBearer.status).toBe(401);
    expect(await asBearer.json()).toMatchObject({ error: 'invalid_token' });
    // With the DPoP scheme but no proof: refused as a malformed request.
    const noProof = await fetch(metadata.userinfo_endpoint, { headers: { authorization: `DPoP ${accessToken}` } });
    expect(noProof.status).toBe(400);
    expect(await noProof.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refresh: an expired bound token is refreshed with a proof of the same key, and the new token is bound to it', async () => {
    const { cookie } = await loggedIn('finn');
    const before = await link(OIDC_CLIENT.id, 'finn');
    const old = accounts().readTokens(before);
    const thumbprint = await (await accounts().readDpopKey(before))!.thumbprint();
    await expire(OIDC_CLIENT.id, 'finn');

    const relayed = await fetch(bff(`/v1/api/${OIDC_CLIENT.id}/me`), { headers: { cookie } });
    expect(relayed.status).toBe(200);
    expect(await relayed.json()).toMatchObject({ sub: 'finn' });
    const after = await link(OIDC_CLIENT.id, 'finn');
    const renewed = accounts().readTokens(after);
    expect(renewed.accessToken).not.toBe(old.accessToken);
    expect(after.accessExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await (await accounts().readDpopKey(after))!.thumbprint()).toBe(thumbprint);
    expect(await introspect(renewed.accessToken)).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: thumbprint } });
  });

  describe('a provider that misbehaves', () => {
    it('relay: the proof names the real upstream URL without query, the method and the token hash; a nonce demand is met with one retry', async () => {
      const { cookie } = await loggedIn('fake-user', 'fake');
      const { accessToken } = accounts().readTokens(await link('fake', 'fake-user'));
      fake.proofs.length = 0;
      const res = await fetch(bff('/v1/api/fake/nonce-once?page=2#frag'), { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, path: '/nonce-once' });
      expect(fake.proofs).toHaveLength(2);
      const [first, second] = fake.proofs;
      expect(first.claims.nonce).toBeUndefined();
      expect(second.claims.nonce).toBe(ONCE_NONCE);
      for (const proof of fake.proofs) {
        expect(proof.authorization).toBe(`DPoP ${accessToken}`);
        expect(proof.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
        expect(proof.header.jwk).not.toHaveProperty('d');
        expect(proof.claims).toMatchObject({ htm: 'GET', htu: `${fake.rejectsRefresh}/nonce-once`, ath: accessTokenHash(accessToken) });
      }
      expect(first.claims.jti).not.toBe(second.claims.jti);

      // The nonce is remembered: the next call (a POST with a body) needs no retry.
      fake.proofs.length = 0;
      const post = await fetch(bff('/v1/api/fake/nonce-once'), { method: 'POST', headers: { cookie, 'x-csrf': '1', origin: stack.bff.config.http.publicUrl, 'content-type': 'application/json' }, body: '{}' });
      expect(post.status).toBe(200);
      expect(fake.proofs.map((p) => [p.claims.htm, p.claims.nonce])).toEqual([['POST', ONCE_NONCE]]);
    });

    it('relay: a second nonce demand is a 502 problem, not a loop, and the link stays', async () => {
      const { cookie } = await loggedIn('fake-user', 'fake');
      fake.proofs.length = 0;
      const res = await fetch(bff('/v1/api/fake/nonce-loop'), { headers: { cookie } });
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'upstream_dpop_rejected', provider: 'fake', detail: 'fake demanded a new DPoP nonce again after one retry.' });
      expect(fake.proofs).toHaveLength(2);
      expect(fake.proofs[1].claims.nonce).toBe('loop-1');
      expect((await link('fake', 'fake-user')).status).toBe('active');
    });

    it('relay: a resource server that refuses the proof is a 502 problem, with no token refresh, and the link stays', async () => {
      const { cookie } = await loggedIn('fake-user', 'fake');
      fake.tokenRequests.length = 0;
      fake.proofs.length = 0;
      const res = await fetch(bff('/v1/api/fake/refuses-proof'), { headers: { cookie } });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ code: 'upstream_dpop_rejected', provider: 'fake', detail: 'fake refused our DPoP proof.' });
      expect(fake.tokenRequests).toEqual([]);
      expect((await link('fake', 'fake-user')).status).toBe('active');
    });

    it('refresh refused for its proof: a 502 problem, the link, its tokens, its key and the session are kept', async () => {
      const { cookie } = await loggedIn('fake-user', 'fake');
      const before = await link('fake', 'fake-user');
      await expire('fake', 'fake-user');
      fake.tokenRequests.length = 0;
      const res = await fetch(bff('/v1/api/fake/nonce-once'), { headers: { cookie } });
      expect(res.status).toBe(502);
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code).toBe('upstream_dpop_rejected');
      expect(problem.detail).toMatch(/token refresh: the provider refused our DPoP proof \(HTTP 400/);
      expect(fake.tokenRequests).toEqual(['refresh_token']);
      const after = await link('fake', 'fake-user');
      expect(after.status).toBe('active');
      expect(accounts().readTokens(after)).toEqual(accounts().readTokens(before));
      expect((await fetch(bff('/v1/auth/me'), { headers: { cookie } })).status).toBe(200);
    });

    it('login refused for its proof: a 502 problem (a page navigation goes back to the app with the code), no session, no link', async () => {
      const browser = new ManualBrowser();
      const done = await browserLogin(browser, stack.bff.url, 'fake-refusing', { username: 'x', password: 'x' }, '/app');
      expect(done.status).toBe(502);
      expect(done.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await done.json()).toMatchObject({ code: 'upstream_dpop_rejected', detail: expect.stringMatching(/code exchange: the provider refused our DPoP proof \(HTTP 400: invalid DPoP key binding\)/) });
      expect(browser.cookie(SESSION)).toBeUndefined();

      const page = await browserLogin(new ManualBrowser(), stack.bff.url, 'fake-refusing', { username: 'x', password: 'x' }, '/app', { accept: 'text/html' });
      expect(page.status).toBe(302);
      const location = new URL(page.headers.get('location')!, stack.bff.url);
      expect(location.pathname).toBe('/app');
      expect(location.searchParams.get('error')).toBe('upstream_dpop_rejected');
      expect(await accounts().findBySubject('fake-refusing', 'fake-user')).toBeNull();
    });

    it('a token endpoint that demands a nonce again after the retry: one retry, then a 502 problem, no session', async () => {
      fake.tokenRequests.length = 0;
      const browser = new ManualBrowser();
      const done = await browserLogin(browser, stack.bff.url, 'fake-nonce-loop', { username: 'x', password: 'x' }, '/app');
      expect(done.status).toBe(502);
      expect(await done.json()).toMatchObject({ code: 'upstream_dpop_rejected', detail: expect.stringMatching(/code exchange: .*demanded a new DPoP nonce again after one retry/) });
      expect(fake.tokenRequests).toEqual(['authorization_code', 'authorization_code']);
      expect(browser.cookie(SESSION)).toBeUndefined();
    });
  });
});
