import { DomainError } from '../common/errors/domain-error.js';

/** Stable codes of the tokens module; clients and the auth module switch on these. */
export const TokenErrorCode = {
  DecryptFailed: 'token_decrypt_failed',
  AccountLinkedElsewhere: 'account_linked_elsewhere',
  ConcurrentUpdate: 'concurrent_update',
} as const;

/**
 * A stored token could not be opened: unknown key id, malformed envelope, or a failed
 * GCM tag (tampered, or copied from another row/column). The message never carries
 * ciphertext; `reason` is one of a fixed set of words.
 */
export class TokenDecryptError extends DomainError {
  constructor(reason: 'malformed' | 'unknown_key' | 'authentication_failed') {
    super(TokenErrorCode.DecryptFailed, 500, `A stored provider token could not be decrypted (${reason}).`, { reason });
  }
}

export class AccountLinkedElsewhereError extends DomainError {
  constructor(provider: string) {
    super(TokenErrorCode.AccountLinkedElsewhere, 409, `This ${provider} account is already linked to another user.`, { provider });
  }
}

/** The row changed since it was read (optimistic version check); re-read and retry. */
export class ConcurrentUpdateError extends DomainError {
  constructor() {
    super(TokenErrorCode.ConcurrentUpdate, 409, 'The linked account was changed concurrently; retry.');
  }
}
