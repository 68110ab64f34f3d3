import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_START_PARAMS } from '../../src/database/data-source-options.js';
import { seedFromEmbeddedTemplate, writeEmbeddedTemplate } from '../../src/database/embedded-template.js';

// npm ci makes the template once (scripts/pglite-template.mjs); a first `npm start` copies it
// instead of running initdb. Here in a scratch folder, not the project's node_modules/.cache.
describe('the embedded database template', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'bff-template-'));
  const template = join(scratch, 'cache', 'pglite-template');
  beforeAll(async () => {
    await expect(writeEmbeddedTemplate(template)).resolves.toBe('created');
  }, 300_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is made once: a current template is kept', async () => {
    await expect(writeEmbeddedTemplate(template)).resolves.toBe('current');
  });

  it('seeds an empty data folder with a database that opens and answers', async () => {
    const dataDir = join(scratch, 'data-1');
    expect(seedFromEmbeddedTemplate(dataDir, template)).toBe(true);
    expect(existsSync(join(dataDir, '.pglite-version'))).toBe(false);
    const db = await PGlite.create(dataDir, { startParams: [...EMBEDDED_START_PARAMS] });
    try {
      await db.exec('CREATE TABLE notes (id int PRIMARY KEY, body text)');
      await db.query('INSERT INTO notes VALUES (1, $1)', ['kept']);
      const { rows } = await db.query<{ body: string; shared_buffers: string }>("SELECT body, current_setting('shared_buffers') AS shared_buffers FROM notes");
      expect(rows).toEqual([{ body: 'kept', shared_buffers: '16MB' }]);
    } finally {
      await db.close();
    }
    // The template itself is untouched by what the copy stored.
    expect(seedFromEmbeddedTemplate(join(scratch, 'data-2'), template)).toBe(true);
    const fresh = await PGlite.create(join(scratch, 'data-2'), { startParams: [...EMBEDDED_START_PARAMS] });
    try {
      const { rows } = await fresh.query<{ present: boolean }>("SELECT to_regclass('notes') IS NOT NULL AS present");
      expect(rows).toEqual([{ present: false }]);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('never touches a data folder that already holds a database', () => {
    const dataDir = join(scratch, 'data-1');
    const before = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8');
    expect(seedFromEmbeddedTemplate(dataDir, template)).toBe(false);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8')).toBe(before);
  });

  it('is not used when it was made by another PGlite version (initdb runs as before)', () => {
    const stale = join(scratch, 'stale-template');
    rmSync(stale, { recursive: true, force: true });
    expect(seedFromEmbeddedTemplate(join(scratch, 'unused'), join(scratch, 'missing'))).toBe(false);
    // A copy of the template with another version in its marker.
    expect(seedFromEmbeddedTemplate(stale, template)).toBe(true);
    writeFileSync(join(stale, '.pglite-version'), '0.0.1');
    expect(seedFromEmbeddedTemplate(join(scratch, 'data-3'), stale)).toBe(false);
    expect(existsSync(join(scratch, 'data-3', 'PG_VERSION'))).toBe(false);
  });
});
