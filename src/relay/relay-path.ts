import { headerInvalid, pathInvalid } from './relay-errors.js';

/** A relayed URL after normalisation: what the allowlist is matched against and what goes upstream. */
export interface RelayUrl {
  /** The provider id segment, decoded. */
  provider: string;
  /** Decoded path segments (a trailing slash leaves a final empty one). */
  segments: string[];
  /** The canonical upstream path: `/` + each segment percent-encoded afresh. */
  path: string;
  /** The caller's query string without `?`, passed through byte for byte ('' when none). */
  query: string;
}

// `/v1/api/{provider}{/path}{?query}`; Express matches routes case-insensitively, so does this.
const RELAY_URL = /^\/v1\/api\/([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?$/i;
// RFC 3986 pchar plus `/` and `%`: anything else raw (backslash, space, quotes, control, non-ASCII) is refused.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// Encoded `/` and `\` change the segment structure after the upstream decodes; `%25` is double encoding (`%252e` -> `%2e` -> `.`).
const ENCODED_SEPARATOR = /%(?:2f|5c)/i;
const DOUBLE_ENCODING = /%25/i;
const CRLF = /[\r\n]|%0[ad]/i;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/;
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
const QUERY_CHARS = /^[\x21-\x7e]*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * Normalises the raw request target (`req.originalUrl`, never the decoded params) BEFORE
 * any allowlist matching, refusing every spelling that could make the upstream resolve a
 * different path than the one matched: dot segments (plain, encoded, double-encoded, or
 * `..;`), backslashes, encoded slashes, empty segments, schemes, control characters.
 * CR/LF anywhere is header smuggling and answers `relay_header_invalid`.
 */
export function normaliseRelayUrl(originalUrl: string): RelayUrl {
  if (CRLF.test(originalUrl)) throw headerInvalid('CR or LF in the URL');
  const match = RELAY_URL.exec(originalUrl);
  if (!match) throw pathInvalid('it must be /v1/api/{provider}/{path}');
  const [, rawProvider, rawPath = '', query = ''] = match;
  checkQuery(query);
  return { provider: decodeStrict(rawProvider), ...normalisePath(rawPath), query };
}

function checkQuery(query: string): void {
  if (!QUERY_CHARS.test(query) || ENCODED_CONTROL.test(query)) throw headerInvalid('control character or space in the query string');
}

function normalisePath(rawPath: string): { segments: string[]; path: string } {
  if (!rawPath || rawPath === '/') throw pathInvalid('the path is empty');
  if (rawPath.includes('\\')) throw pathInvalid('backslash');
  if (!PATH_CHARS.test(rawPath)) throw pathInvalid('character not allowed in a path');
  if (BAD_ESCAPE.test(rawPath)) throw pathInvalid('malformed percent-encoding');
  if (ENCODED_SEPARATOR.test(rawPath)) throw pathInvalid('encoded slash or backslash');
  if (DOUBLE_ENCODING.test(rawPath)) throw pathInvalid('double percent-encoding');
  const segments = rawPath.slice(1).split('/').map(decodeStrict);
  segments.forEach((segment, index) => checkSegment(segment, index, segments.length));
  return { segments, path: `/${segments.map(encodeURIComponent).join('/')}` };
}

function checkSegment(segment: string, index: number, count: number): void {
  // A trailing slash is kept (it is part of what upstreams route on); an empty interior segment is `//`.
  if (segment === '' && index < count - 1) throw pathInvalid('empty segment (//)');
  if (CONTROL.test(segment)) throw pathInvalid('control character');
  // `..;` is the servlet path-parameter spelling of `..`.
  const bare = segment.split(';')[0];
  if (bare === '.' || bare === '..') throw pathInvalid('dot segment');
  if (index === 0 && SCHEME.test(segment)) throw pathInvalid('absolute URL');
}

function decodeStrict(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw pathInvalid('malformed percent-encoding');
  }
}
