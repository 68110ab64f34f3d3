import type { TokenSet, UpstreamIdentity } from '../../providers/provider-adapter.js';
import type { LoginTransaction } from '../login/login-transaction.js';

/** What the provider strategy hands the callback controller once the code is exchanged. */
export interface CallbackResult {
  provider: string;
  tokens: TokenSet;
  identity: UpstreamIdentity;
  transaction: LoginTransaction;
}

/** Why a callback was refused before any token was obtained. */
export interface CallbackRefusal {
  code: 'login_state_invalid' | 'login_binding_missing' | 'login_provider_mismatch' | 'login_issuer_mismatch';
  message: string;
}
