import { record } from '../../http/map-failure.js';
import type { UpstreamHttp } from '../../http/upstream-http.js';
import { UpstreamError } from '../../upstream-error.js';

/** The server metadata fields the generic adapter uses (OIDC Discovery / RFC 8414). */
export interface ServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri?: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
  code_challenge_methods_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
  /** RFC 7591 dynamic client registration. */
  registration_endpoint?: string;
  end_session_endpoint?: string;
  backchannel_logout_supported?: boolean;
  backchannel_logout_session_supported?: boolean;
  pushed_authorization_request_endpoint?: string;
  dpop_signing_alg_values_supported?: string[];
}

/** Where metadata may live: OIDC's suffix first, then RFC 8414's infix form. */
export function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return [`${url.origin}${path}/.well-known/openid-configuration`, `${url.origin}/.well-known/oauth-authorization-server${path}`];
}

/**
 * Discovery with caching: one fetch in flight at a time, a success kept for
 * `ttlMs`, a failure not kept (the next call tries again). The document must
 * name exactly the configured issuer (OIDC Discovery §4.3, RFC 8414 §3.3), or an
 * attacker-controlled metadata host could substitute endpoints.
 */
export class DiscoveryCache {
  private cached?: { metadata: ServerMetadata; fetchedAt: number };
  private inFlight?: Promise<ServerMetadata>;

  constructor(
    private readonly provider: string,
    private readonly issuer: string,
    private readonly http: UpstreamHttp,
    private readonly ttlMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last good document, if any (synchronous, for capability flags). */
  peek(): ServerMetadata | undefined {
    return this.cached?.metadata;
  }

  get(): Promise<ServerMetadata> {
    if (this.cached && this.now() - this.cached.fetchedAt < this.ttlMs) return Promise.resolve(this.cached.metadata);
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<ServerMetadata> {
    let lastStatus: number | undefined;
    for (const url of metadataUrls(this.issuer)) {
      const response = await this.http.send({ method: 'GET', url, operation: 'discovery' });
      if (response.status >= 500 || response.status === 429) {
        throw new UpstreamError(response.status === 429 ? 'rate_limited' : 'unavailable', this.provider, `discovery: HTTP ${response.status}`, response.status);
      }
      lastStatus = response.status;
      if (response.status !== 200) continue;
      const metadata = this.validate(record(response.body));
      this.cached = { metadata, fetchedAt: this.now() };
      return metadata;
    }
    throw new UpstreamError('bad_response', this.provider, `discovery: no metadata at the issuer's well-known locations (HTTP ${lastStatus})`, lastStatus);
  }

  private validate(body: Record<string, unknown>): ServerMetadata {
    if (body.issuer !== this.issuer) throw new UpstreamError('bad_response', this.provider, 'discovery: the metadata names a different issuer than configured');
    for (const field of ['authorization_endpoint', 'token_endpoint'] as const) {
      if (typeof body[field] !== 'string') throw new UpstreamError('bad_response', this.provider, `discovery: the metadata has no ${field}`);
    }
    return body as unknown as ServerMetadata;
  }
}
