import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory into process.env with Node's own parser
 * (`process.loadEnvFile`); variables already set in the environment win. Skipped when
 * NODE_ENV=test so a developer's `.env` never leaks into the processes tests spawn.
 * Returns the file read, for the boot banner.
 */
export function loadDotEnvFile(path = '.env'): string | undefined {
  if (process.env.NODE_ENV === 'test' || !existsSync(path)) return undefined;
  process.loadEnvFile(path);
  return path;
}
