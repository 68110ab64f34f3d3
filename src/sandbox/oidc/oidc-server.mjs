#!/usr/bin/env node
// The generic upstream: panva's certified `oidc-provider` on a loopback port.
// Plain ESM JavaScript run with `node` as a child process, so the parent's
// module system (ts-jest, tsx, compiled dist) never has to load oidc-provider.
//
// Configuration: a JSON object as argv[2], else the OIDC_SANDBOX_CONFIG env var,
// else the demo defaults below (so `node oidc-server.mjs` alone is useful):
//   { "port": 0, "accessTokenTtlSeconds": 3600,
//     "clients": [{ "client_id", "client_secret", "redirect_uris": [...] }] }
// Once listening it prints one JSON line `{"issuer":"http://127.0.0.1:PORT"}` on stdout.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';

import Provider from 'oidc-provider';

const DEMO_CONFIG = {
  port: 4011,
  accessTokenTtlSeconds: 3600,
  clients: [
    {
      client_id: 'demo-oidc-client',
      client_secret: 'demo-oidc-secret',
      redirect_uris: ['http://localhost:3000/auth/generic/callback'],
    },
  ],
};

function readConfig() {
  const raw = process.argv[2] ?? process.env.OIDC_SANDBOX_CONFIG;
  const parsed = raw ? JSON.parse(raw) : DEMO_CONFIG;
  return {
    port: Number(parsed.port ?? 0),
    accessTokenTtlSeconds: Number(parsed.accessTokenTtlSeconds ?? 3600),
    clients: Array.isArray(parsed.clients) ? parsed.clients : [],
  };
}

// Static clients get refresh tokens and code-only responses unless they say otherwise;
// a client without a secret is a public (PKCE-only) client.
function normalizeClient(client) {
  return {
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: client.client_secret ? 'client_secret_basic' : 'none',
    ...client,
  };
}

// Fresh signing keys per process: nothing here is meant to outlive the test run,
// and it keeps oidc-provider from falling back to its published development keys.
function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { keys: [{ ...rsa, alg: 'RS256', use: 'sig', kid: 'rsa-1' }, { ...ec, alg: 'ES256', use: 'sig', kid: 'ec-1' }] };
}

// Any login is accepted (devInteractions form); the account id becomes `sub`.
async function findAccount(_ctx, accountId) {
  return {
    accountId,
    async claims() {
      return { sub: accountId, name: accountId, email: `${accountId}@example.test`, email_verified: true };
    },
  };
}

function providerConfiguration(config) {
  return {
    clients: config.clients.map(normalizeClient),
    jwks: signingKeys(),
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount,
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    // S256 is the only method oidc-provider v9 supports; require it for every client.
    pkce: { required: () => true },
    // The BFF always needs a refresh token for a code grant, with or without offline_access.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      // RFC 7591; with an initial access token only holders of it may register (the clients module's tests use one).
      registration: config.registrationInitialAccessToken ? { enabled: true, initialAccessToken: config.registrationInitialAccessToken } : { enabled: true },
      registrationManagement: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    ttl: {
      AccessToken: config.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
  };
}

async function main() {
  const config = readConfig();
  // Listen first so that port 0 resolves to a real port before the issuer is fixed.
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, providerConfiguration(config));
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);

  // State is in memory only, so there is nothing to flush: exit at once.
  const shutdown = () => process.exit(0);
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // A parent that dies without signalling closes our stdin: stop with it.
  if (process.env.OIDC_SANDBOX_EXIT_ON_STDIN_END === '1') process.stdin.on('end', shutdown).resume();
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
