import { loadConfig } from '../../src/config/load-config.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './test-env.js';
import { uniqueSuffix } from './unique.js';

/** Real Postgres and Redis, isolated per call by a fresh schema and key prefix. */
export function integrationConfig(overrides: Record<string, string> = {}): AppConfig {
  const suffix = uniqueSuffix();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `t_${suffix}`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `t${suffix}:`,
    SANDBOX_ENABLED: 'false',
    // The local Postgres and Redis always answer; on a loaded CI machine the answer can still
    // arrive after the 5 s production default (a stalled event loop runs the timer first).
    // Suites that prove a connect timeout set their own, short one against a dead-end server.
    DATABASE_CONNECT_TIMEOUT_MS: '30000',
    REDIS_CONNECT_TIMEOUT_MS: '30000',
    // Suites make many logins and calls from 127.0.0.1 in quick succession; with the production
    // quotas, whether they pass would depend on how fast the machine is. Rate-limit suites set their own.
    ...Object.fromEntries(['LOGIN', 'TOKEN_EXCHANGE', 'GRANTS', 'RELAY', 'MANAGEMENT'].map((c) => [`RATE_LIMIT_${c}`, '1000000/60'])),
    ...overrides,
  });
}
