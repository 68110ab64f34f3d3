import type { IncomingHttpHeaders } from 'node:http';
import { headerInvalid } from './relay-errors.js';

/** RFC 9110 §7.6.1 hop-by-hop headers: meaningful for one connection only, in either direction. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

/**
 * Never sent upstream. Credentials and session state of the BFF (cookie, authorization,
 * x-csrf, x-return-to), anything that claims to describe the client or the route (host, forwarded,
 * x-forwarded-*, x-real-ip and friends; x-original-url / method overrides, which some
 * upstream frameworks obey and which would sidestep the allowlist), browser context
 * that belongs to our origin rather than the upstream's (origin, referer, sec-*), and
 * framing headers the HTTP client recomputes (content-length, expect).
 */
const REQUEST_DENY = new Set([
  ...HOP_BY_HOP,
  'host',
  'cookie',
  'cookie2',
  'authorization',
  // A DPoP proof is the BFF's to sign (relay-dpop.ts): one from the browser proves nothing.
  'dpop',
  'x-csrf',
  // Where our login should return to (RETURN_TO_HEADER): meant for the BFF, not the provider.
  'x-return-to',
  'forwarded',
  'via',
  'x-real-ip',
  'x-client-ip',
  'client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'x-cluster-client-ip',
  'x-original-url',
  'x-rewrite-url',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  'origin',
  'referer',
  'content-length',
  'expect',
  'x-request-id',
]);
const REQUEST_DENY_PREFIXES = ['proxy-', 'x-forwarded-', 'sec-'];

/**
 * Never returned to the browser: upstream cookies (they would land on our origin),
 * hop-by-hop framing, CORS and security policy (ours governs our origin: an upstream
 * `Access-Control-Allow-Origin` or a missing CSP must not loosen it), headers that would
 * bind our origin to the upstream's infrastructure (alt-svc, HSTS), challenges the
 * browser cannot answer, and server fingerprints.
 */
const RESPONSE_DENY = new Set([
  ...HOP_BY_HOP,
  'set-cookie',
  'set-cookie2',
  'clear-site-data',
  'alt-svc',
  'strict-transport-security',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'www-authenticate',
  'proxy-authenticate',
  // The nonce is for the BFF's DPoP proofs, not the browser's.
  'dpop-nonce',
  'server',
  'x-powered-by',
  'x-request-id',
  'refresh',
]);
const RESPONSE_DENY_PREFIXES = ['access-control-', 'cross-origin-', 'proxy-'];

// RFC 9110 field-value: visible ASCII, obs-text, SP and HTAB; never CR, LF, NUL or other controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BAD_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;

const NONE: ReadonlySet<string> = new Set();

/** Headers that `Connection` itself names are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionNamed(value: string | string[] | undefined): ReadonlySet<string> {
  if (value === undefined) return NONE;
  const joined = Array.isArray(value) ? value.join(',') : value;
  return new Set(joined.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}

function denied(name: string, exact: Set<string>, prefixes: string[], strip: ReadonlySet<string>, named: ReadonlySet<string>): boolean {
  return exact.has(name) || strip.has(name) || named.has(name) || prefixes.some((p) => name.startsWith(p));
}

function hasBadValue(value: string | string[]): boolean {
  if (typeof value === 'string') return BAD_VALUE.test(value);
  return value.some((v) => BAD_VALUE.test(v));
}

/**
 * The caller's headers as they may go upstream (lower-case names). Refuses CR/LF or
 * other control characters in any header, kept or not: a smuggling attempt is an
 * error, not something to silently clean. `strip` is best given as a Set built once
 * per provider (the relay does), so the hot path allocates nothing for it.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, strip: Iterable<string>, requestId: string): Record<string, string> {
  const stripSet = strip instanceof Set ? (strip as ReadonlySet<string>) : new Set(strip);
  const named = connectionNamed(incoming.connection);
  const out: Record<string, string> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined) continue;
    if (hasBadValue(value)) throw headerInvalid('control character in a header');
    if (denied(name, REQUEST_DENY, REQUEST_DENY_PREFIXES, stripSet, named)) continue;
    out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  out['x-request-id'] = requestId;
  return out;
}

/** Whether an upstream response header may go to the browser (`name` lower-case). */
function keptDownstream(name: string, value: string | string[] | undefined, named: ReadonlySet<string>): value is string | string[] {
  if (value === undefined || denied(name, RESPONSE_DENY, RESPONSE_DENY_PREFIXES, NONE, named)) return false;
  // undici already refuses CR/LF in upstream headers; this keeps a bad value from reaching the response.
  return !hasBadValue(value);
}

/** Upstream response headers as they may go to the browser. */
export function downstreamResponseHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const named = connectionNamed(upstream.connection);
  const out: Record<string, string | string[]> = {};
  for (const rawName in upstream) {
    const value = upstream[rawName];
    const name = rawName.toLowerCase();
    if (keptDownstream(name, value, named)) out[name] = value;
  }
  return out;
}

/**
 * The headers the edge puts on every relayed answer (helmet's, computed once at boot),
 * as name/value pairs, with their lower-case names beside them.
 */
export interface FixedAnswerHeaders {
  readonly pairs: readonly string[];
  readonly lowerNames: readonly string[];
}

export function fixedAnswerHeaders(headers: Iterable<readonly [string, string]>): FixedAnswerHeaders {
  const pairs: string[] = [];
  const lowerNames: string[] = [];
  for (const [name, value] of headers) {
    pairs.push(name, value);
    lowerNames.push(name.toLowerCase());
  }
  return { pairs, lowerNames };
}

/**
 * The whole head of a relayed answer as one flat `[name, value, ...]` list for
 * `writeHead`: the fixed headers, our request id, then the upstream's headers as
 * downstreamResponseHeaders keeps them. Why: when nothing was set on the response
 * before, Node writes such a list as it is, without a header object per response
 * (setHeader one header at a time was the largest allocation of a relayed call).
 * Precedence is what setHeader-then-writeHead gave: a kept upstream header replaces a
 * fixed one of the same name; the request id is always ours (denied from upstream).
 */
export function relayedAnswerHead(fixed: FixedAnswerHeaders, requestId: string, upstream: Record<string, string | string[] | undefined>): (string | string[])[] {
  const named = connectionNamed(upstream.connection);
  const theirs: (string | string[])[] = [];
  // Fixed headers a kept upstream header replaces: rare, so only then is there a set.
  let replaced: Set<string> | undefined;
  for (const rawName in upstream) {
    const value = upstream[rawName];
    const name = rawName.toLowerCase();
    if (!keptDownstream(name, value, named)) continue;
    theirs.push(name, value);
    if (fixed.lowerNames.includes(name)) (replaced ??= new Set()).add(name);
  }
  const head: (string | string[])[] = [];
  for (let i = 0; i < fixed.lowerNames.length; i++) {
    if (replaced?.has(fixed.lowerNames[i]!)) continue;
    head.push(fixed.pairs[2 * i]!, fixed.pairs[2 * i + 1]!);
  }
  head.push('X-Request-Id', requestId);
  for (const item of theirs) head.push(item);
  return head;
}
