import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { createApp } from '../../src/bootstrap/create-app.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { integrationConfig } from './test-config.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  url: string;
  close(): Promise<void>;
}

/** Boots the whole AppModule on a loopback port against real Postgres and Redis. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = integrationConfig(overrides);
  const app = await createApp(config);
  await app.listen(config.http.port, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    config,
    url: url.replace('[::1]', '127.0.0.1'),
    close: async () => {
      await app.close();
      await dropSchema(config);
    },
  };
}

export async function dropSchema(config: AppConfig): Promise<void> {
  if (!config.database.url || config.database.schema === 'public') return;
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
