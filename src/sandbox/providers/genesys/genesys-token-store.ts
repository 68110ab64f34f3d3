/** An authorization code as issued by the login host. */
export interface GenesysCode {
  clientId: string;
  userId: number;
  redirectUri: string;
  scopes: string[];
  /** Absent when the client did not use PKCE (it must then authenticate with Basic). */
  codeChallenge?: string;
  expiresAt: number;
}

/** What a bearer token stands for: a user (code grant) or the client alone (client credentials). */
export interface GenesysGrant {
  clientId: string;
  userId?: number;
  scopes: string[];
  /** True when issued to a PKCE public client: refresh then needs no client secret. */
  publicClient: boolean;
}

export interface GenesysAccessToken extends GenesysGrant {
  expiresAt: number;
}

interface GenesysRefreshToken extends GenesysGrant {
  expiresAt: number;
  /** Rotation family: reuse of a rotated token revokes every token of the family. */
  familyId: string;
  rotated: boolean;
}

export type RefreshOutcome =
  | { ok: true; grant: GenesysGrant; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'reused' | 'wrong_client' };

/**
 * In-memory codes and tokens of the Genesys emulator. Time comes from the
 * caller (the sandbox clock) so tests can move it.
 */
export class GenesysTokenStore {
  private codes = new Map<string, GenesysCode>();
  private accessTokens = new Map<string, GenesysAccessToken & { familyId?: string }>();
  private refreshTokens = new Map<string, GenesysRefreshToken>();

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  saveCode(code: string, data: GenesysCode): void {
    this.codes.set(code, data);
  }

  /** Codes are single use: the first lookup removes it whatever happens next. */
  takeCode(code: string, now: number): GenesysCode | undefined {
    const data = this.codes.get(code);
    this.codes.delete(code);
    return data && data.expiresAt > now ? data : undefined;
  }

  saveAccessToken(token: string, data: GenesysAccessToken, familyId?: string): void {
    this.accessTokens.set(token, { ...data, familyId });
  }

  findAccessToken(token: string, now: number): GenesysAccessToken | undefined {
    const data = this.accessTokens.get(token);
    return data && data.expiresAt > now ? data : undefined;
  }

  saveRefreshToken(token: string, grant: GenesysGrant, expiresAt: number, familyId: string): void {
    this.refreshTokens.set(token, { ...grant, expiresAt, familyId, rotated: false });
  }

  /** Marks the token rotated; replaying it later revokes its whole family. */
  useRefreshToken(token: string, clientId: string, now: number): RefreshOutcome {
    const data = this.refreshTokens.get(token);
    if (!data) return { ok: false, reason: 'unknown' };
    if (data.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (data.rotated) {
      this.revokeFamily(data.familyId);
      return { ok: false, reason: 'reused' };
    }
    if (data.expiresAt <= now) return { ok: false, reason: 'expired' };
    data.rotated = true;
    const { expiresAt: _e, familyId, rotated: _r, ...grant } = data;
    return { ok: true, grant, familyId };
  }

  private revokeFamily(familyId: string): void {
    for (const [token, data] of this.refreshTokens) if (data.familyId === familyId) this.refreshTokens.delete(token);
    for (const [token, data] of this.accessTokens) if (data.familyId === familyId) this.accessTokens.delete(token);
  }

  /** A deleted client or a regenerated secret invalidates everything issued to it. */
  revokeClient(clientId: string): void {
    for (const [code, data] of this.codes) if (data.clientId === clientId) this.codes.delete(code);
    for (const [token, data] of this.refreshTokens) if (data.clientId === clientId) this.refreshTokens.delete(token);
    for (const [token, data] of this.accessTokens) if (data.clientId === clientId) this.accessTokens.delete(token);
  }
}
