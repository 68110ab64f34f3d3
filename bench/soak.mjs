// `npm run bench:soak`: only the soak row of `npm run bench` (BENCH_SOAK_SECONDS, default 300).
import { startBff, startOidc, startSandbox, freePort, writeProvidersFile } from './lib/stack.mjs';
import { startNode } from './lib/proc.mjs';
import { soak } from './lib/soak.mjs';
import { soakSettings } from './lib/soak-settings.mjs';
import { teardown } from './lib/teardown.mjs';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `bench_soak_${Date.now()}`;
const cleanups = [];

async function main() {
  const settings = soakSettings();
  const ports = await Promise.all([freePort(), freePort()]);
  const bffUrls = ports.map((p) => `http://127.0.0.1:${p}`);
  const upstream = await startNode(new URL('upstream-server.mjs', import.meta.url).pathname, {});
  cleanups.push(upstream.stop);
  const sandbox = await startSandbox(bffUrls);
  cleanups.push(sandbox.stop);
  const oidc = await startOidc(bffUrls, 'http://127.0.0.1:9', 3600);
  cleanups.push(oidc.stop);
  const providers = await writeProvidersFile({ issuer: oidc.issuer, upstreamUrl: upstream.info.url, sandboxUrl: sandbox.url });
  const env = { TOKEN_REFRESH_SKEW_SECONDS: String(settings.skewSeconds), DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `${schema}:`, PROVIDERS_FILE: providers.file, ...providers.env };
  const bffs = [];
  for (const port of ports) {
    const bff = await startBff(port, env);
    cleanups.push(bff.stop);
    bffs.push(bff);
  }
  const result = await soak({ sandboxUrl: sandbox.url, bffs, ...settings });
  console.log(JSON.stringify({ soak: result }, null, 2));
}

const cleanup = () => teardown(cleanups, databaseUrl, schema);

main().then(cleanup, async (error) => {
  console.error(`soak failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
