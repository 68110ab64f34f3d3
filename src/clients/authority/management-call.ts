/**
 * One upstream management request, as the clients and usage modules describe it to
 * the ManagementAuthorityService. The authority adds the credential; the caller
 * never sees a provider token.
 */
export interface ManagementCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the provider's API base URL, e.g. `/api/v2/oauth/clients` (already percent-encoded). */
  path?: string;
  /** An absolute URL instead of `path` (RFC 7591/7592 endpoints come from discovery and registration). */
  url?: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Extra request headers, lower-case names (e.g. `accept-language`). */
  headers?: Record<string, string>;
  /** Names the call in messages, e.g. "create an OAuth client"; never a URL. */
  operation: string;
  /** The upstream permission the call needs, named in 403 problems when the upstream does not say (e.g. `oauth:client:add`). */
  permission?: string;
  /** Statuses that count as success; default 200, 201, 202, 204. */
  ok?: number[];
}

/** Who a management call acts for: a session (SessionRecord fits). */
export interface ManagementActor {
  userId: string;
  roles: readonly string[];
}

export type AuthorityKind = 'user' | 'app' | 'explicit';

/**
 * Whose token a call uses. `user`: the caller's own linked token (the upstream's
 * permissions decide); `app`: the BFF's client-credentials token (ops role, when the
 * providers file allows it for the provider).
 */
export interface ManagementAuthority {
  kind: Exclude<AuthorityKind, 'explicit'>;
  provider: string;
  accessToken: string;
  /** The caller's upstream subject (e.g. the BlueJeans `user_id`), present for `user`. */
  subject?: string;
  /**
   * Partitions caches whose content depends on the caller's upstream permissions:
   * `user:<id>` for a user's own token, `app` for the shared app token.
   */
  cacheScope: string;
}

export interface ManagementResult<T = unknown> {
  status: number;
  /** Parsed JSON, or undefined for an empty or non-JSON answer. */
  body: T;
  headers: Headers;
  authority: AuthorityKind;
}
