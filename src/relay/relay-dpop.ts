import { DomainError } from '../common/errors/domain-error.js';
import type { DpopKey } from '../providers/dpop/dpop-key.js';
import { DpopNonces, requestedDpopNonce } from '../providers/dpop/dpop-nonce.js';
import type { ExchangeOutcome } from './relay-exchange.js';

/** What a resource server's 401 says about our DPoP proof (RFC 9449 §7.1, §9). */
export type DpopRefusal = 'nonce' | 'proof';

/** Sees an upstream answer's status line: a DPoP refusal, or undefined for anything else. */
export type DpopWatch = (status: number, headers: Record<string, string | string[] | undefined>) => DpopRefusal | undefined;

const PROOF_REFUSED = /^\s*DPoP\b.*\berror="?invalid_dpop_proof/i;

/**
 * Relayed calls with a DPoP-bound token (RFC 9449 §7): `Authorization: DPoP <token>` and
 * a fresh proof naming the method, the real upstream URL (without query) and the token's
 * hash (`ath`). The resource servers' nonces are remembered per origin, so usually the
 * first attempt already carries the current one. Only used for links whose token is
 * DPoP-bound: bearer calls never come here.
 */
export class RelayDpop {
  private readonly nonces = new DpopNonces();

  async authorize(url: URL, headers: Record<string, string>, method: string, accessToken: string, key: DpopKey): Promise<void> {
    headers.authorization = `DPoP ${accessToken}`;
    headers.dpop = await key.proof({ htm: method, htu: url.href, accessToken, nonce: this.nonces.get(url.href) });
  }

  /** Keeps any `DPoP-Nonce` the upstream sends (success included) and recognises a refusal of our proof. */
  watch(url: URL): DpopWatch {
    return (status, headers) => {
      this.nonces.remember(url.href, { headers });
      if (status !== 401) return undefined;
      if (requestedDpopNonce({ status, headers }) !== undefined) return 'nonce';
      const challenge = headers['www-authenticate'];
      return PROOF_REFUSED.test(Array.isArray(challenge) ? challenge.join(', ') : (challenge ?? '')) ? 'proof' : undefined;
    };
  }
}

/**
 * After a held-back DPoP refusal: a nonce demand gets the one retry (the nonce is
 * remembered by then); a refused proof, or a second demand (a loop), is a problem rather
 * than a token refresh, which could not help.
 */
export async function afterDpopRefusal(refusal: DpopRefusal, again: () => Promise<ExchangeOutcome>, provider: string): Promise<ExchangeOutcome> {
  if (refusal === 'proof') throw dpopRejected(provider, 'refused our DPoP proof');
  const outcome = await again();
  if (outcome.kind !== 'rejected' || !outcome.dpop) return outcome;
  throw dpopRejected(provider, outcome.dpop === 'nonce' ? 'demanded a new DPoP nonce again after one retry' : 'refused our DPoP proof');
}

const dpopRejected = (provider: string, what: string) => new DomainError('upstream_dpop_rejected', 502, `${provider} ${what}.`, { provider });
