import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AuditEventEntity } from '../../src/audit/audit-event.entity.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { migrationsApplied } from '../../src/database/migrations-applied.js';
import { openDataSource } from '../../src/database/open-data-source.js';
import { preparedQuery } from '../../src/database/prepared-query.js';
import { UserEntity } from '../../src/users/user.entity.js';
import { startDeadEndServer } from '../support/dead-end-server.js';
import { dropSchema } from '../support/test-app.js';
import { integrationConfig } from '../support/test-config.js';

const pgliteDir = mkdtempSync(join(tmpdir(), 'bff-pglite-'));
const targets: [string, () => AppConfig][] = [
  ['Postgres (own schema)', () => integrationConfig()],
  ['embedded PGlite', () => loadConfig({ NODE_ENV: 'test', DATA_DIR: pgliteDir })],
];

afterAll(() => rmSync(pgliteDir, { recursive: true, force: true }));

describe.each(targets)('database contract: %s', (_name, makeConfig) => {
  let config: AppConfig;
  let dataSource: DataSource;

  beforeAll(async () => {
    config = makeConfig();
    dataSource = await openDataSource(config.database);
  }, 60_000);

  afterAll(async () => {
    await dataSource.destroy();
    await dropSchema(config);
  });

  it('applies every committed migration', async () => {
    const applied = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(dataSource.migrations.map((m) => m.name));
  });

  it('entities and migrations agree (no schema drift)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('stores and reads users and audit events with database-generated ids', async () => {
    const user = await dataSource.getRepository(UserEntity).save({ displayName: 'Ada', email: 'ada@example.test', roles: ['ops'] });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    const loaded = await dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    expect(loaded).toMatchObject({ displayName: 'Ada', email: 'ada@example.test', roles: ['ops'], lastLoginAt: null });

    await dataSource.getRepository(AuditEventEntity).save({
      actorUserId: user.id,
      action: 'login',
      targetType: 'session',
      outcome: 'success',
      details: { provider: 'generic' },
    });
    const events = await dataSource.getRepository(AuditEventEntity).findBy({ actorUserId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'login', outcome: 'success', details: { provider: 'generic' } });
    expect(events[0].occurredAt).toBeInstanceOf(Date);
  });

  it('knows at a glance that every migration is recorded, and notices one that is not (or a missing table)', async () => {
    const schema = config.database.embedded ? 'public' : config.database.schema;
    await expect(migrationsApplied(dataSource, schema)).resolves.toBe(true);
    // A build with one migration more than the database has seen must run the migrations.
    const newerBuild = Object.assign(Object.create(dataSource) as DataSource, { migrations: [...dataSource.migrations, { name: 'Later9999999999999', up: async () => {}, down: async () => {} }] });
    await expect(migrationsApplied(newerBuild, schema)).resolves.toBe(false);
    await expect(migrationsApplied(dataSource, 'no_such_schema')).resolves.toBe(false);
  });

  it('runs a hot read as a named prepared statement on Postgres (through TypeORM on PGlite), with the same rows', async () => {
    await expect(preparedQuery(dataSource, 'bff_contract_probe', 'SELECT $1::int AS n', [7])).resolves.toEqual([{ n: 7 }]);
    // The pool hands the idle connection back (last in, first out), so this sees the statement if it was prepared.
    const prepared = (await dataSource.query("SELECT name FROM pg_prepared_statements WHERE name = 'bff_contract_probe'")) as unknown[];
    expect(prepared).toHaveLength(config.database.embedded ? 0 : 1);
  });

  it('a second boot on the same database applies nothing new', async () => {
    const again = await openDataSource(config.database === undefined ? config.database : { ...config.database });
    try {
      expect(await again.showMigrations()).toBe(false);
    } finally {
      await again.destroy();
    }
  }, 60_000);
});

describe('database connection failures', () => {
  it('an unreachable DATABASE_URL fails with a readable message and no password', async () => {
    const config = integrationConfig({ DATABASE_URL: 'postgres://nobody:hunter2@127.0.0.1:1/x' });
    const failure = openDataSource(config.database);
    await expect(failure).rejects.toThrow(/Cannot connect to the database \(postgres 127\.0\.0\.1:1\/x\)/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('fails fast: one connection attempt, no retry loop', async () => {
    const database = await startDeadEndServer('reset');
    try {
      const config = integrationConfig({ DATABASE_URL: `postgres://nobody:hunter2@127.0.0.1:${database.port}/x` });
      await expect(openDataSource(config.database)).rejects.toThrow(/Cannot connect to the database/);
      expect(database.connections()).toBe(1);
    } finally {
      await database.close();
    }
  });
});
