import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap/create-app.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { SessionService } from '../../src/sessions/session.service.js';
import type { LinkedAccountEntity } from '../../src/tokens/linked-account.entity.js';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { TokenRefreshService } from '../../src/tokens/refresh/token-refresh.service.js';
import { UserEntity } from '../../src/users/user.entity.js';
import { dropSchema } from '../support/test-app.js';
import { integrationConfig } from '../support/test-config.js';
import { getJson, sendJson, startHarness, type Harness } from '../unit/sandbox/sandbox-harness.js';
import { loginAndExchange, TEST_CLIENTS, TEST_REDIRECT_URI } from '../unit/providers/helpers/sandbox-providers.js';
import { newKey } from './tokens-harness.js';

export type Kind = 'calcom' | 'bluejeans';

/** One BFF process's view: the services a relay would use. */
export interface Instance {
  app: INestApplication;
  refresh: TokenRefreshService;
  accounts: LinkedAccountsService;
  sessions: SessionService;
  registry: ProviderRegistry;
}

export interface RefreshStack {
  sandbox: Harness;
  a: Instance;
  b: Instance;
  userId: string;
  /** Logs alice in at the sandbox through the provider adapter and links the tokens to `userId`. */
  linkFresh(kind: Kind, expired?: boolean): Promise<LinkedAccountEntity>;
  refreshCount(kind: Kind): Promise<number>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

function providersFile(sandboxUrl: string): string {
  const entry = (kind: Kind) => ({
    id: kind,
    kind,
    displayName: kind,
    endpoints: { apiBaseUrl: `${sandboxUrl}/${kind}` },
    clientId: TEST_CLIENTS[kind].clientId,
    clientSecretEnv: `${kind.toUpperCase()}_SECRET`,
    redirectUri: TEST_REDIRECT_URI,
    timeoutMs: 2_000,
  });
  const path = join(mkdtempSync(join(tmpdir(), 'bff-refresh-')), 'providers.json');
  writeFileSync(path, JSON.stringify({ providers: [entry('calcom'), entry('bluejeans')] }));
  return path;
}

async function boot(config: AppConfig): Promise<Instance> {
  const app = await createApp(config);
  await app.init();
  return {
    app,
    refresh: app.get(TokenRefreshService),
    accounts: app.get(LinkedAccountsService),
    sessions: app.get(SessionService),
    registry: app.get(ProviderRegistry),
  };
}

/**
 * The real sandbox and two whole BFF apps on one Postgres schema and one Redis prefix:
 * two instances of a fleet, sharing only what production instances share.
 */
export async function startRefreshStack(overrides: Record<string, string> = {}): Promise<RefreshStack> {
  const sandbox = await startHarness();
  const first = integrationConfig();
  const env = {
    DATABASE_SCHEMA: first.database.schema,
    REDIS_KEY_PREFIX: first.redis.keyPrefix,
    TOKEN_KEYS: newKey('k1'),
    PROVIDERS_FILE: providersFile(sandbox.url),
    CALCOM_SECRET: TEST_CLIENTS.calcom.secret,
    BLUEJEANS_SECRET: TEST_CLIENTS.bluejeans.secret,
    TOKEN_REFRESH_SKEW_SECONDS: '1',
    ...overrides,
  };
  const config = integrationConfig(env);
  // One after the other: the first runs the migrations on the shared schema.
  const a = await boot(config);
  const b = await boot(integrationConfig(env));
  const userId = (await a.app.get(DataSource).getRepository(UserEntity).save({ displayName: 'refresh test user' })).id;
  const control = (method: string, path: string, body?: unknown) =>
    method === 'GET' ? getJson(`${sandbox.url}/_control${path}`) : sendJson(method, `${sandbox.url}/_control${path}`, body);
  return {
    sandbox,
    a,
    b,
    userId,
    control,
    linkFresh: async (kind, expired = false) => {
      const adapter = a.registry.get(kind);
      const tokens = await loginAndExchange(adapter);
      const identity = await adapter.identity(tokens);
      return a.accounts.link({
        userId,
        provider: kind,
        subject: identity.subject,
        scopes: tokens.scopes,
        grantType: 'authorization_code',
        tokens: expired ? { ...tokens, expiresAt: new Date(Date.now() - 1_000) } : tokens,
      });
    },
    refreshCount: async (kind) => (await control('GET', '/counters')).body?.[kind]?.[TEST_CLIENTS[kind].clientId]?.refresh ?? 0,
    close: async () => {
      await Promise.allSettled([a.app.close(), b.app.close()]);
      await dropSchema(config);
      await sandbox.close();
    },
  };
}
