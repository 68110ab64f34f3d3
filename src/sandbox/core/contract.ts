import type { Response, Router } from 'express';

/**
 * The seam between the sandbox core (server, state, control API, login pages)
 * and the per-provider emulators. Each provider exports one `SandboxProvider`;
 * the core mounts its router under `basePath` and hands it the context.
 */
export type SandboxProviderId = 'bluejeans' | 'genesys' | 'calcom' | 'phonecom';

export interface SandboxUser {
  /** Numeric id (BlueJeans user_id, Phone.com account id). */
  id: number;
  username: string;
  password: string;
  displayName: string;
  email: string;
  /** Genesys permissions such as `oauth:client:view`; empty means none. */
  permissions: string[];
}

export interface SandboxClient {
  provider: SandboxProviderId;
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  /** Grant names as the provider spells them, e.g. `authorization_code`, `CODE`. */
  grants: string[];
}

export interface SandboxMeeting {
  meetingNumericId: string;
  moderatorPasscode: string;
  attendeePasscode: string;
  leaderId: number;
}

export interface SandboxSeed {
  users: SandboxUser[];
  clients: SandboxClient[];
  meetings: SandboxMeeting[];
}

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  codeSeconds: number;
  /**
   * Genesys only (added by the Genesys emulator): how long an API usage query
   * reports `queryStatus: Running` before `Complete`. Unset means the
   * provider's own default (see createGenesysProvider).
   */
  usageQueryRunningSeconds?: number;
  /** Genesys only: how many result polls answer Running before Complete (wins over the seconds when set). */
  usageQueryRunningPolls?: number;
  /** Genesys only: finished usage queries answer `queryStatus: Failed` instead of Complete. */
  usageQueryFails?: boolean;
}

export type CounterKind = 'authorize' | 'token' | 'refresh' | 'revoke' | 'client_credentials' | 'api';

export interface FaultSpec {
  /** Added delay before answering, in ms. */
  latencyMs?: number;
  /**
   * Delay of the answer after the provider did the work (e.g. rotated a refresh token), in ms:
   * a client that dies meanwhile loses an answer the provider already acted on.
   */
  answerDelayMs?: number;
  /** Answer with this status instead (429 gets Retry-After from retryAfterSeconds). */
  status?: number;
  retryAfterSeconds?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** On refresh grants only: answer the provider's invalid_grant error. */
  invalidGrant?: boolean;
  /** How many requests the fault applies to; undefined means until cleared. */
  times?: number;
}

/** What applying a fault left for the route handler to do. */
export type FaultOutcome = 'answered' | 'invalid_grant' | 'continue';

export interface SandboxContext {
  /** Absolute base URL of the sandbox server, without trailing slash. */
  readonly publicUrl: string;
  readonly seed: SandboxSeed;
  now(): number;
  lifetimes(provider: SandboxProviderId): TokenLifetimes;
  count(provider: SandboxProviderId, clientId: string, kind: CounterKind): void;
  /** A fault armed by the control API for this provider route, consumed once per call. */
  takeFault(provider: SandboxProviderId, route: string): FaultSpec | undefined;
  /** Opaque random token (base64url), >= 256 bits. */
  randomToken(prefix?: string): string;
  findUser(username: string, password: string): SandboxUser | undefined;
  findClient(provider: SandboxProviderId, clientId: string): SandboxClient | undefined;
  /** Renders the shared HTML login page (escaped); the form posts back to `action`. */
  loginPage(opts: { title: string; action: string; hidden: Record<string, string>; fields?: 'password' | 'meeting'; error?: string }): string;
  /** Registers a reset hook so `/_control/reset` clears a provider's in-memory state. */
  onReset(fn: () => void): void;

  // --- Added by the core (after the first draft of this contract) ---

  findUserById(id: number): SandboxUser | undefined;
  /** findClient plus a constant-time secret check; undefined when either is wrong. */
  authenticateClient(provider: SandboxProviderId, clientId: string, secret: unknown): SandboxClient | undefined;
  /** Adds or replaces a client at runtime (developer apps, Genesys client CRUD); reset restores the seed. */
  upsertClient(client: SandboxClient): void;
  removeClient(provider: SandboxProviderId, clientId: string): boolean;
  clients(provider: SandboxProviderId): SandboxClient[];
  /**
   * takeFault + apply it: waits `latencyMs`, drops the socket, or answers
   * `status` (with Retry-After) using the provider's `errorBody`. Returns
   * 'answered' when the handler must stop, 'invalid_grant' when a refresh
   * handler must answer its provider's invalid-grant error, else 'continue'.
   */
  guardFault(
    provider: SandboxProviderId,
    route: string,
    res: Response,
    errorBody: (status: number) => unknown,
  ): Promise<FaultOutcome>;
}

export interface SandboxProvider {
  id: SandboxProviderId;
  /** Mount points (a provider like Genesys has a login host and an API host). */
  mounts(ctx: SandboxContext): { basePath: string; router: Router }[];
}
