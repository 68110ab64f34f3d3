import type { DataSource } from 'typeorm';
import { rotateRegistrationTokens } from '../clients/registry/rotate-registration-tokens.js';
import type { KeyRing } from './key-ring.js';
import { LinkedAccountEntity } from './linked-account.entity.js';
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
 * row is retried next pass). Rows are walked in id order with a cursor, so a row that
 * cannot be rotated is not fetched again within a pass.
 */
export async function rotateKeys(dataSource: DataSource, keyRing: KeyRing, options: RotateKeysOptions = {}): Promise<RotationResult> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const maxPasses = Math.max(1, options.maxPasses ?? 3);
  const repository = dataSource.getRepository(LinkedAccountEntity);
  const cipher = new TokenCipher(keyRing);
  const activeKid = keyRing.active.kid;
  const undecryptable = new Set<string>();
  let rotated = 0;

  for (let pass = 0; pass < maxPasses; pass++) {
    let conflicts = 0;
    let cursor: string | undefined;
    for (;;) {
      const query = repository.createQueryBuilder('a').where('a.key_id <> :activeKid', { activeKid }).orderBy('a.id', 'ASC').take(batchSize);
      if (cursor) query.andWhere('a.id > :cursor', { cursor });
      const rows = await query.getMany();
      if (rows.length === 0) break;
      for (const row of rows) {
        let tokens;
        try {
          tokens = openTokens(cipher, row);
        } catch {
          undecryptable.add(row.id);
          continue;
        }
        // updated_at is kept: re-encryption is not a change anyone should see.
        const values = { ...sealTokens(cipher, row.id, row.provider, tokens), updatedAt: () => 'updated_at' };
        if (await tryUpdateVersioned(repository, row, values)) rotated++;
        else conflicts++;
      }
      cursor = rows[rows.length - 1].id;
    }
    if (conflicts === 0) break;
  }

  const skipped = await repository.createQueryBuilder('a').where('a.key_id <> :activeKid', { activeKid }).getCount();
  const registrations = await rotateRegistrationTokens(dataSource, cipher, activeKid, { batchSize, maxPasses });
  return {
    rotated: rotated + registrations.rotated,
    skipped: skipped + registrations.skipped,
    undecryptable: undecryptable.size + registrations.undecryptable,
  };
}
