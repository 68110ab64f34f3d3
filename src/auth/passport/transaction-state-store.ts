import type { Request } from 'express';
import type { AppConfig } from '../../config/app-config.js';
import type { ProviderAdapter } from '../../providers/provider-adapter.js';
import { readLoginCookie } from '../login/login-binding-cookie.js';
import type { LoginTransaction } from '../login/login-transaction.js';
import { sha256, type LoginTransactionStore } from '../login/login-transaction.store.js';
import type { CallbackRefusal } from './callback-result.js';

type Verified = (err: Error | null, ok: string | false, info?: CallbackRefusal) => void;
export type RequestWithTransaction = Request & { loginTransaction?: LoginTransaction };

function queryString(req: Request, key: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * passport-oauth2's state store, backed by our single-use Redis transactions.
 * On the callback it checks state, the browser binding, the provider and
 * `iss` (RFC 9207), and hands passport the PKCE verifier.
 */
export class TransactionStateStore {
  constructor(
    private readonly adapter: ProviderAdapter,
    private readonly transactions: LoginTransactionStore,
    private readonly config: AppConfig,
  ) {}

  // The login leg is handled by ProviderStrategy itself; passport never calls store().
  store(_req: Request, _verifier: string, _state: unknown, _meta: unknown, callback: (err: Error) => void): void {
    callback(new Error('login transactions are created by ProviderStrategy'));
  }

  verify(req: RequestWithTransaction, providedState: string | undefined, _meta: unknown, done: Verified): void {
    this.check(req, providedState).then(
      (result) => ('code' in result ? done(null, false, result) : done(null, result.codeVerifier)),
      (error: Error) => done(error, false),
    );
  }

  private async check(req: RequestWithTransaction, providedState: string | undefined): Promise<LoginTransaction | CallbackRefusal> {
    const cookie = readBindingCookie(req, this.config);
    if (!cookie) return { code: 'login_binding_missing', message: 'This login was not started in this browser, or it expired. Start again.' };
    const echoes = this.adapter.capabilities.echoesState;
    if (echoes && providedState !== cookie.state) return invalidState();
    const transaction = await this.transactions.consume(cookie.state);
    if (!transaction || sha256(cookie.binding) !== transaction.bindingHash) return invalidState();
    if (transaction.provider !== this.adapter.id) {
      return { code: 'login_provider_mismatch', message: 'This callback belongs to a login started with another provider.' };
    }
    const iss = queryString(req, 'iss');
    // A repeated or non-string `iss` is present but unusable: it must fail the check, not skip it.
    const issPresent = (req.query as Record<string, unknown>).iss !== undefined;
    const mustCheckIss = issPresent || (this.adapter.capabilities.issParameter && transaction.issuer);
    if (mustCheckIss && iss !== transaction.issuer) {
      return { code: 'login_issuer_mismatch', message: 'The authorization response came from an unexpected issuer.' };
    }
    req.loginTransaction = transaction;
    return transaction;
  }
}

/** A garbled cookie (e.g. bad percent-encoding, which makes decodeURIComponent throw) counts as no cookie: 400, not 500. */
function readBindingCookie(req: Request, config: AppConfig): ReturnType<typeof readLoginCookie> {
  try {
    return readLoginCookie(req, config);
  } catch {
    return undefined;
  }
}

function invalidState(): CallbackRefusal {
  return { code: 'login_state_invalid', message: 'The login state is missing, wrong, expired or already used. Start again.' };
}
