import type { SandboxContext } from '../../core/contract.js';

/** Account that owns the seeded clients; client-credential tokens act for it. */
export const CLIENT_OWNER_ACCOUNT = 1001;

export interface PcAccessToken {
  clientId: string;
  accountId: number;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
}

export interface PcRefreshToken {
  clientId: string;
  accountId: number;
  scopes: string[];
  expiresAt: number;
}

export interface PcCode {
  clientId: string;
  redirectUri: string;
  accountId: number;
  scopes: string[];
  expiresAt: number;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export class PhoneComStore {
  readonly codes = new Map<string, PcCode>();
  readonly access = new Map<string, PcAccessToken>();
  readonly refresh = new Map<string, PcRefreshToken>();

  constructor(private readonly ctx: SandboxContext) {
    ctx.onReset(() => {
      this.codes.clear();
      this.access.clear();
      this.refresh.clear();
    });
  }

  /**
   * Issues an access token. The refresh token does not rotate: a refresh grant
   * passes the existing one in `reuseRefreshToken` and gets it back.
   */
  issue(grant: Omit<PcAccessToken, 'expiresAt' | 'refreshToken'>, reuseRefreshToken?: string) {
    const lifetimes = this.ctx.lifetimes('phonecom');
    const now = this.ctx.now();
    const accessToken = this.ctx.randomToken();
    const refreshToken = reuseRefreshToken ?? this.ctx.randomToken();
    if (!reuseRefreshToken) {
      this.refresh.set(refreshToken, { ...grant, expiresAt: now + lifetimes.refreshTokenSeconds * 1000 });
    }
    this.access.set(accessToken, { ...grant, expiresAt: now + lifetimes.accessTokenSeconds * 1000, refreshToken });
    return { accessToken, refreshToken, expiresIn: lifetimes.accessTokenSeconds };
  }

  validAccess(token: string | undefined): PcAccessToken | undefined {
    const record = token ? this.access.get(token) : undefined;
    return record && record.expiresAt > this.ctx.now() ? record : undefined;
  }
}
