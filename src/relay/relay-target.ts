/** A relay base URL parsed once: origin plus optional path prefix (no trailing slash). */
export interface RelayBase {
  origin: string;
  prefix: string;
}

export function parseRelayBase(base: string): RelayBase {
  const url = new URL(base);
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/**
 * The upstream URL: the configured base (origin plus optional path prefix) followed by
 * the normalised path and the caller's query. The path was built from re-encoded
 * segments with no dot segments, so URL parsing cannot climb out of the base; the
 * origin check is a last line of defence that a relayed call never leaves the host.
 */
export function upstreamUrl(base: RelayBase, normalisedPath: string, query: string): URL {
  const url = new URL(`${base.origin}${base.prefix}${normalisedPath}${query ? `?${query}` : ''}`);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${base.prefix}/`)) throw new Error('relay target escaped its base URL');
  return url;
}

export function buildUpstreamUrl(base: string, normalisedPath: string, query: string): URL {
  return upstreamUrl(parseRelayBase(base), normalisedPath, query);
}
