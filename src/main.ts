import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { bootBanner } from './bootstrap/boot-banner.js';
import { bootCost } from './bootstrap/boot-cost.js';
import { createApp } from './bootstrap/create-app.js';
import { installGracefulShutdown } from './bootstrap/graceful-shutdown.js';
import { loadDotEnvFile } from './config/env-file.js';
import { loadConfig } from './config/load-config.js';
import { shutdownTimeline } from './config/shutdown-budget.js';
import { ProviderRegistry } from './providers/provider-registry.js';
import { startSandbox } from './sandbox/index.js';

async function bootstrap(): Promise<void> {
  const envFile = loadDotEnvFile();
  const config = loadConfig(process.env);
  // The sandbox upstream runs in-process on dev defaults so the whole login flow
  // works on a bare machine; production turns it off unless asked.
  const sandbox = config.sandbox.enabled ? await startSandbox(config.sandbox, { bffPublicUrl: config.http.publicUrl }) : undefined;
  const app = await createApp(config);
  const logger = app.get(Logger);
  if (sandbox) logger.warn(`sandbox upstream (demo providers, not for production) on ${sandbox.url}`, 'Sandbox');
  installGracefulShutdown(app, shutdownTimeline(config.http.shutdownGraceMs, config.http.shutdownReadinessDrainMs), logger, async () => sandbox?.close());
  await app.listen(config.http.port, config.http.host);
  const boot = bootCost();
  logger.log({ msg: `oauth-bff listening on ${config.http.publicUrl} (docs at /docs)`, bootMs: boot.wallMs, bootCpuMs: boot.cpuMs, loadedFrom: loadedFrom() }, 'Bootstrap');
  if (!config.isProduction) {
    const providerIds = app.get(ProviderRegistry).list().map((p) => p.id);
    process.stderr.write(bootBanner({ config, providerIds, sandboxUrl: sandbox?.url, envFile, boot }) + '\n');
  }
}

bootstrap().catch((error: unknown) => {
  // Boot failures (bad config, unreachable database or Redis) end the process with a readable reason.
  console.error(`oauth-bff failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** Which build runs: npm start's bundle (dist/bundle/) or the module tree (dist/, the container, tracing on). */
function loadedFrom(): 'bundle' | 'modules' {
  return import.meta.url.endsWith('/bundle/main.mjs') ? 'bundle' : 'modules';
}
