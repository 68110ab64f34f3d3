import type { DataSource } from 'typeorm';
import type { TokenCipher } from '../../tokens/token-cipher.js';
import { ClientApplicationEntity } from './client-application.entity.js';

export interface RegistrationRotation {
  rotated: number;
  /** Rows still under another key afterwards (rewritten concurrently on every pass, or undecryptable). */
  skipped: number;
  undecryptable: number;
}

const binding = (row: Pick<ClientApplicationEntity, 'id' | 'provider'>) => ({ accountId: row.id, provider: row.provider, field: 'registration' as const });

/**
 * keys:rotate's second table: the RFC 7592 registration access tokens of client
 * applications (ClientRegistryService seals them with the same cipher). There is no
 * version column, so each row is written only if its ciphertext is still the one read
 * (compare-and-set): a registration rotated upstream in between keeps its newer token and
 * is retried on the next pass. Walked in id order with a cursor, like the linked accounts.
 */
export async function rotateRegistrationTokens(dataSource: DataSource, cipher: TokenCipher, activeKid: string, options: { batchSize: number; maxPasses: number }): Promise<RegistrationRotation> {
  const { batchSize, maxPasses } = options;
  const repository = dataSource.getRepository(ClientApplicationEntity);
  const undecryptable = new Set<string>();
  const stale = () =>
    repository
      .createQueryBuilder('c')
      .where('c.registration_token_ciphertext IS NOT NULL')
      .andWhere('(c.key_id IS NULL OR c.key_id <> :activeKid)', { activeKid });
  let rotated = 0;

  for (let pass = 0; pass < maxPasses; pass++) {
    let conflicts = 0;
    let cursor: string | undefined;
    for (;;) {
      const query = stale().orderBy('c.id', 'ASC').take(batchSize);
      if (cursor) query.andWhere('c.id > :cursor', { cursor });
      const rows = await query.getMany();
      if (rows.length === 0) break;
      for (const row of rows) {
        let token: string;
        try {
          token = cipher.decrypt(row.registrationTokenCiphertext!, binding(row));
        } catch {
          undecryptable.add(row.id);
          continue;
        }
        const sealed = cipher.encrypt(token, binding(row));
        const result = await repository
          .createQueryBuilder()
          .update(ClientApplicationEntity)
          // updated_at is kept: re-encryption is not a change anyone should see.
          .set({ registrationTokenCiphertext: sealed, keyId: cipher.keyIdOf(sealed), updatedAt: () => 'updated_at' })
          .where('id = :id AND registration_token_ciphertext = :read', { id: row.id, read: row.registrationTokenCiphertext })
          // Counted through RETURNING: PGlite reports no rowCount to TypeORM.
          .returning(['id'])
          .execute();
        if (Array.isArray(result.raw) && result.raw.length === 1) rotated++;
        else conflicts++;
      }
      cursor = rows[rows.length - 1]!.id;
    }
    if (conflicts === 0) break;
  }

  return { rotated, skipped: await stale().getCount(), undecryptable: undecryptable.size };
}
