import type { UpstreamHttp, UpstreamRequest, UpstreamResponse } from '../http/upstream-http.js';
import type { DpopKey } from './dpop-key.js';
import { DpopNonces, sendWithDpop } from './dpop-nonce.js';

/**
 * A provider's HTTP calls with DPoP proofs (RFC 9449): token requests (§5) and resource
 * requests with a bound token (§7, `ath` and the `DPoP` scheme). Remembers the server's
 * nonces; a nonce demand is answered with exactly one retry, and a second demand comes
 * back as the answer (the adapter maps it to `upstream_dpop_rejected`).
 */
export class DpopSender {
  private readonly nonces = new DpopNonces();

  constructor(private readonly http: UpstreamHttp) {}

  /** A token request: the proof names the token endpoint and method. */
  tokenRequest(key: DpopKey, request: UpstreamRequest): Promise<UpstreamResponse> {
    return sendWithDpop(key, { htm: request.method, htu: request.url }, this.nonces, (proof) => this.http.send(withHeaders(request, { dpop: proof })));
  }

  /** A resource request with a DPoP-bound access token. */
  resourceRequest(key: DpopKey, accessToken: string, request: UpstreamRequest): Promise<UpstreamResponse> {
    return sendWithDpop(key, { htm: request.method, htu: request.url, accessToken }, this.nonces, (proof) =>
      this.http.send(withHeaders(request, { authorization: `DPoP ${accessToken}`, dpop: proof })),
    );
  }
}

function withHeaders(request: UpstreamRequest, headers: Record<string, string>): UpstreamRequest {
  return { ...request, headers: { ...request.headers, ...headers } };
}
