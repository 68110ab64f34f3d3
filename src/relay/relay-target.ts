/**
 * The upstream URL: the configured base (origin plus optional path prefix) followed by
 * the normalised path and the caller's query. The path was built from re-encoded
 * segments with no dot segments, so URL parsing cannot climb out of the base; the
 * origin check is a last line of defence that a relayed call never leaves the host.
 */
export function buildUpstreamUrl(base: string, normalisedPath: string, query: string): URL {
  const baseUrl = new URL(base);
  const prefix = baseUrl.pathname.replace(/\/+$/, '');
  const url = new URL(`${baseUrl.origin}${prefix}${normalisedPath}${query ? `?${query}` : ''}`);
  if (url.origin !== baseUrl.origin || !url.pathname.startsWith(`${prefix}/`)) throw new Error('relay target escaped its base URL');
  return url;
}
