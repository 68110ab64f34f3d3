import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/load-config.js';
import { poolOptions } from '../../../src/database/data-source-options.js';

const postgres = { DATABASE_URL: 'postgres://db/bff' };

describe('Postgres pool configuration', () => {
  it('defaults: ten connections, 10 s statements, 30 s idle', () => {
    expect(poolOptions(loadConfig(postgres).database)).toEqual({
      options: '-c search_path=public',
      max: 10,
      idleTimeoutMillis: 30_000,
      statement_timeout: 10_000,
      query_timeout: 11_000,
    });
  });

  it('0 turns the statement limit off on both sides', () => {
    const options = poolOptions(loadConfig({ ...postgres, DATABASE_STATEMENT_TIMEOUT_MS: '0', DATABASE_POOL_MAX: '40' }).database);
    expect(options).not.toHaveProperty('statement_timeout');
    expect(options).not.toHaveProperty('query_timeout');
    expect(options.max).toBe(40);
  });

  it('refuses a pool of zero or an absurd one, naming the variable', () => {
    expect(() => loadConfig({ ...postgres, DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => loadConfig({ ...postgres, DATABASE_POOL_MAX: '5000' })).toThrow(/DATABASE_POOL_MAX/);
  });
});
