import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config.js';
import { openDataSource } from '../../src/database/open-data-source.js';
import { dropSchema } from '../support/test-app.js';
import { integrationConfig } from '../support/test-config.js';

/** Pool size and statement timeout from config, as real Postgres enforces them. */
describe('Postgres pool settings from config', () => {
  let config: AppConfig;
  let dataSource: DataSource;

  beforeAll(async () => {
    config = integrationConfig({ DATABASE_POOL_MAX: '2', DATABASE_STATEMENT_TIMEOUT_MS: '2000' });
    dataSource = await openDataSource(config.database);
  }, 60_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await dropSchema(config);
  });

  it('never opens more connections than DATABASE_POOL_MAX', async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, () => dataSource.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.2)') as Promise<{ pid: number }[]>));
    const backends = new Set(rows.map(([row]) => row.pid));
    expect(backends.size).toBeGreaterThanOrEqual(1);
    expect(backends.size).toBeLessThanOrEqual(2);
  });

  it('the server cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    await expect(dataSource.query('SELECT pg_sleep(30)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    // The connection is still usable afterwards.
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('shows the configured limit as the session statement_timeout', async () => {
    expect(await dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '2s' }]);
  });
});
