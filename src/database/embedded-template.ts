import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

// Creating an embedded database runs Postgres' initdb inside WebAssembly: about 8 s of CPU,
// most of a first `npm start`. `npm ci` (its `prepare` step) does it once into a template,
// and a new DATA_DIR starts as a copy of it (a tenth of a second). The template lives in
// node_modules/.cache, so a new install (perhaps of another PGlite) makes a new one.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATE_DIR = join(ROOT, 'node_modules/.cache/oauth-bff/pglite-template');
const VERSION_FILE = '.pglite-version';

function pgliteVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function templateIsCurrent(templateDir: string): boolean {
  const version = pgliteVersion();
  if (!version || !existsSync(join(templateDir, 'PG_VERSION'))) return false;
  try {
    return readFileSync(join(templateDir, VERSION_FILE), 'utf8') === version;
  } catch {
    return false;
  }
}

/** Makes the template unless a current one exists. Built aside and renamed into place, so a reader never sees half of one. */
export async function writeEmbeddedTemplate(templateDir = TEMPLATE_DIR): Promise<'created' | 'current'> {
  if (templateIsCurrent(templateDir)) return 'current';
  const parent = join(templateDir, '..');
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, '.pglite-template-'));
  try {
    const db = await PGlite.create(staging);
    await db.close(); // a clean shutdown: the copy opens without crash recovery
    writeFileSync(join(staging, VERSION_FILE), pgliteVersion() ?? 'unknown');
    rmSync(templateDir, { recursive: true, force: true });
    renameSync(staging, templateDir);
    return 'created';
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A data folder without a database starts as a copy of the template (when there is a current one). */
export function seedFromEmbeddedTemplate(dataDir: string, templateDir = TEMPLATE_DIR): boolean {
  if (existsSync(join(dataDir, 'PG_VERSION')) || !templateIsCurrent(templateDir)) return false;
  cpSync(templateDir, dataDir, { recursive: true, filter: (source) => !source.endsWith(VERSION_FILE) });
  return true;
}
