import type { LoginTransaction } from './login-transaction.js';

/** What the failed login is told: our stable error code and the request id to quote to support. */
export interface LoginFailure {
  code: string;
  requestId: string;
}

// Only a plain code ever lands in a URL: never a message, never anything the caller sent.
const PLAIN_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const BFF_BASE = 'http://bff.invalid';

function failureParams(url: URL, failure: LoginFailure): void {
  url.searchParams.set('error', PLAIN_CODE.test(failure.code) ? failure.code : 'login_failed');
  url.searchParams.set('requestId', failure.requestId);
}

/**
 * A browser login or link that failed goes back to the app: the safe `returnTo`
 * (a same-origin path or a URL on an app origin, already checked when stored) with
 * `error=<code>&requestId=<id>` added before any fragment.
 */
export function browserFailureLocation(returnTo: string, failure: LoginFailure): string {
  const url = new URL(returnTo, BFF_BASE);
  failureParams(url, failure);
  return url.origin === BFF_BASE ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}

/**
 * A native login that failed goes to the app's registered redirect URI with `error`
 * and the app's own `state` (RFC 6749 §4.1.2.1 style), so the system browser hands
 * control back to the app instead of stopping on a JSON page.
 */
export function nativeFailureLocation(native: NonNullable<LoginTransaction['native']>, failure: LoginFailure): string {
  const url = new URL(native.redirectUri);
  failureParams(url, failure);
  if (native.appState) url.searchParams.set('state', native.appState);
  return url.toString();
}

/** Where a failed login of this transaction goes; `errorPage` (LOGIN_ERROR_URL) wins for browsers when set. */
export function failureLocation(transaction: Pick<LoginTransaction, 'returnTo' | 'native'>, failure: LoginFailure, errorPage?: string): string {
  if (transaction.native) return nativeFailureLocation(transaction.native, failure);
  return browserFailureLocation(errorPage ?? transaction.returnTo, failure);
}
