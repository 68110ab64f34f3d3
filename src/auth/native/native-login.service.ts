import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { AccountLoginService } from '../grants/account-login.service.js';
import type { RequestFacts } from '../login/request-facts.js';
import type { CallbackResult } from '../passport/callback-result.js';
import { HandoffStore } from './handoff.store.js';
import { appRedirect } from './native-login-request.js';
import { verifiesS256 } from './pkce.js';

export interface NativeToken {
  token: string;
  expiresAt: Date;
}

/** One message for every failure, so a caller learns nothing about which part was wrong. */
const INVALID = 'The hand-off code is invalid, expired or already used, or the code verifier does not match.';

/**
 * Native apps (RFC 8252): the system browser runs the normal code flow; at the
 * callback the user and link are stored as for a browser, but instead of a cookie
 * the app gets a one-time hand-off code bound to its own PKCE challenge, which it
 * redeems for a bearer session token. The app never sees a provider token.
 */
@Injectable()
export class NativeLoginService {
  constructor(
    @Inject(AccountLoginService) private readonly logins: AccountLoginService,
    @Inject(HandoffStore) private readonly handoffs: HandoffStore,
  ) {}

  /** Callback leg: links the account, stores the hand-off and answers the app redirect URL. */
  async handOff(result: CallbackResult): Promise<string> {
    const native = result.transaction.native!;
    const user = await this.logins.linkUser({ provider: result.provider, grantType: 'authorization_code', tokens: result.tokens, identity: result.identity });
    const code = await this.handoffs.issue({
      userId: user.id,
      roles: user.roles,
      providers: [result.provider],
      subject: `${result.provider}:${result.identity.subject}`,
      codeChallenge: native.codeChallenge,
      createdAt: Date.now(),
    });
    return appRedirect(native, code);
  }

  /** Token leg: the code is consumed before the verifier is checked, so a wrong guess burns it. */
  async redeem(code: string, codeVerifier: string, facts: RequestFacts): Promise<NativeToken> {
    const record = await this.handoffs.take(code);
    if (!record || !verifiesS256(codeVerifier, record.codeChallenge)) throw new DomainError('invalid_handoff', 400, INVALID);
    const { token, session } = await this.logins.openSession({
      user: { id: record.userId, roles: record.roles },
      providers: record.providers,
      kind: 'native',
      facts,
      via: 'native',
      subject: record.subject,
    });
    return { token, expiresAt: new Date(session.absoluteExpiresAt) };
  }
}
