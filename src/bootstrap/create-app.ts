import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../config/app-config.js';
import { BootResources } from './boot-resources.js';
import { MeEdge } from '../auth/me-edge.js';
import { RelayEdge } from '../relay/relay-edge.js';
import { installEdgeHandler } from './install-edge-handler.js';
import { configureApp } from './configure-app.js';

/** Builds the configured (not yet listening) application. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const resources = new BootResources();
  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, resources), {
      bodyParser: false,
      bufferLogs: true,
      abortOnError: false,
    });
  } catch (error) {
    await resources.closeAll();
    throw error;
  }
  configureApp(app, config);
  // The two hottest routes are served ahead of Express (docs/benchmarks.md).
  installEdgeHandler(app, app.get(RelayEdge));
  installEdgeHandler(app, app.get(MeEdge));
  return app;
}
