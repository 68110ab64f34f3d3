import type { DataSource } from 'typeorm';
import { rotateRegistrationTokens } from '../clients/registry/rotate-registration-tokens.js';
import type { KeyRing } from './key-ring.js';
import { LinkedAccountEntity } from './linked-account.entity.js';
import { rotateInPasses } from './rotation-passes.js';
import { openTokens, sealTokens } from './sealed-tokens.js';
import { TokenCipher } from './token-cipher.js';
import { tryUpdateVersioned } from './versioned-update.js';

export interface RotateKeysOptions {
  /** Rows read and re-encrypted per query; keeps memory and lock time small. */
  batchSize?: number;
  /** Passes over the table; rows written concurrently during one pass are retried in the next. */
  maxPasses?: number;
}

/** Counts over both sealed tables: linked accounts and client applications' registration tokens. */
export interface RotationResult {
  /** Rows re-encrypted under the active key by this run. */
  rotated: number;
  /** Rows still under another key afterwards (concurrent writes on every pass, or undecryptable). */
  skipped: number;
  /** Of the skipped: rows whose key is not in the ring or whose ciphertext does not authenticate. */
  undecryptable: number;
}

/**
 * Re-encrypts every linked account whose key_id is not the active key, then every client
 * application's registration access token (rotate-registration-tokens.ts), while the
 * service keeps running: each row is written with the optimistic version check, so a
 * refresh that lands in between wins (it already sealed under the active key, or the
 * row is retried next pass; rotation-passes.ts walks the table).
 */
export async function rotateKeys(dataSource: DataSource, keyRing: KeyRing, options: RotateKeysOptions = {}): Promise<RotationResult> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const maxPasses = Math.max(1, options.maxPasses ?? 3);
  const repository = dataSource.getRepository(LinkedAccountEntity);
  const cipher = new TokenCipher(keyRing);
  const activeKid = keyRing.active.kid;
  const stale = () => repository.createQueryBuilder('a').where('a.key_id <> :activeKid', { activeKid });

  const accounts = await rotateInPasses<LinkedAccountEntity>({
    batchSize,
    maxPasses,
    page: (after, size) => {
      const query = stale().orderBy('a.id', 'ASC').take(size);
      if (after) query.andWhere('a.id > :after', { after });
      return query.getMany();
    },
    rotate: async (row) => {
      let tokens;
      try {
        tokens = openTokens(cipher, row);
      } catch {
        return 'undecryptable';
      }
      // updated_at is kept: re-encryption is not a change anyone should see.
      const values = { ...sealTokens(cipher, row.id, row.provider, tokens), updatedAt: () => 'updated_at' };
      return (await tryUpdateVersioned(repository, row, values)) ? 'rotated' : 'conflict';
    },
  });
  const skipped = await stale().getCount();
  const registrations = await rotateRegistrationTokens(dataSource, cipher, activeKid, { batchSize, maxPasses });
  return {
    rotated: accounts.rotated + registrations.rotated,
    skipped: skipped + registrations.skipped,
    undecryptable: accounts.undecryptable + registrations.undecryptable,
  };
}
