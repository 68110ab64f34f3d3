import type { QueryDeepPartialEntity, Repository } from 'typeorm';
import { LinkedAccountEntity } from './linked-account.entity.js';
import { ConcurrentUpdateError } from './token-errors.js';

type Versioned = Pick<LinkedAccountEntity, 'id' | 'version'>;

/**
 * `UPDATE linked_accounts SET ... WHERE id = ? AND version = ?` (TypeORM adds
 * `version = version + 1`, and `updated_at = now()` unless `values` sets it).
 * Returns false when no row matched: someone else wrote (or deleted) the row since
 * it was read, and nothing was written.
 *
 * Rows are counted through RETURNING because PGlite reports no rowCount to TypeORM.
 */
export async function tryUpdateVersioned(
  repository: Repository<LinkedAccountEntity>,
  account: Versioned,
  values: QueryDeepPartialEntity<LinkedAccountEntity>,
): Promise<boolean> {
  const result = await repository
    .createQueryBuilder()
    .update(LinkedAccountEntity)
    .set(values)
    .where('id = :id AND version = :version', { id: account.id, version: account.version })
    .returning(['id'])
    .execute();
  return Array.isArray(result.raw) && result.raw.length === 1;
}

/** tryUpdateVersioned, then the fresh row; 409 concurrent_update when the version moved on. */
export async function updateVersioned(
  repository: Repository<LinkedAccountEntity>,
  account: Versioned,
  values: QueryDeepPartialEntity<LinkedAccountEntity>,
): Promise<LinkedAccountEntity> {
  if (!(await tryUpdateVersioned(repository, account, values))) throw new ConcurrentUpdateError();
  return repository.findOneByOrFail({ id: account.id });
}
