import type { SandboxClient, SandboxContext } from '../../core/contract.js';

/**
 * Cal.com state. Refresh tokens rotate inside a "family" that starts at the
 * code exchange: presenting an already-rotated refresh token is treated as
 * theft and revokes every token of the family (OAuth 2.0 Security BCP §4.14).
 */

export interface CalAccessToken {
  clientId: string;
  userId: number;
  familyId: string;
  expiresAt: number;
}

export interface CalRefreshToken {
  clientId: string;
  userId: number;
  familyId: string;
  expiresAt: number;
  used: boolean;
}

export interface CalCode {
  clientId: string;
  userId: number;
  redirectUri: string;
  expiresAt: number;
  codeChallenge?: string;
}

export class CalcomStore {
  readonly codes = new Map<string, CalCode>();
  readonly access = new Map<string, CalAccessToken>();
  readonly refresh = new Map<string, CalRefreshToken>();
  readonly revokedFamilies = new Set<string>();
  /** Web-login sessions of the emulated Cal.com app (cookie value -> user id). */
  readonly sessions = new Map<string, number>();

  constructor(private readonly ctx: SandboxContext) {
    ctx.onReset(() => {
      for (const map of [this.codes, this.access, this.refresh, this.sessions]) map.clear();
      this.revokedFamilies.clear();
    });
  }

  /** Issues a token pair; expiry fields are epoch milliseconds as Cal.com sends them. */
  issue(clientId: string, userId: number, familyId = this.ctx.randomToken()) {
    const lifetimes = this.ctx.lifetimes('calcom');
    const now = this.ctx.now();
    const accessToken = this.ctx.randomToken();
    const refreshToken = this.ctx.randomToken();
    const accessTokenExpiresAt = now + lifetimes.accessTokenSeconds * 1000;
    const refreshTokenExpiresAt = now + lifetimes.refreshTokenSeconds * 1000;
    this.access.set(accessToken, { clientId, userId, familyId, expiresAt: accessTokenExpiresAt });
    this.refresh.set(refreshToken, { clientId, userId, familyId, expiresAt: refreshTokenExpiresAt, used: false });
    return { accessToken, refreshToken, accessTokenExpiresAt, refreshTokenExpiresAt };
  }

  revokeFamily(familyId: string): void {
    this.revokedFamilies.add(familyId);
    for (const [token, record] of this.access) if (record.familyId === familyId) this.access.delete(token);
    for (const [token, record] of this.refresh) if (record.familyId === familyId) this.refresh.delete(token);
  }
}

/**
 * Exact match, or a registered pattern where `*` stands for a run of
 * characters within one URL component (no `/ ? # @`), so a pattern can never
 * be stretched over userinfo into another host.
 */
export function redirectAllowed(client: SandboxClient, redirectUri: string): boolean {
  return client.redirectUris.some((registered) => {
    if (registered === redirectUri) return true;
    if (!registered.includes('*')) return false;
    const pattern = registered.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/?#@]*');
    return new RegExp(`^${pattern}$`).test(redirectUri);
  });
}
