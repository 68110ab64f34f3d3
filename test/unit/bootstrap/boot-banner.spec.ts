import { bootBanner } from '../../../src/bootstrap/boot-banner.js';
import { loadConfig } from '../../../src/config/load-config.js';

const SANDBOX = 'http://127.0.0.1:4310';

// The one block a newcomer reads after `npm start`: every URL, the demo users, what is embedded.
describe('boot banner', () => {
  it('on embedded defaults and another port: BFF, Swagger UI, a login link, sandbox, demo users, demo app, embedded parts, boot cost', () => {
    const config = loadConfig({ PORT: '3310' });
    const banner = bootBanner({ config, providerIds: ['bluejeans', 'genesys'], sandboxUrl: SANDBOX, boot: { wallMs: 2_345, cpuMs: 1_900 } });
    expect(banner).toContain('oauth-bff ready (development) in 2.3 s (1.9 s CPU)');
    expect(banner).toContain('BFF          http://localhost:3310');
    expect(banner).toContain('Swagger UI   http://localhost:3310/docs');
    expect(banner).toContain('Log in       http://localhost:3310/v1/auth/bluejeans/login?returnTo=/docs');
    expect(banner).toContain('Providers    bluejeans, genesys');
    expect(banner).toContain(`Sandbox      ${SANDBOX}`);
    expect(banner).toContain('alice / alice-password');
    // Without CORS_ORIGINS/APP_ORIGINS the demo app could not call in: the banner says what to set.
    expect(banner).toMatch(/Demo app {5}http:\/\/localhost:5173 .*CORS_ORIGINS=http:\/\/localhost:5173 APP_ORIGINS=http:\/\/localhost:5173/);
    expect(banner).toMatch(/Embedded {5}PGlite database in .*; in-process session store .*; generated token key .*; sandbox upstream/);
    expect(banner).toContain('environment only (no .env file)');
  });

  it('with external Postgres and Redis, the demo origins allowed and a .env file: says so', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bff',
      REDIS_URL: 'redis://127.0.0.1:6379',
      TOKEN_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      CORS_ORIGINS: 'http://localhost:5173',
      APP_ORIGINS: 'http://localhost:5173',
    });
    const banner = bootBanner({ config, providerIds: ['generic'], envFile: '.env' });
    expect(banner).toContain('Demo app     http://localhost:5173  (npm run demo)\n');
    expect(banner).toContain('Embedded     none (external Postgres and Redis)');
    expect(banner).toContain('.env + environment');
    expect(banner).not.toContain('Sandbox');
    expect(banner).not.toContain('in 0.');
  });
});
