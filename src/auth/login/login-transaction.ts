/** A login in flight, from the redirect to the provider until the callback. Single use. */
export interface LoginTransaction {
  state: string;
  provider: string;
  codeVerifier: string;
  nonce?: string;
  /** Expected `iss` on the callback (RFC 9207) when the provider has an issuer. */
  issuer?: string;
  returnTo: string;
  /** sha256 of the binding secret in the browser's login cookie. */
  bindingHash: string;
  /** The session that started the login, so a second provider links to the same user. */
  linkToUserId?: string;
  createdAt: number;
  /** Native-app hand-off (a later issue); absent for browser logins. */
  native?: { redirectUri: string; codeChallenge: string; /** The app's own `state`, echoed on its redirect. */ appState?: string };
}
