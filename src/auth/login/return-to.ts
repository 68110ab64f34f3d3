/**
 * Where to send the browser after login. Only a same-origin path, or an
 * absolute URL on a configured app origin, survives; anything else (other
 * hosts in any spelling, scheme tricks, control characters) becomes "/".
 */
const FALLBACK = '/';
// Characters browsers strip or reinterpret inside URLs: a path holding them can change meaning.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]|%(0[0-9a-f]|1[0-9a-f]|5c|7f)/i;

export function safeReturnTo(raw: unknown, appOrigins: string[]): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2_048) return FALLBACK;
  if (SUSPICIOUS.test(raw)) return FALLBACK;
  if (raw.startsWith('/')) return sameOriginPath(raw);
  return allowedAbsolute(raw, appOrigins);
}

function sameOriginPath(path: string): string {
  // "//evil" and "/\evil" are protocol-relative URLs to another host.
  if (path.startsWith('//')) return FALLBACK;
  const resolved = new URL(path, 'http://bff.invalid');
  if (resolved.origin !== 'http://bff.invalid') return FALLBACK;
  // Dot segments ("/.//evil", "/a/..//evil", "/%2e//evil") normalise into "//evil":
  // judge the path we would actually send, not the one we were given.
  if (resolved.pathname.startsWith('//')) return FALLBACK;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function allowedAbsolute(raw: string, appOrigins: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return FALLBACK;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return FALLBACK;
  if (url.username || url.password) return FALLBACK;
  return appOrigins.includes(url.origin) ? url.toString() : FALLBACK;
}
