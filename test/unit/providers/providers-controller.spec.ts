import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { BootResources } from '../../../src/bootstrap/boot-resources.js';
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { ConfigModule } from '../../../src/config/config.module.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { ProviderRegistry } from '../../../src/providers/provider-registry.js';
import { ProvidersModule } from '../../../src/providers/providers.module.js';
import { IS_PUBLIC_KEY } from '../../../src/sessions/public.decorator.js';
import { ProvidersController } from '../../../src/providers/providers.controller.js';

// The registry as the app builds it (no providers file: sandbox defaults) and the public listing route.
let app: INestApplication;

beforeAll(async () => {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config, new BootResources()), ProvidersModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  await app.init();
});
afterAll(() => app?.close());

describe('ProviderRegistry', () => {
  it('lists adapters and config entries by id; an unknown id is a 404 provider_not_found', () => {
    const registry = app.get(ProviderRegistry);
    expect(registry.list().map((a) => a.kind)).toEqual(['bluejeans', 'genesys', 'calcom', 'phonecom']);
    expect(registry.get('calcom').capabilities.echoesState).toBe(false);
    expect(registry.configOf('genesys').clientId).toBe('0c0ffee0-0000-4000-8000-000000000001');
    let thrown: unknown;
    try {
      registry.get('<nope>');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'provider_not_found', status: 404 });
    expect((thrown as Error).message).not.toContain('<');
  });
});

describe('GET /v1/auth/providers', () => {
  it('is public and returns ids, names, capabilities, login URLs and grants, never client ids or secrets', async () => {
    expect(Reflect.getMetadata(IS_PUBLIC_KEY, ProvidersController.prototype.listProviders)).toBe(true);
    const res = await request(app.getHttpServer()).get('/v1/auth/providers');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toHaveLength(4);
    expect(res.body[0]).toEqual({
      id: 'bluejeans',
      kind: 'bluejeans',
      displayName: 'BlueJeans (sandbox)',
      loginUrl: '/v1/auth/bluejeans/login',
      grants: { password: false, meeting: false, clientCredentials: false },
      capabilities: {
        pkce: true,
        echoesState: true,
        issParameter: false,
        refresh: true,
        rotatesRefreshTokens: true,
        revoke: true,
        tokenInfo: true,
        passwordGrant: false,
        meetingGrant: false,
        clientCredentials: false,
        backchannelLogout: false,
        rpInitiatedLogout: false,
        par: false,
        dpop: false,
      },
    });
    expect(res.text).not.toMatch(/demo-client|demo-secret|0c0ffee0|clientId|secret/i);
  });
});
