import type { DataSource } from 'typeorm';
import type { TokenCipher } from '../../tokens/token-cipher.js';
import { rotateInPasses } from '../../tokens/rotation-passes.js';
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
 * is retried on the next pass (rotation-passes.ts walks the table).
 */
export async function rotateRegistrationTokens(dataSource: DataSource, cipher: TokenCipher, activeKid: string, options: { batchSize: number; maxPasses: number }): Promise<RegistrationRotation> {
  const repository = dataSource.getRepository(ClientApplicationEntity);
  const stale = () =>
    repository
      .createQueryBuilder('c')
      .where('c.registration_token_ciphertext IS NOT NULL')
      .andWhere('(c.key_id IS NULL OR c.key_id <> :activeKid)', { activeKid });

  const { rotated, undecryptable } = await rotateInPasses<ClientApplicationEntity>({
    ...options,
    page: (after, size) => {
      const query = stale().orderBy('c.id', 'ASC').take(size);
      if (after) query.andWhere('c.id > :after', { after });
      return query.getMany();
    },
    rotate: async (row) => {
      let token: string;
      try {
        token = cipher.decrypt(row.registrationTokenCiphertext!, binding(row));
      } catch {
        return 'undecryptable';
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
      return Array.isArray(result.raw) && result.raw.length === 1 ? 'rotated' : 'conflict';
    },
  });
  return { rotated, skipped: await stale().getCount(), undecryptable };
}
