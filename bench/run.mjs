// `npm run bench`: relay throughput vs the upstream floor vs a peer stack, a
// refresh storm across three instances, and /v1/auth/me; loopback only, bounded
// in time. Results: a table on stdout and JSON under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Browser } from './lib/browser.mjs';
import { measure } from './lib/load.mjs';
import { memory, startNode } from './lib/proc.mjs';
import { freePort, PEER_CLIENT, startBff, startOidc, startSandbox, writeProvidersFile } from './lib/stack.mjs';
import { refreshStorm } from './lib/storm.mjs';
import { soak } from './lib/soak.mjs';
import { soakSettings } from './lib/soak-settings.mjs';
import { teardown } from './lib/teardown.mjs';

const DURATION = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const STABILITY_REQUESTS = Number(process.env.BENCH_STABILITY_REQUESTS ?? 100_000);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const schema = `bench_${Date.now()}`;
const cleanups = [];

async function main() {
  const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
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
  results.peerRelay = await measure({ url: `${peerUrl}/api/resource`, headers: { cookie: peerBrowser.cookieHeader() }, duration: DURATION, pid: peer.child.pid });
  results.me = await measure({ url: `${bffs[0].url}/v1/auth/me`, headers: { cookie: bffBrowser.cookieHeader() }, duration: DURATION, pid: bffs[0].child.pid });

  // Warm up first: V8 grows its heap to a working size under sustained load; growth after that is what leaks.
  await measure({ url: `${bffs[0].url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, amount: Math.round(STABILITY_REQUESTS / 3) });
  const rssBefore = memory(bffs[0].child.pid).rssMiB;
  const stability = await measure({ url: `${bffs[0].url}/v1/api/generic/resource`, headers: { cookie: bffBrowser.cookieHeader() }, amount: STABILITY_REQUESTS, pid: bffs[0].child.pid });
  const rssAfter = memory(bffs[0].child.pid).rssMiB;
  results.rssStability = { requests: stability.requests, non2xx: stability.non2xx, rssBeforeMiB: round(rssBefore), rssAfterMiB: round(rssAfter), growthPct: round(((rssAfter - rssBefore) / rssBefore) * 100) };

  results.refreshStorm = await refreshStorm({ sandboxUrl: sandbox.url, bffs, calls: 500 });
  results.soak = await soak({ sandboxUrl: sandbox.url, bffs, ...soakSettings(), skewSeconds: Number(env.TOKEN_REFRESH_SKEW_SECONDS) });
  results.ratios = {
    relayVsPeerThroughput: round(results.bffRelay.requestsPerSec / results.peerRelay.requestsPerSec),
    relayVsPeerP99: round(results.bffRelay.p99Ms / Math.max(results.peerRelay.p99Ms, 0.001)),
    relayVsFloorThroughput: round(results.bffRelay.requestsPerSec / results.floor.requestsPerSec),
    cpuPerRequestVsPeer: round(results.bffRelay.cpuMsPerRequest / results.peerRelay.cpuMsPerRequest),
  };
  report(results);
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
  const rows = ['floor', 'bffRelay', 'peerRelay', 'me'].map((k) => {
    const r = results[k];
    return `| ${k.padEnd(9)} | ${String(r.requestsPerSec).padStart(7)} | ${String(r.p50Ms).padStart(5)} | ${String(r.p99Ms).padStart(5)} | ${String(r.cpuMsPerRequest).padStart(8)} | ${String(round(r.peakRssMiB ?? 0)).padStart(8)} | ${r.non2xx + r.errors} |`;
  });
  console.log(['| run       |   req/s | p50ms | p99ms | cpu ms/req | peak RSS MiB | failures |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
  console.log(JSON.stringify({ ratios: results.ratios, rssStability: results.rssStability, refreshStorm: results.refreshStorm, soak: results.soak }, null, 2));
}

const cleanup = () => teardown(cleanups, databaseUrl, schema);

main().then(cleanup, async (error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
