import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.http).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', corsOrigins: [], trustProxy: false, bodyLimit: '100kb', bodyLimitBytes: 102_400 });
    expect(config.database).toMatchObject({ embedded: true, dataDir: './.data', migrationsRun: true });
    expect(config.redis).toMatchObject({ embedded: true, keyPrefix: 'bff:' });
    expect(config.sandbox).toMatchObject({ enabled: true, port: 4010, control: false });
  });

  it('names every bad variable and what is wrong with it', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud', CORS_ORIGINS: 'not a url' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^DATABASE_URL: must be a URL using one of postgres:, postgresql:/),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^CORS_ORIGINS/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('rejects booleans spelled loosely instead of guessing', () => {
    expect(problemsOf({ SANDBOX_CONTROL: 'maybe' })).toEqual([expect.stringMatching(/^SANDBOX_CONTROL: /)]);
  });

  it('production refuses the embedded database and in-process store unless told otherwise', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: required in production/),
      expect.stringMatching(/^TOKEN_KEYS: required in production/),
      expect.stringMatching(/^REDIS_URL: required in production/),
    ]);
    const allowed = loadConfig({ NODE_ENV: 'production', ALLOW_EMBEDDED_IN_PRODUCTION: 'true', ALLOW_GENERATED_KEYS_IN_PRODUCTION: 'true' });
    expect(allowed.database.embedded).toBe(true);
    expect(allowed.sandbox.enabled).toBe(false);
  });

  it('parses lists, hop counts and host:port pairs', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '2',
      REDIS_MODE: 'sentinel',
      REDIS_SENTINELS: 's1:26379,s2:26380',
      REDIS_URL: 'redis://:pw@ignored:6379',
    });
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.http.trustProxy).toBe(2);
    expect(config.redis.sentinels).toEqual([
      { host: 's1', port: 26379 },
      { host: 's2', port: 26380 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'nohostport' })).toThrow(/REDIS_CLUSTER_NODES: "nohostport" is not host:port/);
  });

  it('parses the token key ring and refuses keys that are not 256 bits', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = loadConfig({ TOKEN_KEYS: `k2:${key},k1:${Buffer.alloc(32, 1).toString('base64url')}` });
    expect(config.tokens.keys?.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(config.tokens.keys?.[0].key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() => loadConfig({ TOKEN_KEYS: `k1:${Buffer.alloc(31).toString('base64')}A` })).toThrow(/TOKEN_KEYS/);
    expect(() => loadConfig({ TOKEN_KEYS: `k1:${key},k1:${key}` })).toThrow(/TOKEN_KEYS: key ids must be unique/);
  });

  it('app origins always include the public origin', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://bff.example/', APP_ORIGINS: 'https://app.example/path' });
    expect(config.sessions.appOrigins).toEqual(['https://bff.example', 'https://app.example']);
  });

  it('a config error message lists each problem on its own line', () => {
    expect(() => loadConfig({ PORT: '-1' })).toThrow(/Invalid configuration:\n {2}- PORT: /);
  });
});
