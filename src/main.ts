import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './bootstrap/create-app.js';
import { installGracefulShutdown } from './bootstrap/graceful-shutdown.js';
import { loadConfig } from './config/load-config.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  const logger = app.get(Logger);
  installGracefulShutdown(app, config.http.shutdownGraceMs, logger);
  await app.listen(config.http.port, config.http.host);
  logger.log(`oauth-bff listening on ${config.http.publicUrl} (docs at /docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Boot failures (bad config, unreachable database or Redis) end the process with a readable reason.
  console.error(`oauth-bff failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
