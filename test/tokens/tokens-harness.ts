import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BootResources } from '../../src/bootstrap/boot-resources.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { ConfigModule } from '../../src/config/config.module.js';
import { loadConfig } from '../../src/config/load-config.js';
import { openDataSource } from '../../src/database/open-data-source.js';
import type { TokenSet } from '../../src/providers/provider-adapter.js';
import { ProvidersModule } from '../../src/providers/providers.module.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { KeyRing } from '../../src/tokens/key-ring.js';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { TokensModule } from '../../src/tokens/tokens.module.js';
import { UserEntity } from '../../src/users/user.entity.js';
import { dropSchema } from '../support/test-app.js';
import { integrationConfig } from '../support/test-config.js';
import { RateLimitModule } from '../../src/rate-limit/rate-limit.module.js';

export const newKey = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;

/** Real Postgres in its own schema, and embedded PGlite: the service must behave the same on both. */
export const storageTargets: [string, (tokenKeys: string) => AppConfig][] = [
  ['Postgres (own schema)', (TOKEN_KEYS) => integrationConfig({ TOKEN_KEYS })],
  ['embedded PGlite', (TOKEN_KEYS) => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'bff-tokens-')), TOKEN_KEYS })],
];

export interface TokensHarness {
  config: AppConfig;
  dataSource: DataSource;
  keyRing: KeyRing;
  service: LinkedAccountsService;
  newUser(): Promise<string>;
  close(): Promise<void>;
}

/** Wires TokensModule through Nest (so the DI setup is tested too) on a freshly migrated database. */
export async function openTokensHarness(makeConfig: (tokenKeys: string) => AppConfig): Promise<TokensHarness> {
  const config = makeConfig(newKey('k1'));
  const dataSource = await openDataSource(config.database);
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config, new BootResources()),
      TypeOrmModule.forRootAsync({ useFactory: () => ({ type: 'postgres' as const }), dataSourceFactory: async () => dataSource }),
      // TokensModule's refresh half needs the key-value store, the provider registry and (via sessions) audit.
      RedisModule,
      // AuditModule's ops read route is rate-limited (@RateLimited needs RateLimits).
      RateLimitModule,
      AuditModule,
      ProvidersModule,
      TokensModule,
    ],
  }).compile();
  return {
    config,
    dataSource,
    keyRing: moduleRef.get(KeyRing),
    service: moduleRef.get(LinkedAccountsService),
    newUser: async () => (await dataSource.getRepository(UserEntity).save({ displayName: `user ${randomUUID()}` })).id,
    close: async () => {
      await moduleRef.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropSchema(config);
      if (config.database.embedded) rmSync(config.database.dataDir, { recursive: true, force: true });
    },
  };
}

/** A token set with unique, recognisable values, so a leak in a row or message is easy to spot. */
export function tokenSet(overrides: Partial<TokenSet> = {}): TokenSet {
  return {
    accessToken: `plain-access-${randomUUID()}`,
    refreshToken: `plain-refresh-${randomUUID()}`,
    expiresAt: new Date(Date.now() + 3_600_000),
    refreshExpiresAt: new Date(Date.now() + 86_400_000),
    scopes: ['openid', 'profile'],
    ...overrides,
  };
}

export const uniqueSubject = () => `sub-${randomUUID()}`;
