// `node bench/rss-probe.mjs`: where one BFF's resident memory goes under relay load.
// Starts the upstream, oidc-provider and one BFF (production settings, as run.mjs),
// relays for RSS_PROBE_SECONDS (default 20), then prints RSS next to V8's heap and
// Node's external memory (from /metrics). BENCH_BFF_ENV / BENCH_BFF_NODE_ARGS try a
// setting, e.g. BENCH_BFF_ENV=MALLOC_ARENA_MAX=2 or BENCH_BFF_NODE_ARGS=--max-semi-space-size=8.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Browser } from './lib/browser.mjs';
import { measure, warmUp } from './lib/load.mjs';
import { startNode } from './lib/proc.mjs';
import { dropRedisKeys } from './lib/seed-users.mjs';
import { freePort, startBff, startOidc, writeProvidersFile } from './lib/stack.mjs';
import { teardown } from './lib/teardown.mjs';

const SECONDS = Number(process.env.RSS_PROBE_SECONDS ?? 20);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `benchrss_${Date.now()}`;
const stops = [];
const MiB = 2 ** 20;

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

async function memoryMetrics(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const pick = (name) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ')[1] ?? NaN);
  const mib = (v) => Math.round(v / MiB);
  return {
    heapTotalMiB: mib(pick('nodejs_heap_size_total_bytes')),
    heapUsedMiB: mib(pick('nodejs_heap_size_used_bytes')),
    externalMiB: mib(pick('nodejs_external_memory_bytes')),
  };
}

async function main() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const upstream = await startNode(new URL('upstream-server.mjs', import.meta.url).pathname, {});
  stops.push(upstream.stop);
  const oidc = await startOidc([url], [], 3600);
  stops.push(oidc.stop);
  const providers = await writeProvidersFile({ issuer: oidc.issuer, upstreamUrl: upstream.info.url, sandboxUrl: 'http://127.0.0.1:9' });
  const env = { TOKEN_KEYS: `bench:${randomBytes(32).toString('base64')}`, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, PROVIDERS_FILE: providers.file, ...providers.env };
  const bff = await startBff(port, env);
  stops.push(bff.stop);
  const idle = { rssMiB: rssMiB(bff.child.pid), ...(await memoryMetrics(url)) };
  const browser = new Browser();
  await browser.login(`${url}/v1/auth/generic/login?returnTo=/`, { username: 'alice', password: 'alice-password' });
  const load = { url: `${url}/v1/api/generic/resource`, headers: { cookie: browser.cookieHeader() } };
  await warmUp(load, 3);
  const run = await measure({ ...load, pid: bff.child.pid, duration: SECONDS });
  const loaded = { rssMiB: rssMiB(bff.child.pid), ...(await memoryMetrics(url)) };
  console.log(JSON.stringify({ env: process.env.BENCH_BFF_ENV ?? '', nodeArgs: process.env.BENCH_BFF_NODE_ARGS ?? '', requestsPerSec: run.requestsPerSec, cpuMsPerRequest: run.cpuMsPerRequest, p99Ms: run.p99Ms, idle, loaded }));
}

async function cleanup() {
  await teardown(stops, databaseUrl, schema);
  await dropRedisKeys(redisUrl, `${schema}:`).catch(() => undefined);
}

main().then(cleanup, async (error) => {
  console.error(`rss probe failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
