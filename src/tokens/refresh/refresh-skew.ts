/**
 * Share of a token's lifetime by which a refresh may come early. With the configured
 * skew alone, a token living no longer than the skew (30 s tokens, 60 s skew) is "due"
 * the moment it is issued and every request refreshes; a quarter of its lifetime keeps
 * such tokens in use for three quarters of their life.
 */
export const SKEW_LIFETIME_FRACTION = 0.25;

export interface TokenTimes {
  accessExpiresAt: Date | null;
  /** When the current tokens were stored (the row's updated_at; key rotation leaves it alone). */
  updatedAt: Date;
}

/** How long before expiry this token is refreshed: the configured skew, or less for short-lived tokens. */
export function refreshSkewMs(configuredSkewSeconds: number, token: TokenTimes): number {
  const configured = configuredSkewSeconds * 1000;
  if (!token.accessExpiresAt) return configured;
  const lifetime = token.accessExpiresAt.getTime() - token.updatedAt.getTime();
  return Math.max(0, Math.min(configured, Math.floor(lifetime * SKEW_LIFETIME_FRACTION)));
}
