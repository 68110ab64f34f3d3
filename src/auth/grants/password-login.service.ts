import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { UpstreamError } from '../../providers/upstream-error.js';
import type { IssuedSession } from '../../sessions/session.service.js';
import type { RequestFacts } from '../login/request-facts.js';
import { AccountLoginService } from './account-login.service.js';
import { requireGrant } from './grant-availability.js';
import { PasswordRateLimit } from './password-rate-limit.js';

/** One answer for unknown users, wrong passwords and anything else the provider refused. */
const INVALID = 'The username or password is incorrect.';

/**
 * The resource-owner password grant (RFC 9700: MUST NOT be used for new designs;
 * here only where a providers file enables it for a legacy provider). Credentials
 * go to the provider once and are never stored, logged or echoed.
 */
@Injectable()
export class PasswordLoginService {
  private readonly logger = new Logger('PasswordGrant');

  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(PasswordRateLimit) private readonly limit: PasswordRateLimit,
    @Inject(AccountLoginService) private readonly logins: AccountLoginService,
  ) {}

  async login(provider: string, username: string, password: string, facts: RequestFacts): Promise<IssuedSession> {
    const adapter = this.registry.get(provider);
    requireGrant(adapter, 'passwordGrant', 'password grant');
    await this.limit.attempt(adapter.id, username, facts.ip);
    let tokens;
    try {
      tokens = await adapter.passwordGrant!(username, password);
    } catch (error) {
      if (error instanceof UpstreamError && error.failure === 'invalid_grant') {
        // The provider's reason is not logged either: it may echo the username.
        this.logger.warn(`password grant refused by ${adapter.id} (request ${facts.requestId ?? '-'})`);
        throw new DomainError('invalid_credentials', 401, INVALID);
      }
      throw error;
    }
    await this.limit.succeeded(adapter.id, username);
    const identity = await adapter.identity(tokens);
    const user = await this.logins.linkUser({ provider: adapter.id, grantType: 'password', tokens, identity });
    return this.logins.openSession({ user, providers: [adapter.id], kind: 'web', facts, via: 'password', subject: `${adapter.id}:${identity.subject}` });
  }
}
