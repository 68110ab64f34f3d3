import { decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWTPayload } from 'jose';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A DPoP proof as the fake provider received it, verified against its embedded key. */
export interface ReceivedProof {
  path: string;
  authorization?: string;
  header: Record<string, unknown>;
  claims: JWTPayload & { htm?: string; htu?: string; ath?: string; nonce?: string };
}

export interface FakeDpopProvider {
  url: string;
  /** Issuer that accepts the code exchange (bound tokens, no ID token) and refuses every DPoP proof on refresh. */
  rejectsRefresh: string;
  /** Issuer that refuses the DPoP proof on the code exchange already. */
  rejectsAll: string;
  /** Issuer whose token endpoint demands a new DPoP nonce on every request. */
  nonceLoop: string;
  /** Every DPoP proof received on a resource path, in order. */
  proofs: ReceivedProof[];
  /** Token requests received, by grant type. */
  tokenRequests: string[];
  close(): Promise<void>;
}

export const ONCE_NONCE = 'nonce-from-the-resource-server';

/**
 * A deliberately non-conforming OAuth server that advertises DPoP (ES256) and then
 * misbehaves, for what oidc-provider will not do: refuse valid proofs, and demand a new
 * nonce on every resource request. Resource paths under each issuer:
 * `/nonce-once` asks for a nonce once and then answers 200; `/nonce-loop` asks every time;
 * `/refuses-proof` refuses every proof.
 */
export async function startFakeDpopProvider(): Promise<FakeDpopProvider> {
  const proofs: ReceivedProof[] = [];
  const tokenRequests: string[] = [];
  let issued = 0;
  let loopNonce = 0;
  const server: Server = createServer((req, res) => {
    void handle(req).then(
      ({ status, headers, body }) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(body === undefined ? undefined : JSON.stringify(body)),
      (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'server_error', error_description: error.message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  async function handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body?: unknown }> {
    const target = new URL(req.url ?? '/', url);
    const [, tenant, ...rest] = target.pathname.split('/');
    const issuer = `${url}/${tenant}`;
    const path = `/${rest.join('/')}`;
    if (path === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          code_challenge_methods_supported: ['S256'],
          dpop_signing_alg_values_supported: ['ES256'],
        },
      };
    }
    if (path === '/authorize') {
      const back = new URL(target.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', 'fake-code');
      back.searchParams.set('state', target.searchParams.get('state')!);
      return { status: 302, headers: { location: back.toString() } };
    }
    if (path === '/token') {
      const form = new URLSearchParams(await readBody(req));
      const grant = form.get('grant_type') ?? '';
      tokenRequests.push(grant);
      if (req.headers.dpop && tenant === 'nonce-loop') {
        return { status: 400, headers: { 'dpop-nonce': `token-loop-${tokenRequests.length}` }, body: { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof' } };
      }
      if (req.headers.dpop && (tenant === 'reject-all' || grant === 'refresh_token')) {
        return { status: 400, body: { error: 'invalid_dpop_proof', error_description: 'invalid DPoP key binding' } };
      }
      issued++;
      return { status: 200, body: { access_token: `fake-access-${issued}`, token_type: 'DPoP', refresh_token: `fake-refresh-${issued}`, expires_in: 3600, scope: 'profile' } };
    }
    const proof = await verifiedProof(req, path);
    if (path === '/userinfo') return proof ? { status: 200, body: { sub: 'fake-user', name: 'Fake User' } } : { status: 401, body: { error: 'invalid_token' } };
    if (path === '/refuses-proof') {
      return { status: 401, headers: { 'www-authenticate': 'DPoP error="invalid_dpop_proof", error_description="invalid DPoP key binding"' } };
    }
    if (path === '/nonce-once' || path === '/nonce-loop') {
      const demand = path === '/nonce-loop' || proof?.claims.nonce !== ONCE_NONCE;
      if (!demand) return { status: 200, body: { ok: true, path } };
      const nonce = path === '/nonce-loop' ? `loop-${++loopNonce}` : ONCE_NONCE;
      return { status: 401, headers: { 'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"', 'dpop-nonce': nonce }, body: undefined };
    }
    return { status: 404, body: { error: 'not_found' } };
  }

  async function verifiedProof(req: IncomingMessage, path: string): Promise<ReceivedProof | undefined> {
    const jwt = req.headers.dpop;
    if (typeof jwt !== 'string') return undefined;
    const { payload } = await jwtVerify(jwt, EmbeddedJWK, { typ: 'dpop+jwt' });
    const received: ReceivedProof = { path, authorization: req.headers.authorization, header: decodeProtectedHeader(jwt) as Record<string, unknown>, claims: payload };
    proofs.push(received);
    return received;
  }

  return {
    url,
    rejectsRefresh: `${url}/reject-refresh`,
    rejectsAll: `${url}/reject-all`,
    nonceLoop: `${url}/nonce-loop`,
    proofs,
    tokenRequests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** RFC 9449 §4.2 `ath`: base64url SHA-256 of the access token. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve(body)).on('error', reject);
  });
}
