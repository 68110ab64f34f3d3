import type { LinkedAccountDto } from './linked-account.dto.js';
import type { LinkedAccountEntity } from './linked-account.entity.js';

/**
 * What clients may see of a linked account. An explicit allowlist of fields, so a
 * column added later (or the ciphertexts) never reaches a response by accident.
 */
export function toLinkedAccountView(account: LinkedAccountEntity): LinkedAccountDto {
  return {
    provider: account.provider,
    subject: account.subject,
    scopes: [...account.scopes],
    grantType: account.grantType,
    status: account.status,
    accessExpiresAt: account.accessExpiresAt?.toISOString() ?? null,
    refreshExpiresAt: account.refreshExpiresAt?.toISOString() ?? null,
    linkedAt: account.createdAt.toISOString(),
  };
}
