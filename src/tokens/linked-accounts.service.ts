import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QueryDeepPartialEntity, Repository } from 'typeorm';
import type { TokenSet } from '../providers/provider-adapter.js';
import { LinkedAccountEntity, type LinkedAccountStatus, type LinkGrantType } from './linked-account.entity.js';
import { DpopKey } from '../providers/dpop/dpop-key.js';
import { openAccessToken, openDpopKey, openTokens, sealTokens, type StoredTokens } from './sealed-tokens.js';
import { TokenCipher } from './token-cipher.js';
import { AccountLinkedElsewhereError, ConcurrentUpdateError } from './token-errors.js';
import { updateVersioned } from './versioned-update.js';
import { KvStore } from '../redis/kv-store.port.js';
import { LINKED_ACCOUNT_CHANGED } from './refresh/hot-token-cache.js';

export interface LinkInput {
  userId: string;
  provider: string;
  subject: string;
  scopes: string[];
  grantType: string;
  tokens: TokenSet;
}

const GRANT_TYPES: readonly string[] = ['authorization_code', 'password', 'meeting_passcode', 'client_credentials'];
const MAX_ATTEMPTS = 3;

/**
 * Linked upstream accounts and their encrypted tokens: the tokens module's public API.
 * Every write after the insert is version-checked (optimistic lock), so a refresh never
 * silently overwrites a concurrent one.
 */
@Injectable()
export class LinkedAccountsService {
  constructor(
    @InjectRepository(LinkedAccountEntity) private readonly accounts: Repository<LinkedAccountEntity>,
    @Inject(TokenCipher) private readonly cipher: TokenCipher,
    @Inject(KvStore) private readonly kv: KvStore,
  ) {}

  /** Tells every instance a link changed, so in-memory token caches drop it (HotTokenCache). */
  private async announce(accountId: string): Promise<void> {
    await this.kv.publish(LINKED_ACCOUNT_CHANGED, accountId).catch(() => undefined);
  }

  /**
   * Links (provider, subject) to the user, or refreshes an existing link of the same user
   * with the new tokens (status back to active). Refused with 409 account_linked_elsewhere
   * when another user holds that upstream account.
   */
  async link(input: LinkInput): Promise<LinkedAccountEntity> {
    if (!GRANT_TYPES.includes(input.grantType)) throw new Error(`Unknown grant type "${input.grantType}"`);
    // Two logins of the same upstream account can race (the loser's insert finds the
    // row taken) or meet a concurrent refresh (version check): re-read and retry.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const existing = await this.findBySubject(input.provider, input.subject);
      if (existing && existing.userId !== input.userId) throw new AccountLinkedElsewhereError(input.provider);
      if (!existing) {
        const inserted = await this.insert(input);
        if (inserted) return inserted;
        continue;
      }
      try {
        const relinked = await this.relink(existing, input);
        await this.announce(relinked.id);
        return relinked;
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError)) throw error;
      }
    }
    throw new ConcurrentUpdateError();
  }

  findBySubject(provider: string, subject: string): Promise<LinkedAccountEntity | null> {
    return this.accounts.findOneBy({ provider, subject });
  }

  /** One row by id: the refresh path re-reads the exact row it holds the lock for. */
  findById(id: string): Promise<LinkedAccountEntity | null> {
    return this.accounts.findOneBy({ id });
  }

  listForUser(userId: string): Promise<LinkedAccountEntity[]> {
    return this.accounts.find({ where: { userId }, order: { provider: 'ASC', createdAt: 'ASC' } });
  }

  /** The user's link for a provider; with several subjects for one provider, the most recently updated. */
  findForUser(userId: string, provider: string): Promise<LinkedAccountEntity | null> {
    return this.accounts.findOne({ where: { userId, provider }, order: { updatedAt: 'DESC', createdAt: 'DESC' } });
  }

  /** Decrypts the row's tokens; TokenDecryptError (500 token_decrypt_failed) if they do not authenticate. */
  readTokens(account: LinkedAccountEntity): StoredTokens {
    return openTokens(this.cipher, account);
  }

  /** Decrypts only the access token (the relay's hot path never needs the refresh token). */
  readAccessToken(account: LinkedAccountEntity): string {
    return openAccessToken(this.cipher, account);
  }

  /**
   * The DPoP key the row's access token is bound to (RFC 9449), or undefined for a bearer
   * token. Async because the key is imported into WebCrypto; bearer rows cost nothing.
   */
  async readDpopKey(account: LinkedAccountEntity): Promise<DpopKey | undefined> {
    const serialized = openDpopKey(this.cipher, account);
    return serialized === undefined ? undefined : DpopKey.fromSerialized(serialized);
  }

  /**
   * Stores refreshed tokens under the active key, version-checked against `account`
   * (409 concurrent_update if the row changed since it was read). What the provider did
   * not send is kept: no new refresh token keeps the old one (re-sealed under the active
   * key), an empty scope list keeps the old scopes, no `extra` keeps the old extra. The DPoP
   * key is the one the new access token is bound to (none: a bearer token, the column is cleared).
   */
  async replaceTokens(account: LinkedAccountEntity, tokens: TokenSet): Promise<LinkedAccountEntity> {
    const keepRefresh = tokens.refreshToken === undefined && account.refreshTokenCiphertext !== null;
    const refreshToken = keepRefresh ? this.readTokens(account).refreshToken : tokens.refreshToken;
    const updated = await updateVersioned(this.accounts, account, {
      ...sealTokens(this.cipher, account.id, account.provider, storedTokens({ ...tokens, refreshToken })),
      scopes: tokens.scopes.length > 0 ? tokens.scopes : account.scopes,
      accessExpiresAt: tokens.expiresAt ?? null,
      refreshExpiresAt: keepRefresh ? account.refreshExpiresAt : (tokens.refreshExpiresAt ?? null),
      ...(tokens.extra !== undefined ? { extra: jsonb(tokens.extra) } : {}),
      status: 'active',
    });
    await this.announce(account.id);
    return updated;
  }

  /** Unconditional status change (e.g. refresh_failed on invalid_grant); bumps the version. */
  async setStatus(accountId: string, status: LinkedAccountStatus): Promise<void> {
    await this.accounts.createQueryBuilder().update(LinkedAccountEntity).set({ status }).where('id = :id', { id: accountId }).execute();
    await this.announce(accountId);
  }

  /**
   * Deletes the user's link for a provider (the one findForUser returns) and hands back
   * the row plus its tokens, decrypted BEFORE the delete, so the caller can revoke them
   * upstream afterwards. `tokens` is null when they no longer decrypt (e.g. their key was
   * dropped): the link is still removed, there is just nothing to revoke. The delete is
   * version-checked (re-read on conflict), so tokens refreshed concurrently are not
   * deleted unrevoked.
   */
  async unlink(userId: string, provider: string): Promise<{ account: LinkedAccountEntity; tokens: StoredTokens | null } | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const account = await this.findForUser(userId, provider);
      if (!account) return null;
      const tokens = this.tryReadTokens(account);
      const deleted = await this.accounts
        .createQueryBuilder()
        .delete()
        .from(LinkedAccountEntity)
        .where('id = :id AND version = :version', { id: account.id, version: account.version })
        .returning(['id'])
        .execute();
      if (Array.isArray(deleted.raw) && deleted.raw.length === 1) {
        await this.announce(account.id);
        return { account, tokens };
      }
    }
    throw new ConcurrentUpdateError();
  }

  /** Inserts a new link; null when a concurrent login inserted the same (provider, subject) first. */
  private async insert(input: LinkInput): Promise<LinkedAccountEntity | null> {
    // The id is chosen here, not by the database: it is part of the ciphertexts' AAD.
    const id = randomUUID();
    // ON CONFLICT DO NOTHING rather than catching a unique violation: a failed query
    // would be logged by TypeORM with its parameters, i.e. with the ciphertexts.
    const inserted = await this.accounts
      .createQueryBuilder()
      .insert()
      .into(LinkedAccountEntity)
      .values({
        id,
        userId: input.userId,
        provider: input.provider,
        subject: input.subject,
        scopes: input.scopes,
        grantType: input.grantType as LinkGrantType,
        ...sealTokens(this.cipher, id, input.provider, storedTokens(input.tokens)),
        accessExpiresAt: input.tokens.expiresAt ?? null,
        refreshExpiresAt: input.tokens.refreshExpiresAt ?? null,
        status: 'active',
        extra: jsonb(input.tokens.extra ?? null),
      })
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    if (!Array.isArray(inserted.raw) || inserted.raw.length !== 1) return null;
    return this.accounts.findOneByOrFail({ id });
  }

  /** Same user logging in again: the fresh grant replaces everything, including a missing refresh token. */
  private relink(existing: LinkedAccountEntity, input: LinkInput): Promise<LinkedAccountEntity> {
    return updateVersioned(this.accounts, existing, {
      ...sealTokens(this.cipher, existing.id, existing.provider, storedTokens(input.tokens)),
      scopes: input.scopes,
      grantType: input.grantType as LinkGrantType,
      accessExpiresAt: input.tokens.expiresAt ?? null,
      refreshExpiresAt: input.tokens.refreshExpiresAt ?? null,
      status: 'active',
      extra: jsonb(input.tokens.extra ?? null),
    });
  }

  private tryReadTokens(account: LinkedAccountEntity): StoredTokens | null {
    try {
      return this.readTokens(account);
    } catch {
      return null;
    }
  }
}

/** What is sealed of a token set: the tokens, and the DPoP key they are bound to (as a private JWK). */
function storedTokens(tokens: Pick<TokenSet, 'accessToken' | 'refreshToken' | 'dpop'>): StoredTokens {
  const stored: StoredTokens = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  if (tokens.dpop) stored.dpopKey = tokens.dpop.serialize();
  return stored;
}

/** TypeORM's deep-partial type cannot express `unknown` leaves; a jsonb value is written whole. */
function jsonb(value: Record<string, unknown> | null): QueryDeepPartialEntity<LinkedAccountEntity>['extra'] {
  return value as QueryDeepPartialEntity<LinkedAccountEntity>['extra'];
}
