import type { SandboxContext, SandboxMeeting } from '../../core/contract.js';

/** BlueJeans' in-memory OAuth state. Values are opaque random tokens; nothing here is persisted. */

export const PARTITION = { id: 1, name: 'z1' } as const;
export const ENTERPRISE_ID = 900001;
/** Owner of the seeded developer applications (alice). */
export const SEED_APP_OWNER = 1001;
export const BLUEJEANS_SCOPES = ['list_meetings', 'modify_meetings', 'user_info', 'meeting_history', 'modify_user_info'];

export type BjGrant = 'client' | 'code' | 'password' | 'meeting';

export interface BjAccessToken {
  grant: BjGrant;
  clientId?: string;
  userId?: number;
  scopes: string[];
  meeting?: SandboxMeeting & { isModerator: boolean };
  expiresAt: number;
  revoked: boolean;
  refreshToken?: string;
}

export interface BjRefreshToken {
  grant: 'code' | 'password';
  clientId?: string;
  userId: number;
  scopes: string[];
  expiresAt: number;
  accessToken: string;
}

export interface BjCode {
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  expiresAt: number;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export interface BjAppMeta {
  ownerUserId: number;
  description: string;
  appLogoUrl: string;
}

export class BlueJeansStore {
  readonly codes = new Map<string, BjCode>();
  readonly access = new Map<string, BjAccessToken>();
  readonly refresh = new Map<string, BjRefreshToken>();
  readonly apps = new Map<string, BjAppMeta>();

  constructor(private readonly ctx: SandboxContext) {
    this.reset();
    ctx.onReset(() => this.reset());
  }

  reset(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.apps.clear();
    for (const client of this.ctx.seed.clients.filter((c) => c.provider === 'bluejeans')) {
      this.apps.set(client.clientId, { ownerUserId: SEED_APP_OWNER, description: client.name, appLogoUrl: '' });
    }
  }

  /** Issues an access token (and a refresh token for code and password grants). */
  issue(token: Omit<BjAccessToken, 'expiresAt' | 'revoked' | 'refreshToken'>): { accessToken: string; refreshToken?: string; expiresIn: number } {
    const lifetimes = this.ctx.lifetimes('bluejeans');
    const now = this.ctx.now();
    const accessToken = this.ctx.randomToken();
    const record: BjAccessToken = { ...token, expiresAt: now + lifetimes.accessTokenSeconds * 1000, revoked: false };
    if ((token.grant === 'code' || token.grant === 'password') && token.userId !== undefined) {
      record.refreshToken = this.ctx.randomToken();
      this.refresh.set(record.refreshToken, {
        grant: token.grant,
        clientId: token.clientId,
        userId: token.userId,
        scopes: token.scopes,
        expiresAt: now + lifetimes.refreshTokenSeconds * 1000,
        accessToken,
      });
    }
    this.access.set(accessToken, record);
    return { accessToken, refreshToken: record.refreshToken, expiresIn: lifetimes.accessTokenSeconds };
  }

  /** A usable access token: known, not revoked, not expired. */
  validAccess(token: string | undefined): BjAccessToken | undefined {
    const record = token ? this.access.get(token) : undefined;
    return record && !record.revoked && record.expiresAt > this.ctx.now() ? record : undefined;
  }
}

/** `appPermissions` entries derived from granted scopes: which API paths the token may call. */
export function appPermissions(userId: number, scopes: string[]): { method: string; allowedRegex: string }[] {
  const rules: Record<string, { method: string; allowedRegex: string }> = {
    user_info: { method: 'GET', allowedRegex: `^/v1/user/${userId}$` },
    modify_user_info: { method: 'PUT', allowedRegex: `^/v1/user/${userId}$` },
    list_meetings: { method: 'GET', allowedRegex: `^/v1/user/${userId}/scheduled_meeting.*` },
    modify_meetings: { method: 'POST|PUT|DELETE', allowedRegex: `^/v1/user/${userId}/scheduled_meeting.*` },
    meeting_history: { method: 'GET', allowedRegex: `^/v1/user/${userId}/meeting_history.*` },
  };
  return scopes.flatMap((s) => (rules[s] ? [rules[s]] : []));
}

/** The `scope` object of code and refresh grant responses. */
export function codeScope(userId: number, scopes: string[]) {
  return {
    user: userId,
    appPermissions: appPermissions(userId, scopes),
    partitionName: PARTITION.name,
    partition: { ...PARTITION },
    // The public spec names this field without describing it; the granted scope names are a plausible reading.
    bearerPermissions: [...scopes],
  };
}
