import 'reflect-metadata';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { loadConfig } from '../config/load-config.js';
import { openDataSource } from '../database/open-data-source.js';
import { KeyRing } from './key-ring.js';
import { rotateKeys } from './rotate-keys.js';

/**
 * `npm run keys:rotate [-- --batch-size=N]`: re-encrypts every linked account and every
 * client registration access token under the active (first) key of TOKEN_KEYS while the
 * service keeps running. Exits 1 when rows
 * are left on an old key, so the old key is not removed by mistake. See docs/tokens.md.
 */
async function main(): Promise<number> {
  // An entry point like main.ts: configuration is read here once, through loadConfig.
  const config = loadConfig(process.env);
  const batchArg = process.argv.find((arg) => arg.startsWith('--batch-size='));
  const batchSize = batchArg ? Number(batchArg.split('=')[1]) : 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a positive integer');

  const keyRing = KeyRing.fromConfig(config.tokens);
  const dataSource = await openDataSource(config.database);
  try {
    const result = await rotateKeys(dataSource, keyRing, { batchSize });
    await new AuditService(dataSource.getRepository(AuditEventEntity)).record({
      action: 'key_rotation',
      targetType: 'token_keys',
      targetId: keyRing.active.kid,
      outcome: result.skipped === 0 ? 'success' : 'failure',
      details: { ...result },
    });
    console.log(
      `keys:rotate active key ${keyRing.active.kid}: rotated ${result.rotated}, skipped ${result.skipped}` +
        ` (undecryptable ${result.undecryptable})`,
    );
    return result.skipped === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`keys:rotate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
