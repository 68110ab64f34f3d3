// `npm run bench`: relay throughput vs the upstream floor vs a peer stack, the
// relay with usage metering on vs off (USAGE_METERING_ENABLED), a refresh storm
// across three instances, and /v1/auth/me; loopback only, bounded in time. Results: a table on stdout and JSON under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { Browser } from './lib/browser.mjs';
import { measure } from './lib/load.mjs';
import { memory, startNode } from './lib/proc.mjs';
import { freePort, PEER_CLIENT, startBff, startOidc, startSandbox, writeProvidersFile } from './lib/stack.mjs';
import { refreshStorm } from './lib/storm.mjs';

const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const STABILITY_REQUESTS = Number(process.env.BENCH_STABILITY_REQUESTS ?? 100_000);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const schema = `bench_${Date.now()}`;
const cleanups = [];

async function main() {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const bffUrls = ports.slice(0, 3).map((p) => `http://127.0.0.1:${p}`);
  const peerUrl = `http://127.0.0.1:${ports[3]}`;

  const upstream = await startNode(new URL('upstream-server.mjs', import.meta.url).pathname, {});
  cleanups.push(upstream.stop);
  const sandbox = await startSandbox(bffUrls);
  cleanups.push(sandbox.stop);
  const oidc = await startOidc(bffUrls, peerUrl, 3600);
  cleanups.push(oidc.stop);
  const providers = await writeProvidersFile({ issuer: oidc.issuer, upstreamUrl: upstream.info.url, sandboxUrl: sandbox.url });
  // Storm tokens live 2 s; a 1 s skew keeps one refresh from looking stale at once.
  const env = { TOKEN_REFRESH_SKEW_SECONDS: '1', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, PROVIDERS_FILE: providers.file, ...providers.env };
  const bffs = [];
  for (const port of ports.slice(0, 3)) {
    const bff = await startBff(port, env);
    cleanups.push(bff.stop);
    bffs.push(bff);
  }
  // The same BFF with usage metering switched off: the baseline for metering's cost.
  const unmetered = await startBff(ports[4], { ...env, USAGE_METERING_ENABLED: 'false' });
  cleanups.push(unmetered.stop);
  const peer = await startNode(new URL('peer-server.mjs', import.meta.url).pathname, {
    PORT: String(ports[3]), ISSUER: oidc.issuer, CLIENT_ID: PEER_CLIENT.id, CLIENT_SECRET: PEER_CLIENT.secret, UPSTREAM: upstream.info.url, SECRET: 'bench-peer-cookie-secret-0123456789abcdef',
  });
  cleanups.push(peer.stop);

  const user = { username: 'alice', password: 'alice-password' };
  const bffBrowser = new Browser();
  await bffBrowser.login(`${bffs[0].url}/v1/auth/generic/login?returnTo=/`, user);
  const peerBrowser = new Browser();
  await peerBrowser.login(`${peerUrl}/login`, user);
  await expectOk(`${bffs[0].url}/v1/api/generic/resource`, bffBrowser);
  await expectOk(`${peerUrl}/api/resource`, peerBrowser);

  const results = { when: new Date().toISOString(), durationSeconds: DURATION, machine: { cores: (await import('node:os')).cpus().length } };
  results.floor = await measure({ url: `${upstream.info.url}/resource`, headers: { authorization: 'Bearer bench' }, duration: DURATION, pid: upstream.child.pid });
  results.bffRelay = await measure({ url: `${bffs[0].url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, duration: DURATION, pid: bffs[0].child.pid });
  results.bffRelayMeteringOff = await measure({ url: `${unmetered.url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, duration: DURATION, pid: unmetered.child.pid });
  results.meteringCost = await meteringCost({ on: bffs[0], off: unmetered, cookie: bffBrowser.cookieHeader() });
  results.peerRelay = await measure({ url: `${peerUrl}/api/resource`, headers: { cookie: peerBrowser.cookieHeader() }, duration: DURATION, pid: peer.child.pid });
  results.me = await measure({ url: `${bffs[0].url}/v1/auth/me`, headers: { cookie: bffBrowser.cookieHeader() }, duration: DURATION, pid: bffs[0].child.pid });

  // Warm up first: V8 grows its heap to a working size under sustained load; growth after that is what leaks.
  await measure({ url: `${bffs[0].url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, amount: Math.round(STABILITY_REQUESTS / 3) });
  const rssBefore = memory(bffs[0].child.pid).rssMiB;
  const stability = await measure({ url: `${bffs[0].url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, amount: STABILITY_REQUESTS, pid: bffs[0].child.pid });
  const rssAfter = memory(bffs[0].child.pid).rssMiB;
  results.rssStability = { requests: stability.requests, non2xx: stability.non2xx, rssBeforeMiB: round(rssBefore), rssAfterMiB: round(rssAfter), growthPct: round(((rssAfter - rssBefore) / rssBefore) * 100) };

  results.refreshStorm = await refreshStorm({ sandboxUrl: sandbox.url, bffs, calls: 500 });
  results.ratios = {
    relayVsPeerThroughput: round(results.bffRelay.requestsPerSec / results.peerRelay.requestsPerSec),
    relayVsPeerP99: round(results.bffRelay.p99Ms / Math.max(results.peerRelay.p99Ms, 0.001)),
    relayVsFloorThroughput: round(results.bffRelay.requestsPerSec / results.floor.requestsPerSec),
    cpuPerRequestVsPeer: round(results.bffRelay.cpuMsPerRequest / results.peerRelay.cpuMsPerRequest),
    // Issue 10's cost bound: metering on must keep >= 0.95 of the throughput with it off.
    meteringOnVsOffThroughput: results.meteringCost.ratio,
  };
  report(results);
}

/**
 * Metering's cost: the same relay with metering on and off, in off-on-on-off order
 * so a drift in machine load during the run weighs on both sides equally.
 */
async function meteringCost({ on, off, cookie }) {
  const run = (bff) => measure({ url: `${bff.url}/v1/api/generic/resource`, headers: { cookie }, duration: DURATION, pid: bff.child.pid });
  const rounds = [];
  for (const [name, bff] of [['off', off], ['on', on], ['on', on], ['off', off]]) rounds.push({ name, ...(await run(bff)) });
  const total = (name) => rounds.filter((r) => r.name === name).reduce((n, r) => n + r.requestsPerSec, 0);
  return { rounds: rounds.map((r) => ({ metering: r.name, requestsPerSec: r.requestsPerSec, p99Ms: r.p99Ms, cpuMsPerRequest: r.cpuMsPerRequest })), ratio: round(total('on') / total('off')) };
}

async function expectOk(url, browser) {
  const res = await browser.request(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

const round = (n) => Math.round(n * 100) / 100;

function report(results) {
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(new URL(`results/${stamp}.json`, import.meta.url), json);
  writeFileSync(new URL('results/latest.json', import.meta.url), json);
  const rows = ['floor', 'bffRelay', 'bffRelayMeteringOff', 'peerRelay', 'me'].map((k) => {
    const r = results[k];
    return `| ${k.padEnd(19)} | ${String(r.requestsPerSec).padStart(7)} | ${String(r.p50Ms).padStart(5)} | ${String(r.p99Ms).padStart(5)} | ${String(r.cpuMsPerRequest).padStart(8)} | ${String(round(r.peakRssMiB ?? 0)).padStart(8)} | ${r.non2xx + r.errors} |`;
  });
  console.log(['| run                 |   req/s | p50ms | p99ms | cpu ms/req | peak RSS MiB | failures |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
  console.log(JSON.stringify({ ratios: results.ratios, meteringCost: results.meteringCost, rssStability: results.rssStability, refreshStorm: results.refreshStorm }, null, 2));
}

async function cleanup() {
  for (const stop of cleanups.reverse()) await stop().catch(() => undefined);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch(() => undefined);
  await client.end().catch(() => undefined);
}

main().then(cleanup, async (error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
