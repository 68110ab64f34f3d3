import type { DpopKey, ProofTarget } from './dpop-key.js';

/** The parts of an answer that say whether the server wants a (new) DPoP nonce. */
export interface DpopAnswer {
  status: number;
  headers: Headers | Record<string, string | string[] | undefined>;
  body?: unknown;
}

function header(headers: DpopAnswer['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * RFC 9449 §8-9: a token endpoint asks for a nonce with 400 `error=use_dpop_nonce`, a
 * resource server with 401 and `WWW-Authenticate: DPoP error="use_dpop_nonce"`; both
 * send the nonce in `DPoP-Nonce`. Returns that nonce, or undefined when this is not such an answer.
 */
export function requestedDpopNonce(answer: DpopAnswer): string | undefined {
  const nonce = header(answer.headers, 'dpop-nonce');
  if (!nonce) return undefined;
  const body = answer.body && typeof answer.body === 'object' ? (answer.body as Record<string, unknown>) : {};
  if (answer.status === 400 && body.error === 'use_dpop_nonce') return nonce;
  if (answer.status === 401 && /error="?use_dpop_nonce/.test(header(answer.headers, 'www-authenticate') ?? '')) return nonce;
  return undefined;
}

/**
 * Remembers each server's latest DPoP nonce (by origin) so the next proof carries it
 * and the usual request needs no retry. In memory: nonces are short-lived and a miss
 * costs one retry.
 */
export class DpopNonces {
  private readonly byOrigin = new Map<string, string>();

  get(url: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin);
  }

  /** Keeps a nonce the server sent on any answer (success included). */
  remember(url: string, answer: Pick<DpopAnswer, 'headers'>): void {
    const nonce = header(answer.headers, 'dpop-nonce');
    if (nonce) this.byOrigin.set(new URL(url).origin, nonce.slice(0, 512));
  }
}

/**
 * Sends a request with a DPoP proof and, when the server demands a nonce, once more
 * with it. A server that demands a nonce again is not retried further (no loops): its
 * second answer is returned for the caller's ordinary error handling.
 */
export async function sendWithDpop<T extends DpopAnswer>(key: DpopKey, target: Omit<ProofTarget, 'nonce'>, nonces: DpopNonces, send: (proof: string) => Promise<T>): Promise<T> {
  const first = await send(await key.proof({ ...target, nonce: nonces.get(target.htu) }));
  nonces.remember(target.htu, first);
  const nonce = requestedDpopNonce(first);
  if (nonce === undefined) return first;
  const second = await send(await key.proof({ ...target, nonce }));
  nonces.remember(target.htu, second);
  return second;
}
