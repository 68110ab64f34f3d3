import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { DpopKey } from '../../src/providers/dpop/dpop-key.js';
import { DpopNonces, sendWithDpop, type DpopAnswer } from '../../src/providers/dpop/dpop-nonce.js';
import { launchOidcProvider, type LaunchedOidcProvider } from '../../src/sandbox/oidc/launch-oidc-provider.js';

// DPoP proofs (RFC 9449) against oidc-provider demanding server nonces: the proof is
// accepted, the token is bound to our key's thumbprint, the nonce is learnt with one
// retry and reused; a server that keeps demanding nonces gets exactly one retry.

const CLIENT = { client_id: 'dpop-client', client_secret: 'dpop-secret', redirect_uris: ['http://127.0.0.1/cb'], grant_types: ['client_credentials'], response_types: [] };
const basic = `Basic ${Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString('base64')}`;

interface Answer extends DpopAnswer {
  headers: Headers;
  body: Record<string, unknown>;
}

describe('DPoP proofs and nonces against oidc-provider', () => {
  let oidc: LaunchedOidcProvider;
  let tokenEndpoint: string;
  let introspectionEndpoint: string;
  beforeAll(async () => {
    oidc = await launchOidcProvider({ clients: [CLIENT], dpopRequireNonce: true });
    const metadata = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.dpop_signing_alg_values_supported).toContain('ES256');
    tokenEndpoint = metadata.token_endpoint as string;
    introspectionEndpoint = metadata.introspection_endpoint as string;
  }, 30_000);
  afterAll(async () => oidc?.stop());

  async function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(url, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  it('learns the nonce with one retry, gets a DPoP-bound token, and reuses the nonce next time', async () => {
    const key = await DpopKey.generate();
    const nonces = new DpopNonces();
    const sent: string[] = [];
    const send = (proof: string) => {
      sent.push(proof);
      return post(tokenEndpoint, { grant_type: 'client_credentials' }, { dpop: proof });
    };
    const answer = await sendWithDpop(key, { htm: 'POST', htu: `${tokenEndpoint}?ignored=1` }, nonces, send);
    expect(sent).toHaveLength(2);
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('DPoP');
    const introspection = await post(introspectionEndpoint, { token: answer.body.access_token as string });
    expect(introspection.body).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: await key.thumbprint() } });

    sent.length = 0;
    const again = await sendWithDpop(key, { htm: 'POST', htu: tokenEndpoint }, nonces, send);
    expect(again.status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('a proof without the nonce, or signed for another URL, is refused by the provider', async () => {
    const key = await DpopKey.generate();
    const noNonce = await post(tokenEndpoint, { grant_type: 'client_credentials' }, { dpop: await key.proof({ htm: 'POST', htu: tokenEndpoint }) });
    expect(noNonce).toMatchObject({ status: 400, body: { error: 'use_dpop_nonce' } });
    const nonce = noNonce.headers.get('dpop-nonce')!;
    const wrongUrl = await post(tokenEndpoint, { grant_type: 'client_credentials' }, { dpop: await key.proof({ htm: 'POST', htu: `${oidc.issuer}/elsewhere`, nonce }) });
    expect(wrongUrl).toMatchObject({ status: 400, body: { error: 'invalid_dpop_proof' } });
  });

  it('the private key survives serialisation (what is sealed at rest) with the same thumbprint', async () => {
    const key = await DpopKey.generate();
    const restored = await DpopKey.fromSerialized(key.serialize());
    expect(await restored.thumbprint()).toBe(await key.thumbprint());
    expect(restored.publicJwk).not.toHaveProperty('d');
  });

  describe('a server that demands a nonce on every request (nonce loop)', () => {
    let server: Server;
    let url: string;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits++;
        res.writeHead(400, { 'content-type': 'application/json', 'dpop-nonce': `n-${hits}` }).end(JSON.stringify({ error: 'use_dpop_nonce' }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/token`;
    });
    afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gets exactly one retry; the second refusal is handed back', async () => {
      const answer = await sendWithDpop(await DpopKey.generate(), { htm: 'POST', htu: url }, new DpopNonces(), (proof) => post(url, {}, { dpop: proof }));
      expect(hits).toBe(2);
      expect(answer).toMatchObject({ status: 400, body: { error: 'use_dpop_nonce' } });
    });
  });
});
