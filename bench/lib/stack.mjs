import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, waitForHttp } from './proc.mjs';

// BENCH_DIST: another build to run (e.g. an older commit's dist/ for a before/after profile).
const dist = process.env.BENCH_DIST ? new URL(`file://${process.env.BENCH_DIST.replace(/\/?$/, '/')}`) : new URL('../../dist/', import.meta.url);
export const GENERIC_CLIENT = { id: 'bff-generic', secret: 'bench-generic-secret' };
export const PEER_CLIENT = { id: 'peer', secret: 'bench-peer-secret' };

export async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** The sandbox (control API on) with the BFF instances' callbacks registered. */
export async function startSandbox(bffUrls) {
  const { DEFAULT_SEED } = await import(new URL('sandbox/seed.js', dist));
  const seed = structuredClone(DEFAULT_SEED);
  for (const client of seed.clients) for (const url of bffUrls) client.redirectUris.push(`${url}/v1/auth/${client.provider}/callback`);
  const seedFile = join(mkdtempSync(join(tmpdir(), 'bench-seed-')), 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));
  const port = await freePort();
  const sandbox = await startNode(new URL('sandbox/main.js', dist).pathname, { SANDBOX_PORT: String(port), SANDBOX_CONTROL: 'true', SANDBOX_SEED_FILE: seedFile, NODE_ENV: 'development' }, { readyLine: false });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`);
  return { ...sandbox, url };
}

export async function startOidc(bffUrls, peerUrls, accessTokenTtlSeconds) {
  const { launchOidcProvider } = await import(new URL('sandbox/oidc/launch-oidc-provider.js', dist));
  return launchOidcProvider({
    accessTokenTtlSeconds,
    clients: [
      { client_id: GENERIC_CLIENT.id, client_secret: GENERIC_CLIENT.secret, redirect_uris: bffUrls.map((u) => `${u}/v1/auth/generic/callback`) },
      { client_id: PEER_CLIENT.id, client_secret: PEER_CLIENT.secret, redirect_uris: peerUrls.map((u) => `${u}/callback`) },
    ],
  });
}

/** Providers file: generic relays to the bench upstream; bluejeans relays to the sandbox. */
export async function writeProvidersFile({ issuer, upstreamUrl, sandboxUrl }) {
  const { DEFAULT_SEED } = await import(new URL('sandbox/seed.js', dist));
  const bj = DEFAULT_SEED.clients.find((c) => c.provider === 'bluejeans' && c.redirectUris.some((u) => u.includes('/v1/auth/')));
  const file = join(mkdtempSync(join(tmpdir(), 'bench-providers-')), 'providers.json');
  writeFileSync(
    file,
    JSON.stringify({
      providers: [
        {
          id: 'generic', kind: 'generic', displayName: 'Bench OIDC', endpoints: { issuer },
          clientId: GENERIC_CLIENT.id, clientSecretEnv: 'BENCH_GENERIC_SECRET',
          relay: { baseUrl: upstreamUrl, allow: [{ methods: ['GET'], path: '/resource' }] },
        },
        {
          id: 'bluejeans', kind: 'bluejeans', displayName: 'BlueJeans', endpoints: { apiBaseUrl: `${sandboxUrl}/bluejeans` },
          clientId: bj.clientId, clientSecretEnv: 'BENCH_BJ_SECRET', scopes: ['user_info', 'list_meetings'],
          relay: { allow: [{ methods: ['GET'], path: '/v1/user/{user_id}/scheduled_meeting' }] },
        },
      ],
    }),
  );
  return { file, env: { BENCH_GENERIC_SECRET: GENERIC_CLIENT.secret, BENCH_BJ_SECRET: bj.clientSecret } };
}

/** BENCH_BFF_ENV='KEY=value KEY2=value' adds settings to every BFF (e.g. to compare a log level). */
function bffEnvOverrides() {
  return Object.fromEntries((process.env.BENCH_BFF_ENV ?? '').split(' ').filter(Boolean).map((pair) => pair.split('=')));
}

export async function startBff(port, env) {
  const url = `http://127.0.0.1:${port}`;
  // BENCH_BFF_NODE_ARGS (e.g. --cpu-prof) lets a run show where the BFF's time goes.
  const nodeArgs = process.env.BENCH_BFF_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // Production settings: info-level logs (an access line per request) to stdout, which the bench drains.
  // One session drives thousands of calls a second here: the relay limit still counts (its cost is measured) but never refuses.
  const bff = await startNode(new URL('main.js', dist).pathname, { RATE_LIMIT_RELAY: '9999999/60', ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, SANDBOX_ENABLED: 'false', LOG_LEVEL: 'info', NODE_ENV: 'production', ...bffEnvOverrides() }, { readyLine: false, timeoutMs: 60_000, nodeArgs });
  await waitForHttp(`${url}/health/ready`);
  return { ...bff, url };
}
