import pg from 'pg';
import { startBffProcess, type BffProcess } from '../../support/bff-process.js';
import { TEST_DATABASE_URL } from '../../support/test-env.js';
import { uniqueSuffix } from '../../support/unique.js';

export interface FaultInstance {
  bff: BffProcess;
  /** Environment the instance was started with (to start a sibling on the same schema and Redis). */
  env: Record<string, string>;
  /** Stops the process (if still running) and drops its schema. */
  close(): Promise<void>;
}

/**
 * One BFF process (built `dist/main.js`) on its own database schema and the given
 * Redis, so a fault suite can signal or starve it without affecting other suites.
 * An empty string in `env` removes that variable (e.g. REDIS_URL in Sentinel mode).
 */
export async function startFaultInstance(redisUrl: string, env: Record<string, string> = {}): Promise<FaultInstance> {
  const suffix = uniqueSuffix();
  const merged: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `t_${suffix}`,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `t${suffix}:`,
    SANDBOX_ENABLED: 'false',
    ...env,
  };
  const fullEnv = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''));
  const bff = await startBffProcess(fullEnv);
  return {
    bff,
    env: fullEnv,
    close: async () => {
      await bff.stop();
      await dropSchema(fullEnv.DATABASE_SCHEMA);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Resolves with the exit code, and how long after `since` the process ended. */
export function exitOf(bff: BffProcess, since: () => number): Promise<{ code: number | null; afterMs: number }> {
  return new Promise((resolve) => {
    if (bff.child.exitCode !== null) return resolve({ code: bff.child.exitCode, afterMs: 0 });
    bff.child.once('exit', (code) => resolve({ code, afterMs: Date.now() - since() }));
  });
}
