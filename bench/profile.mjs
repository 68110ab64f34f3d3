// `node bench/profile.mjs`: where one BFF process spends its CPU while relaying, by
// package. Starts the upstream, oidc-provider and one BFF under --cpu-prof (production
// settings, as in run.mjs), logs in, loads the relay for PROFILE_SECONDS (default 10)
// after a warm-up, stops the BFF and sums the profile's self time per package
// (node_modules/<name>, node: internals, our dist/ code, GC, idle). PROFILE_PATH=/v1/auth/me
// loads another route; BENCH_DIST=<dir> profiles another build, e.g. an older commit's
// dist/ for a before/after table.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from './lib/browser.mjs';
import { measure, warmUp } from './lib/load.mjs';
import { startNode } from './lib/proc.mjs';
import { dropRedisKeys } from './lib/seed-users.mjs';
import { freePort, startBff, startOidc, writeProvidersFile } from './lib/stack.mjs';
import { teardown } from './lib/teardown.mjs';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
// What is loaded: the relay by default, or e.g. PROFILE_PATH=/v1/auth/me.
const PATH = process.env.PROFILE_PATH ?? '/v1/api/generic/resource';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `benchprof_${Date.now()}`;
const profileDir = mkdtempSync(join(tmpdir(), 'bff-prof-'));
const stops = [];

function bucketOf(url, functionName) {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return functionName;
  if (!url) return undefined;
  if (url.startsWith('node:')) {
    const parts = url.slice(5).split('/');
    const name = parts[0] === 'internal' ? `internal/${parts[1]}` : parts[0];
    return `node:${name.replace(/\.js$/, '').replace(/^_?(http|https)_\w+$/, '$1').replace(/^internal\/(streams|http|url|util|timers|perf|event_target|abort_controller|errors|async_hooks).*$/, 'internal/$1')}`;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('/dist/')) return 'our code (dist/)';
  return 'other';
}

/**
 * Self time per package over the samples taken in [fromUs, toUs] (profile clock). V8
 * builtins (JSON.parse, RegExp, ...) have no URL and are charged to the nearest caller
 * that has one, so "whose work was it" stays readable.
 */
function byPackage(profile, fromUs, toUs) {
  const self = new Map();
  const counts = new Map();
  let t = profile.startTime;
  profile.samples.forEach((sample, i) => {
    t += profile.timeDeltas[i];
    if (t >= fromUs && t <= toUs) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  });
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const bucketOfNode = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const { url, functionName } = nodes.get(cur).callFrame;
      const bucket = bucketOf(url, functionName);
      if (bucket) return bucket;
    }
    return 'V8 builtins (no caller)';
  };
  for (const [id, hits] of counts) {
    const bucket = bucketOfNode(id);
    self.set(bucket, (self.get(bucket) ?? 0) + hits);
  }
  const busy = [...self].filter(([k]) => k !== '(idle)').reduce((n, [, v]) => n + v, 0);
  return [...self].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).map(([name, hits]) => ({ name, pct: Math.round((hits / busy) * 1000) / 10 }));
}

async function main() {
  const [port, peerPort] = await Promise.all([freePort(), freePort()]);
  const url = `http://127.0.0.1:${port}`;
  const upstream = await startNode(new URL('upstream-server.mjs', import.meta.url).pathname, {});
  stops.push(upstream.stop);
  const oidc = await startOidc([url], [`http://127.0.0.1:${peerPort}`], 3600);
  stops.push(oidc.stop);
  const providers = await writeProvidersFile({ issuer: oidc.issuer, upstreamUrl: upstream.info.url, sandboxUrl: 'http://127.0.0.1:9' });
  process.env.BENCH_BFF_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profileDir}`;
  const env = { TOKEN_KEYS: `bench:${randomBytes(32).toString('base64')}`, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, PROVIDERS_FILE: providers.file, ...providers.env };
  const bff = await startBff(port, env);
  const browser = new Browser();
  await browser.login(`${url}/v1/auth/generic/login?returnTo=/`, { username: 'alice', password: 'alice-password' });
  const load = { url: `${url}${PATH}`, headers: { cookie: browser.cookieHeader() } };
  await warmUp(load, 3);
  const run = await measure({ ...load, pid: bff.child.pid, duration: SECONDS });
  // The profile covers the whole process; the load window is the SECONDS before the shutdown began.
  const stopping = performance.now();
  await bff.stop();
  const shutdownUs = (performance.now() - stopping) * 1000;
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  const loadEnd = profile.endTime - shutdownUs;
  const table = byPackage(profile, loadEnd - SECONDS * 1e6, loadEnd);
  console.log(JSON.stringify({ dist: process.env.BENCH_DIST ?? 'dist/', path: PATH, requestsPerSec: run.requestsPerSec, cpuMsPerRequest: run.cpuMsPerRequest, profile: file, selfTimeByPackage: table.slice(0, 20) }, null, 2));
}

async function cleanup() {
  await teardown(stops, databaseUrl, schema);
  await dropRedisKeys(redisUrl, `${schema}:`).catch(() => undefined);
}

main().then(cleanup, async (error) => {
  console.error(`profile failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
