// `npm run bench`: the relay against the upstream floor, a lean reference relay and a
// fairly configured peer, interleaved rounds with warm-up, medians and spread; a
// closed-loop latency cross-check; 50,000 distinct users; /v1/auth/me; RSS over 100k
// relayed calls; usage metering on vs off; a refresh storm across three instances. Loopback only, bounded in
// time (about five minutes; BENCH_LONG=1 for longer rounds). docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Browser } from './lib/browser.mjs';
import { closedLoop, measure, measureUpTo, warmUp } from './lib/load.mjs';
import { memory, startNode } from './lib/proc.mjs';
import { interleavedRounds, pairedRatio, ratio } from './lib/rounds.mjs';
import { dropRedisKeys, seedUsers } from './lib/seed-users.mjs';
import { freePort, PEER_CLIENT, startBff, startOidc, startSandbox, writeProvidersFile } from './lib/stack.mjs';
import { refreshStorm } from './lib/storm.mjs';
import { soak } from './lib/soak.mjs';
import { soakSettings } from './lib/soak-settings.mjs';
import { teardown } from './lib/teardown.mjs';

const long = process.env.BENCH_LONG === '1';
const num = (name, short, longer) => Number(process.env[name] ?? (long ? longer : short));
const ROUNDS = num('BENCH_ROUNDS', 3, 5);
const DURATION = num('BENCH_DURATION_SECONDS', 4, 15);
const WARMUP = num('BENCH_WARMUP_SECONDS', 2, 5);
const USERS = num('BENCH_USERS', 50_000, 50_000);
const STABILITY_REQUESTS = num('BENCH_STABILITY_REQUESTS', 100_000, 300_000);
// Upper bounds in seconds for the runs sized in requests (the stability run, the many-users warm pass).
const CAP = num('BENCH_CAP_SECONDS', 45, 180);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const schema = `bench_${Date.now()}`;
const tokenKeys = `bench:${randomBytes(32).toString('base64')}`;
const cleanups = [];
const log = (line) => console.error(`[bench] ${line}`);

async function main() {
  const ports = await Promise.all(Array.from({ length: 7 }, freePort));
  const bffUrls = ports.slice(0, 3).map((p) => `http://127.0.0.1:${p}`);
  const peerUrls = [ports[3], ports[4]].map((p) => `http://127.0.0.1:${p}`);
  const loadBefore = loadavg();

  const upstream = await startNode(new URL('upstream-server.mjs', import.meta.url).pathname, {});
  cleanups.push(upstream.stop);
  const sandbox = await startSandbox(bffUrls);
  cleanups.push(sandbox.stop);
  const oidc = await startOidc(bffUrls, peerUrls, 3600);
  cleanups.push(oidc.stop);
  const providers = await writeProvidersFile({ issuer: oidc.issuer, upstreamUrl: upstream.info.url, sandboxUrl: sandbox.url });
  // Storm tokens live 2 s; a 1 s skew keeps one refresh from looking stale at once.
  const env = { TOKEN_REFRESH_SKEW_SECONDS: '1', TOKEN_KEYS: tokenKeys, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, PROVIDERS_FILE: providers.file, ...providers.env };
  const bffs = [];
  for (const port of ports.slice(0, 3)) {
    const bff = await startBff(port, env);
    cleanups.push(bff.stop);
    bffs.push(bff);
  }
  // The same BFF with usage metering switched off: the baseline for metering's cost (docs/usage.md).
  const unmetered = await startBff(ports[6], { ...env, USAGE_METERING_ENABLED: 'false' });
  cleanups.push(unmetered.stop);
  const peerEnv = { ISSUER: oidc.issuer, CLIENT_ID: PEER_CLIENT.id, CLIENT_SECRET: PEER_CLIENT.secret, UPSTREAM: upstream.info.url, SECRET: 'bench-peer-cookie-secret-0123456789abcdef', NODE_ENV: 'production' };
  const peer = await startNode(new URL('peer-server.mjs', import.meta.url).pathname, { ...peerEnv, PORT: String(ports[3]), PEER_MODE: 'fair' });
  cleanups.push(peer.stop);
  const peerAsBefore = await startNode(new URL('peer-server.mjs', import.meta.url).pathname, { ...peerEnv, PORT: String(ports[4]), PEER_MODE: 'as-before' });
  cleanups.push(peerAsBefore.stop);

  const user = { username: 'alice', password: 'alice-password' };
  const bffBrowser = new Browser();
  await bffBrowser.login(`${bffs[0].url}/v1/auth/generic/login?returnTo=/`, user);
  const cookieName = [...bffBrowser.cookies.keys()].find((name) => name.endsWith('bff_session'));
  const lean = await startNode(new URL('lean-relay.mjs', import.meta.url).pathname, {
    PORT: String(ports[5]), UPSTREAM: upstream.info.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, COOKIE_NAME: cookieName,
  });
  cleanups.push(lean.stop);
  const peerBrowser = new Browser();
  await peerBrowser.login(`${peerUrls[0]}/login`, user);
  const peerAsBeforeBrowser = new Browser();
  await peerAsBeforeBrowser.login(`${peerUrls[1]}/login`, user);
  log(`seeding ${USERS} users`);
  const cookies = await seedUsers({ count: USERS, databaseUrl, schema, redisUrl, keyPrefix: `${schema}:`, tokenKeys, cookieName, provider: 'generic' });

  const bffCookie = { cookie: bffBrowser.cookieHeader() };
  const urls = {
    floor: `${upstream.info.url}/resource`,
    lean: `${lean.info.url}/api/resource`,
    leanMe: `${lean.info.url}/me`,
    bff: `${bffs[0].url}/v1/api/generic/resource`,
    bffMeteringOff: `${unmetered.url}/v1/api/generic/resource`,
    bffMe: `${bffs[0].url}/v1/auth/me`,
    peer: `${peerUrls[0]}/api/resource`,
    peerAsBefore: `${peerUrls[1]}/api/resource`,
  };
  for (const [url, headers] of [[urls.bff, bffCookie], [urls.bffMeteringOff, bffCookie], [urls.lean, bffCookie], [urls.peer, { cookie: peerBrowser.cookieHeader() }], [urls.peerAsBefore, { cookie: peerAsBeforeBrowser.cookieHeader() }], [urls.bff, { cookie: cookies[0] }], [urls.lean, { cookie: cookies[0] }]]) {
    await expectOk(url, headers);
  }

  const contenders = [
    { name: 'floor', pid: upstream.child.pid, load: { url: urls.floor, headers: { authorization: 'Bearer bench' } } },
    { name: 'lean', pid: lean.child.pid, load: { url: urls.lean, headers: bffCookie } },
    { name: 'bff', pid: bffs[0].child.pid, load: { url: urls.bff, headers: bffCookie } },
    { name: 'bffMeteringOff', pid: unmetered.child.pid, load: { url: urls.bffMeteringOff, headers: bffCookie } },
    { name: 'peer', pid: peer.child.pid, load: { url: urls.peer, headers: { cookie: peerBrowser.cookieHeader() } } },
    { name: 'peerAsBefore', pid: peerAsBefore.child.pid, load: { url: urls.peerAsBefore, headers: { cookie: peerAsBeforeBrowser.cookieHeader() } } },
    { name: 'leanManyUsers', pid: lean.child.pid, load: { url: urls.lean, cookies } },
    { name: 'bffManyUsers', pid: bffs[0].child.pid, load: { url: urls.bff, cookies } },
    { name: 'leanMe', pid: lean.child.pid, load: { url: urls.leanMe, headers: bffCookie } },
    { name: 'bffMe', pid: bffs[0].child.pid, load: { url: urls.bffMe, headers: bffCookie } },
  ];
  // Steady state for many users: each has called once before, as a user of a running app has.
  const manyUsersWarmPass = {};
  for (const name of ['leanManyUsers', 'bffManyUsers']) {
    const c = contenders.find((x) => x.name === name);
    const pass = await measureUpTo({ ...c.load, amount: USERS, capSeconds: CAP });
    // Below 1: the cap cut the pass short, and some users are still cold in the rounds.
    manyUsersWarmPass[name] = { requests: pass.requests, seconds: pass.seconds, coverage: round(Math.min(1, pass.requests / USERS)) };
    log(`${name} warm pass: ${pass.requests} requests in ${pass.seconds} s`);
  }
  const started = Date.now();
  const { samples, summary } = await interleavedRounds(contenders, { rounds: ROUNDS, duration: DURATION, warmup: WARMUP, log });

  // p99 at half the BFF's peak, the same fixed rate for the BFF and the lean reference.
  const halfRate = Math.max(100, Math.round(summary.bff.requestsPerSec / 2));
  const halfLoad = {};
  for (const name of ['lean', 'bff']) {
    const c = contenders.find((x) => x.name === name);
    await warmUp(c.load, WARMUP);
    halfLoad[name] = await measure({ ...c.load, pid: c.pid, duration: DURATION, rate: halfRate });
  }

  // Closed-loop cross-check of latency (16 workers, each waits for its answer).
  const closed = {};
  for (const name of ['lean', 'bff', 'peer']) {
    const c = contenders.find((x) => x.name === name);
    closed[name] = await closedLoop({ ...c.load, seconds: DURATION });
  }

  // The fleet of three, loaded at once (a third of the connections each).
  const fleetRuns = await Promise.all(bffs.map((b) => measure({ url: `${b.url}/v1/api/generic/resource`, headers: bffCookie, connections: 11, duration: DURATION, pid: b.child.pid })));
  const fleet = { instances: bffs.length, requestsPerSec: fleetRuns.reduce((n, r) => n + r.requestsPerSec, 0), p99Ms: Math.max(...fleetRuns.map((r) => r.p99Ms)), failures: fleetRuns.reduce((n, r) => n + r.non2xx + r.errors, 0) };

  // RSS over STABILITY_REQUESTS relayed calls after a warm-up, sampled every second.
  const pid = bffs[0].child.pid;
  await measureUpTo({ url: urls.bff, headers: bffCookie, amount: Math.round(STABILITY_REQUESTS / 3), capSeconds: CAP / 3 });
  const rssBefore = memory(pid).rssMiB;
  const rssSamples = [];
  const sampler = setInterval(() => rssSamples.push(memory(pid).rssMiB), 1_000);
  const stability = await measureUpTo({ url: urls.bff, headers: bffCookie, amount: STABILITY_REQUESTS, capSeconds: CAP, pid });
  clearInterval(sampler);
  const rssAfter = memory(pid).rssMiB;
  const rssStability = {
    requests: stability.requests, seconds: stability.seconds, failures: stability.failures, cpuMsPerRequest: stability.cpuMsPerRequest,
    rssBeforeMiB: Math.round(rssBefore), rssAfterMiB: Math.round(rssAfter), rssMaxDuringMiB: Math.round(Math.max(rssBefore, ...rssSamples)), peakRssMiB: Math.round(stability.peakRssMiB), growthPct: round(((rssAfter - rssBefore) / rssBefore) * 100),
  };

  const storm = await refreshStorm({ sandboxUrl: sandbox.url, bffs, calls: 500 });
  // Last: minutes of steady load with expiring tokens (docs/benchmarks.md, Soak).
  const soakResult = await soak({ sandboxUrl: sandbox.url, bffs, ...soakSettings(), skewSeconds: Number(env.TOKEN_REFRESH_SKEW_SECONDS) });
  const ratios = {
    bffVsLean: ratio(samples, 'bff', 'lean'),
    bffVsPeer: ratio(samples, 'bff', 'peer'),
    bffVsPeerAsBefore: ratio(samples, 'bff', 'peerAsBefore'),
    bffManyUsersVsSingleUser: ratio(samples, 'bffManyUsers', 'bff'),
    leanManyUsersVsSingleUser: ratio(samples, 'leanManyUsers', 'lean'),
    bffMeVsLeanMe: ratio(samples, 'bffMe', 'leanMe'),
    peerVsLean: ratio(samples, 'peer', 'lean'),
    // Issue 10's bound: metering on keeps >= 0.95 of the throughput with it off.
    meteringOnVsOff: ratio(samples, 'bff', 'bffMeteringOff'),
  };
  const results = {
    when: new Date().toISOString(),
    settings: { rounds: ROUNDS, durationSeconds: DURATION, warmupSeconds: WARMUP, users: USERS, connections: 32, stabilityRequests: STABILITY_REQUESTS },
    machine: { cores: (await import('node:os')).cpus().length, loadAverageBefore: loadBefore.map(round), loadAverageAfter: loadavg().map(round) },
    summary,
    ratios,
    goals: {
      relayVsLeanAtLeast0_5: pairedRatio(samples, 'bff', 'lean') >= 0.5,
      relayVsFairPeerAtLeast2: pairedRatio(samples, 'bff', 'peer') >= 2,
      cpuPerRelayedRequestAtMost0_3ms: summary.bff.cpuMsPerRequest <= 0.3,
      rssAfter100kAtMost150MiB: rssStability.requests >= 100_000 && rssStability.rssAfterMiB <= 150 && rssStability.rssMaxDuringMiB <= 150,
      manyUsersAtLeast0_8: pairedRatio(samples, 'bffManyUsers', 'bff') >= 0.8,
      meVsLeanAtLeast0_5: pairedRatio(samples, 'bffMe', 'leanMe') >= 0.5,
      meteringCostAtMost5Pct: pairedRatio(samples, 'bff', 'bffMeteringOff') >= 0.95,
      halfLoadP99Within2msOfLean: halfLoad.bff.p99Ms - halfLoad.lean.p99Ms <= 2,
    },
    manyUsersWarmPass,
    halfLoad: { rate: halfRate, lean: halfLoad.lean, bff: halfLoad.bff },
    closedLoop: closed,
    fleet,
    rssStability,
    refreshStorm: storm,
    soak: soakResult,
    roundsWallSeconds: Math.round((Date.now() - started) / 1000),
    samples,
  };
  report(results);
}

async function expectOk(url, headers) {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

const round = (n) => Math.round(n * 100) / 100;

function report(results) {
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(new URL(`results/${stamp}.json`, import.meta.url), json);
  writeFileSync(new URL('results/latest.json', import.meta.url), json);
  const rows = Object.entries(results.summary).map(([k, r]) =>
    `| ${k.padEnd(13)} | ${String(r.requestsPerSec).padStart(6)} | ${`${r.spread.min}–${r.spread.max}`.padStart(13)} | ${String(r.p50Ms).padStart(4)} | ${String(r.p99Ms).padStart(4)} | ${String(r.cpuMsPerRequest).padStart(6)} | ${String(r.peakRssMiB).padStart(4)} | ${r.failures} |`,
  );
  console.log(['| run | req/s (median) | spread | p50 ms | p99 ms | CPU ms/req | peak RSS MiB | failures |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n'));
  const { summary, samples, ...rest } = results;
  void summary;
  void samples;
  console.log(JSON.stringify(rest, null, 2));
}

async function cleanup() {
  await teardown(cleanups, databaseUrl, schema);
  await dropRedisKeys(redisUrl, `${schema}:`).catch(() => undefined);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`bench interrupted (${signal}): cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

main().then(cleanup, async (error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
